#!/usr/bin/env bash
# Measures the device CLI the way a factory runs it, with hyperfine (a tool nobody here wrote):
#
#   benchmarks/cli/run-cli.sh [--devices N] [--runs N] [--parallel N] [--out DIR]
#
# Starts the reference server jar on a fresh SQLite store, then
#   1. one `gaus-device register` (with the class-data archive and the flags sdk-device/README.md
#      recommends, and plain `java -jar`) against `curl` posting the same request: the floor;
#   2. `gaus-device provision` of N device ids (default 10,000) into an empty folder per run.
# Peak memory of one register comes from GNU time (`/usr/bin/time -v`). Writes cli.json (the
# figures), cli.md and hyperfine's own JSON exports into DIR. Installs hyperfine, GNU time, curl
# and jq from Debian's packages when missing (root only).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
script=run-cli.sh
. "$root/benchmarks/lib/common.sh"
server_jar="$root/reference-server/target/gaus-reference-server.jar"
device_jar="$root/sdk-device/target/gaus-device.jar"
archive="$root/sdk-device/target/gaus-device.jsa"
devices=10000
runs=5
parallel=""
out=""
while [ $# -gt 0 ]; do
    case "$1" in
        --devices) devices="$2"; shift ;;
        --runs) runs="$2"; shift ;;
        --parallel) parallel="$2"; shift ;;
        --out) out="$2"; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "run-cli.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
for jar in "$server_jar" "$device_jar" "$archive"; do
    [ -f "$jar" ] || { echo "run-cli.sh: $jar is missing; build with ./mvnw -B -pl reference-server,sdk-device -am package -DskipTests" >&2; exit 2; }
done
need hyperfine hyperfine; need curl curl; need jq jq
[ -x /usr/bin/time ] || need /usr/bin/time time
[ -n "$out" ] || out="$root/benchmarks/results/cli-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"

work="$(mktemp -d)"
data="$work/server"
port="$(free_port 18081)"
url="http://127.0.0.1:$port"
java -jar "$server_jar" serve --host 127.0.0.1 --port "$port" --data-dir "$data" --auth-guess-limit 0 \
    --auth-spray-limit 0 > "$work/server.log" 2>&1 &
server=$!
cleanup() {
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
await_health "$url"

bootstrap="$data/bootstrap.conf"
access=$(sed -n 's/^PRODUCT_ACCESS_KEY=//p' "$bootstrap" | tr -d '"')
secret=$(sed -n 's/^PRODUCT_SECRET_KEY=//p' "$bootstrap" | tr -d '"')
# The body goes through a file so that the product secret is not on any command line.
printf '{"deviceId":"curl-unit","productAuthParameters":{"accessKey":"%s","secretKey":"%s"}}' "$access" "$secret" \
    > "$work/register.json"
fast="java -XX:SharedArchiveFile=$archive -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar $device_jar"
plain="java -jar $device_jar"
seq -f 'line-unit-%06g' 1 "$devices" > "$work/ids.txt"
provision_flags=""
[ -z "$parallel" ] || provision_flags="--parallel $parallel"

hyperfine --runs 20 --warmup 2 --export-json "$out/register.hyperfine.json" \
    --prepare "rm -rf $work/state" \
    -n curl "curl -sf -o /dev/null -H 'Content-Type: application/json' --data-binary @$work/register.json $url/register" \
    -n "register (archive)" "$fast register --bootstrap $bootstrap --state $work/state/device.data --device-id cli-unit" \
    -n "register (java -jar)" "$plain register --bootstrap $bootstrap --state $work/state/device.data --device-id cli-unit" \
    > "$out/register.hyperfine.txt"
rm -rf "$work/state"
/usr/bin/time -v $fast register --bootstrap "$bootstrap" --state "$work/state/device.data" --device-id cli-unit \
    > /dev/null 2> "$work/time.txt"
rss_kib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")

# Each run provisions into a folder of its own, and none is removed until the end: on ext4
# without a journal, the kernel skips every inode freed in the last 100 minutes whose inode
# table block is still cached, so creating files after thousands were deleted (by an earlier
# run, or a build) costs many times more system time, which a factory that keeps its state files
# never pays. For the same reason, as root, the kernel's caches are dropped first; the warm-up
# run then reads back what the server and the JVM need, and lets the server compile its
# registration path.
if [ "$(id -u)" = 0 ]; then
    sync
    echo 3 > /proc/sys/vm/drop_caches || true
fi
echo 0 > "$work/run"
hyperfine --runs "$runs" --warmup 1 --export-json "$out/provision.hyperfine.json" \
    --prepare "echo \$((\$(cat $work/run) + 1)) > $work/run" \
    -n "provision $devices" "$fast provision --bootstrap $bootstrap --device-ids $work/ids.txt --out-dir $work/out-\$(cat $work/run) $provision_flags" \
    > "$out/provision.hyperfine.txt"
files=$(find "$work/out-$(cat "$work/run")" -name '*.data' | wc -l)
[ "$files" = "$devices" ] || { echo "run-cli.sh: provision wrote $files state files, not $devices" >&2; exit 1; }

jq -n --slurpfile r "$out/register.hyperfine.json" --slurpfile p "$out/provision.hyperfine.json" \
    --argjson devices "$devices" --argjson rss "$rss_kib" '{
      tool: "hyperfine; peak memory: GNU time",
      register: ($r[0].results | map({name: .command, median_s: .median, mean_s: .mean, min_s: .min})),
      register_peak_rss_mib: ($rss / 1024),
      provision: ($p[0].results[0] | {devices: $devices, mean_s: .mean, min_s: .min,
                  devices_per_s: ($devices / .mean)})
    }' > "$out/cli.json"
jq -r '"| measurement | figure |\n|---|---|",
  (.register[] | "| \(.name): median wall time | \(.median_s * 1000 | floor) ms |"),
  "| register (archive): peak RSS | \(.register_peak_rss_mib | floor) MiB |",
  "| provision \(.provision.devices): mean wall time | \(.provision.mean_s * 100 | floor / 100) s |",
  "| provision: devices/s (mean) | \(.provision.devices_per_s | floor) |"' "$out/cli.json" | tee "$out/cli.md"
