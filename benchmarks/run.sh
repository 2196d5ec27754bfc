#!/usr/bin/env bash
# Runs every benchmark of this module, writes the JSON results and a markdown summary.
#
#   benchmarks/run.sh [--quick] [--compare BASELINE_SUMMARY_JSON] [--out DIR] [--no-load] [--no-wrk]
#                     [--no-downloads] [--no-strace] [--no-cli] [--no-growth] [--no-build]
#
#   --quick      shorter JMH iterations and load runs (about 5 minutes instead of 10); too noisy
#                for verdicts on a busy machine, enough to see that everything runs
#   --compare F  flag every ratio that moved more than 10% against F (a summary.json saved from an
#                earlier run); the script then exits with status 3
#   --out DIR    where the results go (default: benchmarks/results/<UTC time>)
#   --no-load    skip the server part (the Java load generator, wrk, the downloads and strace)
#   --no-wrk     skip the wrk parts (wrk/run-wrk.sh and wrk/run-downloads.sh, which install wrk
#                and nginx when they are missing)
#   --no-downloads  skip only the downloads against nginx (wrk/run-downloads.sh)
#   --no-strace  skip the durability check with strace (strace/check-fsync.sh)
#   --no-growth  skip registrations on a store of a million devices (wrk/run-growth.sh; 200,000
#                with --quick)
#   --no-cli     skip the device CLI with hyperfine (cli/run-cli.sh: one register against curl,
#                provision of 10,000 devices; 1,000 with --quick)
#   --no-build   use the benchmarks.jar and the server jar already built
#
# Results: credential-t1.json, credential-t2.json, json.json, jwt.json (JMH -rf json), load.json,
# wrk.json and wrk.md (the server targets are judged on wrk's figures), downloads.json and
# downloads.md (wrk on the server's downloadUrl against nginx, HTTP and HTTPS), fsync.json and
# fsync.txt (strace's verdict), cli.json and cli.md (hyperfine on the device CLI), growth.json and growth.md (registrations
# on an empty store and on a million devices, bytes per device), commands.txt (each command exactly as run), summary.json (ratios,
# checks, scores), summary.md and summary.svg (each ratio against its target and the baseline).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
quick=0
compare=""
out=""
load=1
wrk=1
downloads=1
strace=1
cli=1
growth=1
build=1
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=1 ;;
        --compare)
            [ -f "${2:-}" ] || { echo "run.sh: --compare needs a saved summary.json" >&2; exit 2; }
            compare="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift ;;
        --out)
            [ -n "${2:-}" ] || { echo "run.sh: --out needs a directory" >&2; exit 2; }
            out="$2"; shift ;;
        --no-load) load=0 ;;
        --no-wrk) wrk=0 ;;
        --no-downloads) downloads=0 ;;
        --no-strace) strace=0 ;;
        --no-cli) cli=0 ;;
        --no-growth) growth=0 ;;
        --no-build) build=0 ;;
        -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

if [ "$build" = 1 ]; then
    # -am: the modules of this checkout, not whatever the local repository holds; this also builds
    # the reference server's jar that the wrk, download and strace parts start, and the device
    # CLI's jar and class-data archive.
    (cd "$here/.." && ./mvnw -B -q -pl benchmarks,sdk-device -am package -DskipTests)
fi
jar="$here/target/benchmarks.jar"
[ -f "$jar" ] || { echo "run.sh: $jar is missing; build it with ./mvnw -pl benchmarks -am package -DskipTests" >&2; exit 2; }

[ -n "$out" ] || out="$here/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

if [ "$quick" = 1 ]; then
    jmh_opts=(-f 1 -wi 2 -i 5 -w 1s -r 500ms -prof dev.gaus.benchmarks.CpuTimeProfiler)
    load_opts=(--warmup 1 --duration 2)
else
    jmh_opts=(-f 1 -wi 3 -i 5 -w 1s -r 1s -prof dev.gaus.benchmarks.CpuTimeProfiler)
    # 8-second phases: with 5 the ratios of one run moved by twice as much on the shared machine.
    load_opts=(--warmup 3 --duration 8)
fi

commands="$out/commands.txt"
: > "$commands"
run() {
    # Records the command exactly as run (quoted where a shell needs it), then runs it.
    local line="" arg
    for arg in "$@"; do
        arg="${arg//$jar/benchmarks.jar}"
        arg="${arg//$out\//}"
        [ "$arg" != "$out" ] || arg=.
        arg="${arg//$here\//benchmarks/}"
        if [[ "$arg" =~ [^A-Za-z0-9_./=:,@+-] ]]; then
            arg="'$arg'"
        fi
        line+="${line:+ }$arg"
    done
    echo "$line" >> "$commands"
    "$@"
}

cd "$out"
run java -jar "$jar" 'CredentialBenchmark' -t 1 "${jmh_opts[@]}" -rf json -rff "$out/credential-t1.json"
run java -jar "$jar" 'CredentialBenchmark\.(generate|baseline|nativePrng|drbg)' -t 2 "${jmh_opts[@]}" \
    -rf json -rff "$out/credential-t2.json"
run java -jar "$jar" 'JsonBenchmark' -t 1 "${jmh_opts[@]}" -rf json -rff "$out/json.json"
run java -jar "$jar" 'JwtBenchmark' -t 1 "${jmh_opts[@]}" -rf json -rff "$out/jwt.json"

summary_args=(--jmh "$out/credential-t1.json" --jmh "$out/credential-t2.json" --jmh "$out/json.json"
              --jmh "$out/jwt.json")
if [ "$load" = 1 ]; then
    if run java -cp "$jar" dev.gaus.benchmarks.server.LoadGenerator "${load_opts[@]}" --out "$out/load.json"; then
        summary_args+=(--load "$out/load.json")
    else
        echo "run.sh: the load run failed; the summary has no server figures" >&2
    fi
fi
if [ "$load" = 1 ] && [ "$wrk" = 1 ]; then
    wrk_duration=8
    [ "$quick" = 0 ] || wrk_duration=3
    if run "$here/wrk/run-wrk.sh" --duration "$wrk_duration" --out "$out" > /dev/null; then
        summary_args+=(--wrk "$out/wrk.json")
    else
        echo "run.sh: the wrk run failed; the summary judges no server target on wrk" >&2
    fi
    if [ "$downloads" = 1 ]; then
        if run "$here/wrk/run-downloads.sh" --duration "$wrk_duration" --out "$out" > /dev/null; then
            summary_args+=(--downloads "$out/downloads.json")
        else
            echo "run.sh: the download run failed; the summary judges no download target" >&2
        fi
    fi
fi
if [ "$load" = 1 ] && [ "$strace" = 1 ]; then
    # 0: PASS, 1: FAIL (both judged in the summary), 2: strace missing or not allowed here.
    set +e
    run "$here/strace/check-fsync.sh" --out "$out"
    strace_status=$?
    set -e
    if [ "$strace_status" -le 1 ] && [ -f "$out/fsync.json" ]; then
        summary_args+=(--strace "$out/fsync.json")
    else
        echo "run.sh: the strace check could not run; the summary has no durability verdict" >&2
    fi
fi
if [ "$load" = 1 ] && [ "$wrk" = 1 ] && [ "$growth" = 1 ]; then
    growth_devices=1000000
    [ "$quick" = 0 ] || growth_devices=200000
    run "$here/wrk/run-growth.sh" --devices "$growth_devices" --duration "$wrk_duration" --out "$out" > /dev/null \
        || echo "run.sh: the growth run failed; see wrk/run-growth.sh" >&2
fi
if [ "$load" = 1 ] && [ "$cli" = 1 ]; then
    cli_devices=10000
    [ "$quick" = 0 ] || cli_devices=1000
    run "$here/cli/run-cli.sh" --devices "$cli_devices" --out "$out" > /dev/null \
        || echo "run.sh: the device CLI run failed; see cli/run-cli.sh" >&2
fi
summary_args+=(--commands "$commands" --out "$out")
if [ -n "$compare" ]; then
    summary_args+=(--compare "$compare")
elif [ -f "$here/baseline/summary.json" ]; then
    # Only marked in summary.svg; flagging moves needs --compare.
    summary_args+=(--baseline "$here/baseline/summary.json")
fi

set +e
java -cp "$jar" dev.gaus.benchmarks.Summary "${summary_args[@]}" > /dev/null
status=$?
set -e
echo "results in $out (summary.md, summary.json, summary.svg)"
cat "$out/summary.md" | sed -n '/^## Targets/,/^## Ratios/p' | sed '$d'
[ "$status" = 3 ] && echo "run.sh: some ratios moved more than 10% against $compare" >&2
exit "$status"
