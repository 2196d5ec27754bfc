#!/usr/bin/env bash
# Runs every benchmark of this module, writes the JSON results and a markdown summary.
#
#   benchmarks/run.sh [--quick] [--compare BASELINE_SUMMARY_JSON] [--out DIR] [--no-load] [--no-wrk] [--no-build]
#
#   --quick      shorter JMH iterations and load runs (about 5 minutes instead of 10); too noisy
#                for verdicts on a busy machine, enough to see that everything runs
#   --compare F  flag every ratio that moved more than 10% against F (a summary.json saved from an
#                earlier run); the script then exits with status 3
#   --out DIR    where the results go (default: benchmarks/results/<UTC time>)
#   --no-load    skip the server load part (the Java load generator and wrk)
#   --no-wrk     skip only the wrk part (wrk/run-wrk.sh, which installs wrk when it is missing)
#   --no-build   use the benchmarks.jar already built
#
# Results: credential-t1.json, credential-t2.json, json.json, jwt.json (JMH -rf json), load.json,
# wrk.json and wrk.md (the server targets are judged on wrk's figures),
# commands.txt (each command exactly as run), summary.json (ratios, checks, scores) and summary.md.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
quick=0
compare=""
out=""
load=1
wrk=1
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
        --no-build) build=0 ;;
        -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

if [ "$build" = 1 ]; then
    (cd "$here/.." && ./mvnw -B -q -pl benchmarks package -DskipTests)
fi
jar="$here/target/benchmarks.jar"
[ -f "$jar" ] || { echo "run.sh: $jar is missing; build it with ./mvnw -pl benchmarks package" >&2; exit 2; }

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
    # The server jar of this checkout, so build it too unless told not to.
    if [ "$build" = 1 ]; then
        (cd "$here/.." && ./mvnw -B -q -pl reference-server -am package -DskipTests)
    fi
    if run "$here/wrk/run-wrk.sh" --duration "$wrk_duration" --out "$out" > /dev/null; then
        summary_args+=(--wrk "$out/wrk.json")
    else
        echo "run.sh: the wrk run failed; the summary judges no server target on wrk" >&2
    fi
fi
summary_args+=(--commands "$commands" --out "$out")
[ -z "$compare" ] || summary_args+=(--compare "$compare")

set +e
java -cp "$jar" dev.gaus.benchmarks.Summary "${summary_args[@]}" > /dev/null
status=$?
set -e
echo "results in $out (summary.md, summary.json)"
cat "$out/summary.md" | sed -n '/^## Targets/,/^## Ratios/p' | sed '$d'
[ "$status" = 3 ] && echo "run.sh: some ratios moved more than 10% against $compare" >&2
exit "$status"
