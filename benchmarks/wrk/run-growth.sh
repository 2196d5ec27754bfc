#!/usr/bin/env bash
# Measures how registrations hold up as the store grows, with wrk (a tool nobody here wrote):
#
#   benchmarks/wrk/run-growth.sh [--devices N] [--duration SECONDS] [--out DIR]
#
# Starts the reference server jar on a fresh SQLite store and measures durable registrations
# (wrk, 2 threads, 64 connections) on the nearly empty store (after a 3-second warm-up), then keeps registering until the
# store holds N devices (default 1,000,000), then measures again; /health is measured before
# each, so each rate has its own reference. Each measured run starts once the server is quiet
# (lib/common.sh, await_quiet): filling the store leaves a WAL checkpoint behind. The devices
# are real registrations, so the bytes per device that the store reports at the end (SQLite's
# page count, read with the sqlite3 shell after the server stopped) are what a fleet costs.
# Writes growth.json and growth.md into DIR.
# Installs wrk, curl, jq and sqlite3 from Debian's packages when missing (root only).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
script=run-growth.sh
. "$root/benchmarks/lib/common.sh"
jar="$root/reference-server/target/gaus-reference-server.jar"
devices=1000000
duration=8
out=""
while [ $# -gt 0 ]; do
    case "$1" in
        --devices) devices="$2"; shift ;;
        --duration) duration="$2"; shift ;;
        --out) out="$2"; shift ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "run-growth.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
[ -f "$jar" ] || { echo "run-growth.sh: $jar is missing; build it with ./mvnw -B -pl reference-server -am package -DskipTests" >&2; exit 2; }
need wrk wrk; need curl curl; need jq jq; need sqlite3 sqlite3
[ -n "$out" ] || out="$root/benchmarks/results/growth-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"

data="$(mktemp -d)"
port="$(free_port 18082)"
url="http://127.0.0.1:$port"
java -jar "$jar" serve --host 127.0.0.1 --port "$port" --data-dir "$data" --auth-guess-limit 0 --auth-spray-limit 0 \
    > "$out/server.log" 2>&1 &
server=$!
stop_server() {
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
}
trap 'stop_server; rm -rf "$data"' EXIT
await_health "$url"

access=$(sed -n 's/^PRODUCT_ACCESS_KEY=//p' "$data/bootstrap.conf" | tr -d '"')
secret=$(sed -n 's/^PRODUCT_SECRET_KEY=//p' "$data/bootstrap.conf" | tr -d '"')
export WRK_BODY="{\"deviceId\":\"growth-device\",\"productAuthParameters\":{\"accessKey\":\"$access\",\"secretKey\":\"$secret\"}}"
count() { sqlite3 "file:$data/gaus.db?mode=ro" "PRAGMA busy_timeout=5000; SELECT COUNT(*) FROM device;" | tail -1; }
rate() {  # prints requests/s of one wrk run, started on a quiet server
    await_quiet "$server"
    wrk -t2 -c64 -d"${duration}s" --latency "$@" > "$out/last.txt"
    awk '/Requests\/sec/ { print $2 }' "$out/last.txt"
}
p99() { awk '/^ +99%/ { v = $2; if (v ~ /us$/) v = v / 1000; else if (v ~ /ms$/) v = v + 0; else if (v ~ /s$/) v = v * 1000; print v }' "$out/last.txt"; }

# Warm-up: the register path compiled before the first measurement; it stores devices too, which
# the table shows (devices during the run).
wrk -t2 -c64 -d3s "$url/health" > /dev/null
wrk -t2 -c64 -d3s -s "$here/post.lua" "$url/register" > /dev/null
health_empty=$(rate "$url/health")
before_empty=$(count)
register_empty=$(rate -s "$here/post.lua" "$url/register"); p99_empty=$(p99)
after_empty=$(count)
while [ "$(count)" -lt "$devices" ]; do
    wrk -t2 -c64 -d10s -s "$here/post.lua" "$url/register" > /dev/null
done
health_full=$(rate "$url/health")
before_full=$(count)
register_full=$(rate -s "$here/post.lua" "$url/register"); p99_full=$(p99)
stop_server
stored=$(count)
bytes=$(sqlite3 "$data/gaus.db" "PRAGMA page_count;" | tail -1)
page=$(sqlite3 "$data/gaus.db" "PRAGMA page_size;" | tail -1)
rm -f "$out/last.txt"

jq -n --arg wrk "$(wrk -v 2>&1 | head -1 | awk '{print $1, $2}')" \
    --argjson he "$health_empty" --argjson re "$register_empty" --argjson pe "$p99_empty" \
    --argjson be "$before_empty" --argjson ae "$after_empty" \
    --argjson hf "$health_full" --argjson rf "$register_full" --argjson pf "$p99_full" \
    --argjson bf "$before_full" --argjson stored "$stored" --argjson pages "$bytes" --argjson page "$page" '{
      tool: $wrk, connections: 64,
      empty: {devices_from: $be, devices_to: $ae, health_rps: $he, register_rps: $re, register_p99_ms: $pe},
      full: {devices_from: $bf, health_rps: $hf, register_rps: $rf, register_p99_ms: $pf},
      ratio_full_to_empty: ($rf / $re),
      ratio_to_health: {empty: ($re / $he), full: ($rf / $hf)},
      store: {devices: $stored, bytes: ($pages * $page), bytes_per_device: (($pages * $page) / $stored)}
    }' > "$out/growth.json"
jq -r '"| store | devices during the run | /health req/s | registrations req/s | p99 ms | ratio to /health |",
  "|---|---|---:|---:|---:|---:|",
  "| nearly empty | \(.empty.devices_from)–\(.empty.devices_to) | \(.empty.health_rps) | \(.empty.register_rps) | \(.empty.register_p99_ms) | \(.ratio_to_health.empty * 1000 | floor / 1000) |",
  "| full | from \(.full.devices_from) | \(.full.health_rps) | \(.full.register_rps) | \(.full.register_p99_ms) | \(.ratio_to_health.full * 1000 | floor / 1000) |",
  "",
  "registrations full / empty: \(.ratio_full_to_empty * 1000 | floor / 1000) (target >= 0.9)",
  "store: \(.store.devices) devices in \(.store.bytes) bytes, \(.store.bytes_per_device | floor) bytes per device (SQLite page count x page size)"' \
    "$out/growth.json" | tee "$out/growth.md"
