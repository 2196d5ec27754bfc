#!/usr/bin/env bash
# Checks from outside the JVM, with strace, that a 200 from /register leaves only after its fsync.
#
#   benchmarks/strace/check-fsync.sh [--jar SERVER_JAR] [--out DIR] [--log FILE] [--without-fsync]
#   benchmarks/strace/check-fsync.sh --check LOG
#   benchmarks/strace/check-fsync.sh --self-test
#
# Starts the server jar (default reference-server/target/gaus-reference-server.jar) on a fresh
# data dir under strace -f -tt (open/openat, close, the reads, writes and sends, fsync, fdatasync),
# sends ONE registration with curl, stops the server, and reads the log with fsync-order.awk:
# PASS when an fsync or fdatasync of the SQLite WAL (gaus.db-wal; file descriptors mapped through
# open/openat and close), made after the registration's WAL writes, returned before the thread
# that answered began writing "HTTP/1.1 200" to the registration's socket. Prints the verdict;
# exit status 0 on PASS, 1 on FAIL, 2 when a tool is missing or strace cannot trace here.
# --out DIR      also write fsync.txt (the verdict and the log lines it rests on, keys masked) and
#                fsync.json there
# --log FILE     keep the whole strace log there (the product secret and the data dir masked)
# --without-fsync  run the server under eatmydata, which makes fsync and fdatasync no-ops in the
#                process: the check must then FAIL (that is how one sees that it can)
# --check LOG    only read an existing log
# --self-test    read the logs in testdata/ (one taken from the server, two doctored) and expect
#                their verdicts
# Installs strace (and eatmydata for --without-fsync) from Debian's packages when missing (root only).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
script=check-fsync.sh
. "$root/benchmarks/lib/common.sh"
jar="$root/reference-server/target/gaus-reference-server.jar"
parser="$here/fsync-order.awk"
out=""
mode=live
log=""
without_fsync=0
while [ $# -gt 0 ]; do
    case "$1" in
        --jar) jar="$2"; shift ;;
        --out) out="$2"; shift ;;
        --log) log="$2"; shift ;;
        --without-fsync) without_fsync=1 ;;
        --check)
            [ -f "${2:-}" ] || { echo "check-fsync.sh: --check needs an strace log" >&2; exit 2; }
            mode=check; log="$2"; shift ;;
        --self-test) mode=self-test ;;
        -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
        *) echo "check-fsync.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

if [ "$mode" = check ]; then
    exec awk -f "$parser" "$log"
fi

if [ "$mode" = self-test ]; then
    # Each log with the verdict the parser must reach on it.
    failures=0
    for case in "register-ok.strace PASS" "register-fsync-after-answer.strace FAIL" \
                "register-fsync-of-main-db.strace FAIL"; do
        read -r name expected <<< "$case"
        set +e
        verdict=$(awk -f "$parser" "$here/testdata/$name")
        status=$?
        set -e
        got=FAIL
        [ "$status" != 0 ] || got=PASS
        if [ "$got" = "$expected" ] && [ "${verdict%%:*}" = "$got" ]; then
            echo "self-test: $name: $got as expected ($verdict)"
        else
            echo "self-test: $name: expected $expected, got $got (status $status): $verdict" >&2
            failures=$((failures + 1))
        fi
    done
    [ "$failures" = 0 ] || { echo "check-fsync.sh: the parser's self-test failed" >&2; exit 1; }
    echo "check-fsync.sh: self-test passed"
    exit 0
fi

[ -f "$jar" ] || { echo "check-fsync.sh: $jar is missing; build it with ./mvnw -B -pl reference-server -am package -DskipTests" >&2; exit 2; }
need strace strace
need curl curl
need jq jq
[ "$without_fsync" = 0 ] || need eatmydata eatmydata
if ! strace -f -e trace=none -o /dev/null true 2> /dev/null; then
    echo "check-fsync.sh: strace cannot trace processes here (ptrace not permitted: a container without" \
        "CAP_SYS_PTRACE, or kernel.yama.ptrace_scope = 3)" >&2
    exit 2
fi
strace_opts=(-f -tt -s 64)
# With a seccomp filter only the traced calls stop the process: the JVM starts far faster.
if strace --seccomp-bpf -f -e trace=none -o /dev/null true 2> /dev/null; then
    strace_opts+=(--seccomp-bpf)
fi
# "?" skips a call the architecture does not have (aarch64 has no open).
strace_opts+=(-e 'trace=?open,openat,close,read,recvfrom,readv,write,pwrite64,writev,pwritev,sendto,sendmsg,fsync,fdatasync')

work="$(mktemp -d)"
tracer=""
stop_server() {
    [ -n "$tracer" ] || return 0
    local java_pid
    java_pid=$(ps -o pid= --ppid "$tracer" 2> /dev/null | tr -d ' ' | head -1)
    [ -z "$java_pid" ] || kill "$java_pid" 2> /dev/null || true
    wait "$tracer" 2> /dev/null || true
    tracer=""
}
trap 'stop_server; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

port="$(free_port)"
url="http://127.0.0.1:$port"
wrapper=()
[ "$without_fsync" = 0 ] || wrapper=(eatmydata)
strace "${strace_opts[@]}" -o "$work/strace.txt" ${wrapper[@]+"${wrapper[@]}"} \
    java -jar "$jar" serve --host 127.0.0.1 --port "$port" --data-dir "$work/data" > "$work/server.txt" 2>&1 &
tracer=$!
for _ in $(seq 1 450); do curl -sf -o /dev/null "$url/health" && break; sleep 0.2; done
curl -sf -o /dev/null "$url/health" || { echo "check-fsync.sh: the server did not start under strace:" >&2; cat "$work/server.txt" >&2; exit 1; }

access=$(sed -n 's/^PRODUCT_ACCESS_KEY=//p' "$work/data/bootstrap.conf" | tr -d '"')
secret=$(sed -n 's/^PRODUCT_SECRET_KEY=//p' "$work/data/bootstrap.conf" | tr -d '"')
# The body goes in on standard input (options are visible in the process list); the answer, with
# the device's keys, is not kept.
status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @- "$url/register" \
    <<< "{\"deviceId\":\"fsync-check\",\"productAuthParameters\":{\"accessKey\":\"$access\",\"secretKey\":\"$secret\"}}")
stop_server
[ "$status" = 200 ] || { echo "check-fsync.sh: the registration was answered $status, not 200" >&2; exit 1; }

set +e
verdict=$(awk -f "$parser" "$work/strace.txt")
result=$?
set -e
verdict="${verdict//$work/<data-dir>}"
[ "$without_fsync" = 0 ] || verdict="$verdict (server run under eatmydata: fsync and fdatasync were no-ops)"
echo "strace: $verdict"

if [ -n "$log" ]; then
    sed -e "s#$work#<data-dir>#g" -e "s#$secret#<secret>#g" "$work/strace.txt" > "$log"
fi
if [ -n "$out" ]; then
    mkdir -p "$out"
    {
        echo "strace $(strace -V | head -1 | awk '{print $NF}'), options: ${strace_opts[*]}"
        echo "$verdict"
        echo
        echo "The log lines the verdict rests on (the WAL's opens, then from the registration's request to"
        echo "the first answer: writes at an offset, fsync/fdatasync; hexadecimal runs and paths masked):"
        echo
        grep -E 'gaus\.db-wal"' "$work/strace.txt" | grep -E 'open(at)?\(' || true
        sed -n '/"POST \/register /,/HTTP\/1\.1 [0-9]/p' "$work/strace.txt" \
            | grep -E '"POST /register |pwrite64\(|fsync|fdatasync|HTTP/1\.1 [0-9]' | head -60 || true
    } | sed -E -e "s#$work#<data-dir>#g" -e 's/[0-9a-f]{16,}/<hex>/g' > "$out/fsync.txt"
    jq -n --arg verdict "$verdict" --arg version "$(strace -V | head -1 | awk '{print $NF}')" \
        --argjson withoutFsync "$without_fsync" \
        '{tool: "strace", straceVersion: $version, serverWithoutFsync: ($withoutFsync == 1),
          passed: ($verdict | startswith("PASS")), verdict: $verdict}' > "$out/fsync.json"
fi
exit "$result"
