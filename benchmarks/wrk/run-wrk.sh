#!/usr/bin/env bash
# Measures the reference server with wrk, a load generator nobody here wrote, in its own process.
#
#   benchmarks/wrk/run-wrk.sh [--jar SERVER_JAR] [--connections N] [--duration SECONDS] [--out DIR]
#
# Starts the server jar (default reference-server/target/gaus-reference-server.jar) on a fresh
# SQLite store, then runs wrk with 2 threads for each scenario in turn: /health, durable
# registrations, authentications and check-for-updates answered 304, then /health again. Each
# phase starts once the server is quiet (lib/common.sh, await_quiet). The reference rate is the
# mean of the two /health runs. Writes wrk.json and wrk.md into DIR and
# prints the table. Installs wrk from Debian's packages when it is missing (root only).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
script=run-wrk.sh
. "$root/benchmarks/lib/common.sh"
jar="$root/reference-server/target/gaus-reference-server.jar"
connections=64
duration=8
out=""
while [ $# -gt 0 ]; do
    case "$1" in
        --jar) jar="$2"; shift ;;
        --connections) connections="$2"; shift ;;
        --duration) duration="$2"; shift ;;
        --out) out="$2"; shift ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "run-wrk.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
[ -f "$jar" ] || { echo "run-wrk.sh: $jar is missing; build it with ./mvnw -B -pl reference-server -am package -DskipTests" >&2; exit 2; }
need wrk wrk; need curl curl; need jq jq
[ -n "$out" ] || out="$root/benchmarks/results/wrk-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"

data="$(mktemp -d)"
port="$(free_port 18080)"
url="http://127.0.0.1:$port"
# Failures are not measured here, so throttling is off: the server would be measuring its 429s.
java -jar "$jar" serve --host 127.0.0.1 --port "$port" --data-dir "$data" --auth-guess-limit 0 --auth-spray-limit 0 \
    > "$out/server.log" 2>&1 &
server=$!
# wait returns the server's 143 after the kill: under set -e that would become the script's status.
# The server's log names the temporary data dir: masked, like the other scripts' outputs.
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; sed -i "s#$data#<data-dir>#g" "$out/server.log" || true
      rm -rf "$data"' EXIT
await_health "$url"

access=$(sed -n 's/^PRODUCT_ACCESS_KEY=//p' "$data/bootstrap.conf" | tr -d '"')
secret=$(sed -n 's/^PRODUCT_SECRET_KEY=//p' "$data/bootstrap.conf" | tr -d '"')
register_body="{\"deviceId\":\"wrk-device\",\"productAuthParameters\":{\"accessKey\":\"$access\",\"secretKey\":\"$secret\"}}"
registered=$(curl -sf -H 'Content-Type: application/json' -d "$register_body" "$url/register")
device_access=$(jq -r .deviceAuthParameters.accessKey <<< "$registered")
device_secret=$(jq -r .deviceAuthParameters.secretKey <<< "$registered")
authenticate_body="{\"deviceAuthParameters\":{\"accessKey\":\"$device_access\",\"secretKey\":\"$device_secret\"}}"
session=$(curl -sf -H 'Content-Type: application/json' -d "$authenticate_body" "$url/authenticate")
poll_url="$url/device/$(jq -r .productGUID <<< "$session")/$(jq -r .deviceGUID <<< "$session")/check-for-updates?firmware-version=1.0.0"
token=$(jq -r .token <<< "$session")
etag=$(curl -sf -D - -o /dev/null -H "Authorization: Bearer $token" "$poll_url" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')

# Appended to: run.sh keeps every command of its run in the same file.
commands="$out/commands.txt"
# One run: prints "<requests/s> <p50 ms> <p99 ms> <non-2xx/3xx answers> <socket errors>".
measure() {
    local name="$1"; shift
    local cmd=(wrk -t2 -c"$connections" -d"${duration}s" --latency "$@")
    echo "${cmd[*]//$here\//benchmarks/wrk/}" >> "$commands"
    await_quiet "$server"
    "${cmd[@]}" > "$out/$name.txt"
    awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /Requests\/sec/ { rps = $2 }
        /^ +50%/ { p50 = ms($2) }
        /^ +99%/ { p99 = ms($2) }
        /Non-2xx or 3xx/ { bad = $NF }
        /Socket errors/ { gsub(",", ""); errors = $4 + $6 + $8 + $10 }
        END { printf "%s %s %s %d %d\n", rps, p50, p99, bad, errors }' "$out/$name.txt"
}

# Warm-up: the server's hot paths compiled before anything is measured.
wrk -t2 -c"$connections" -d3s "$url/health" > /dev/null
WRK_BODY="$authenticate_body" wrk -t2 -c"$connections" -d5s -s "$here/post.lua" "$url/authenticate" > /dev/null
WRK_BODY="$register_body" wrk -t2 -c"$connections" -d3s -s "$here/post.lua" "$url/register" > /dev/null
WRK_TOKEN="$token" WRK_ETAG="$etag" wrk -t2 -c"$connections" -d3s -s "$here/poll304.lua" "$poll_url" > /dev/null

declare -A result
result[health]=$(measure health "$url/health")
result[register]=$(WRK_BODY="$register_body" measure register -s "$here/post.lua" "$url/register")
result[authenticate]=$(WRK_BODY="$authenticate_body" measure authenticate -s "$here/post.lua" "$url/authenticate")
result[poll304]=$(WRK_TOKEN="$token" WRK_ETAG="$etag" measure poll304 -s "$here/poll304.lua" "$poll_url")
result[health-after]=$(measure health-after "$url/health")

health_before=$(cut -d' ' -f1 <<< "${result[health]}")
health_after=$(cut -d' ' -f1 <<< "${result[health-after]}")
{
    echo "| scenario | connections | req/s | p50 ms | p99 ms | non-2xx/3xx | socket errors | ratio to /health |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    for s in health register authenticate poll304 health-after; do
        read -r rps p50 p99 bad errors <<< "${result[$s]}"
        ratio=$(awk -v r="$rps" -v a="$health_before" -v b="$health_after" 'BEGIN { printf "%.3f", r / ((a + b) / 2) }')
        echo "| $s | $connections | $rps | $p50 | $p99 | $bad | $errors | $ratio |"
    done
} > "$out/wrk.md"
jq -n --arg connections "$connections" --arg duration "$duration" \
    --arg health "${result[health]}" --arg register "${result[register]}" \
    --arg authenticate "${result[authenticate]}" --arg poll304 "${result[poll304]}" \
    --arg healthAfter "${result[health-after]}" '
    def run(s): (s | split(" ")) as $f
        | {requestsPerSecond: ($f[0] | tonumber), p50Millis: ($f[1] | tonumber), p99Millis: ($f[2] | tonumber),
           unexpectedStatuses: ($f[3] | tonumber), socketErrors: ($f[4] | tonumber)};
    {tool: "wrk", connections: ($connections | tonumber), durationSeconds: ($duration | tonumber),
     runs: {health: run($health), register: run($register), authenticate: run($authenticate),
            poll304: run($poll304), "health-after": run($healthAfter)}}
    | .reference = ((.runs.health.requestsPerSecond + .runs["health-after"].requestsPerSecond) / 2)
    | .ratios = {register: (.runs.register.requestsPerSecond / .reference),
                 authenticate: (.runs.authenticate.requestsPerSecond / .reference),
                 poll304: (.runs.poll304.requestsPerSecond / .reference)}' > "$out/wrk.json"
cat "$out/wrk.md"
echo "wrk $(wrk --version 2>&1 | head -1 | awk '{print $2}'); results in $out"
