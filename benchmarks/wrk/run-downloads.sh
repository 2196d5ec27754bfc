#!/usr/bin/env bash
# Measures update downloads with wrk against nginx serving the same file from disk, over HTTP and HTTPS.
#
#   benchmarks/wrk/run-downloads.sh [--jar SERVER_JAR] [--connections N] [--duration SECONDS]
#                                   [--size-mib N] [--protocols http,https] [--out DIR]
#
# For each protocol, on fresh temporary directories: starts the server jar (default
# reference-server/target/gaus-reference-server.jar; HTTPS: serve --tls-self-signed), publishes a
# file of random bytes (16 MiB by default) with the admin CLI, registers and authenticates a device
# with curl and takes the update's downloadUrl from check-for-updates; starts nginx in the
# foreground on a generated minimal configuration (2 workers, sendfile on; HTTPS: a self-signed
# P-256 certificate for localhost made by openssl, and only the TLS version and cipher the server
# negotiated with a default OpenSSL client) serving the same file; checks that both send
# the file's bytes; then runs wrk (2 threads, 16 connections, 8 s by default) on nginx, on the
# server's downloadUrl and on nginx again. The reference is the mean of the two nginx runs; MB/s
# is bytes read by wrk (10^6 a second, headers included, from its done() totals). Writes
# downloads.json and downloads.md into DIR and prints the table. Installs wrk, curl, jq, openssl
# and nginx (nginx-light) from Debian's packages when they are missing (root only).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
script=run-downloads.sh
. "$root/benchmarks/lib/common.sh"
jar="$root/reference-server/target/gaus-reference-server.jar"
connections=16
duration=8
size_mib=16
protocols="http,https"
out=""
while [ $# -gt 0 ]; do
    case "$1" in
        --jar) jar="$2"; shift ;;
        --connections) connections="$2"; shift ;;
        --duration) duration="$2"; shift ;;
        --size-mib) size_mib="$2"; shift ;;
        --protocols) protocols="$2"; shift ;;
        --out) out="$2"; shift ;;
        -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
        *) echo "run-downloads.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
[ -f "$jar" ] || { echo "run-downloads.sh: $jar is missing; build it with ./mvnw -B -pl reference-server -am package -DskipTests" >&2; exit 2; }
for proto in ${protocols//,/ }; do
    case "$proto" in http|https) ;; *) echo "run-downloads.sh: --protocols takes http and/or https" >&2; exit 2 ;; esac
done

# nginx lives in /usr/sbin, which is not on every user's PATH.
PATH="$PATH:/usr/sbin:/sbin"
need wrk wrk
need curl curl
need jq jq
need openssl openssl
need sha256sum coreutils
need nginx nginx-light nginx

[ -n "$out" ] || out="$root/benchmarks/results/downloads-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
commands="$out/commands.txt"

work="$(mktemp -d)"    # the servers' data dirs (keys in them): this user only
web="$(mktemp -d)"     # nginx's prefix: its workers may run as another user, so readable by all
chmod 755 "$web"
pids=()
secrets=()
stop_all() {
    local pid
    for pid in ${pids[@]+"${pids[@]}"}; do kill "$pid" 2> /dev/null || true; done
    for pid in ${pids[@]+"${pids[@]}"}; do wait "$pid" 2> /dev/null || true; done
    pids=()
}
trap 'stop_all; rm -rf "$work" "$web"' EXIT
trap 'exit 130' INT TERM

# Download tokens, secrets and temporary paths never reach the output directory.
mask() {
    local s sed_args=(-E -e 's#/download/[0-9a-f]{64}#/download/<token>#g' -e "s#$work#<data-dir>#g" -e "s#$web#<nginx-dir>#g")
    for s in ${secrets[@]+"${secrets[@]}"}; do sed_args+=(-e "s#$s#<secret>#g"); done
    sed "${sed_args[@]}"
}
await() {
    # await URL CURL_OPTION...: until URL answers 2xx, at most 60 s.
    local url="$1" i; shift
    for i in $(seq 1 300); do
        curl -sf -o /dev/null "$@" "$url" && return 0
        sleep 0.2
    done
    return 1
}

file="$web/www/update.bin"
mkdir -p "$web/www"
head -c $((size_mib * 1024 * 1024)) /dev/urandom > "$file"
chmod 644 "$file"
file_sha=$(sha256sum "$file" | cut -d' ' -f1)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$web/key.pem" -out "$web/cert.pem" 2> /dev/null
chmod 600 "$web/key.pem"

# start_server PROTOCOL: the server on a fresh data dir, the file published, a device registered;
# sets download_url and server_curl (the curl options that trust its certificate).
start_server() {
    local proto="$1" data="$work/data-$1" port url tls=() access secret body registered session poll token i
    port=$(free_port)
    url="$proto://127.0.0.1:$port"
    [ "$proto" = http ] || tls=(--tls-self-signed)
    java -jar "$jar" serve --host 127.0.0.1 --port "$port" --data-dir "$data" ${tls[@]+"${tls[@]}"} \
        > "$work/server-$proto.log" 2>&1 &
    pids+=($!)
    await "$url/health" -k || { echo "run-downloads.sh: the server did not start:" >&2; mask < "$work/server-$proto.log" >&2; exit 1; }
    server_curl=()
    [ "$proto" = http ] || server_curl=(--cacert "$data/gaus-ca.pem")
    java -jar "$jar" update publish --product demo --type firmware --version 2.0.0 --file "$file" --data-dir "$data" > /dev/null
    access=$(sed -n 's/^PRODUCT_ACCESS_KEY=//p' "$data/bootstrap.conf" | tr -d '"')
    secret=$(sed -n 's/^PRODUCT_SECRET_KEY=//p' "$data/bootstrap.conf" | tr -d '"')
    secrets+=("$secret")
    # Bodies go in on standard input: options are visible in the process list.
    body="{\"deviceId\":\"download-device\",\"productAuthParameters\":{\"accessKey\":\"$access\",\"secretKey\":\"$secret\"}}"
    registered=$(curl -sf "${server_curl[@]}" -H 'Content-Type: application/json' --data-binary @- "$url/register" <<< "$body")
    secrets+=("$(jq -r .deviceAuthParameters.secretKey <<< "$registered")")
    body="{\"deviceAuthParameters\":{\"accessKey\":\"$(jq -r .deviceAuthParameters.accessKey <<< "$registered")\",\"secretKey\":\"${secrets[-1]}\"}}"
    session=$(curl -sf "${server_curl[@]}" -H 'Content-Type: application/json' --data-binary @- "$url/authenticate" <<< "$body")
    token=$(jq -r .token <<< "$session")
    secrets+=("$token")
    poll="$url/device/$(jq -r .productGUID <<< "$session")/$(jq -r .deviceGUID <<< "$session")/check-for-updates?firmware-version=1.0.0"
    download_url=""
    # A catalog change reaches a running server within a bounded time: ask until the update is offered.
    for i in $(seq 1 50); do
        download_url=$(curl -sf "${server_curl[@]}" -H @- "$poll" <<< "Authorization: Bearer $token" \
            | jq -r '.updates[0].downloadUrl // empty' || true)
        [ -z "$download_url" ] || break
        sleep 0.2
    done
    [ -n "$download_url" ] || { echo "run-downloads.sh: check-for-updates offered no downloadUrl" >&2; exit 1; }
}

# start_nginx PROTOCOL [TLS_VERSION CIPHER]: nginx in the foreground serving the file; sets
# nginx_url. Over HTTPS it offers only the version and cipher the server negotiated, so that both
# do the same cryptographic work (nginx 1.22 alone would settle on TLS 1.2 with AES-256).
start_nginx() {
    local proto="$1" version="${2:-}" suite="${3:-}" port conf listen tls=""
    port=$(free_port)
    conf="$web/nginx-$proto.conf"
    listen="127.0.0.1:$port"
    if [ "$proto" = https ]; then
        listen+=" ssl"
        tls="ssl_certificate $web/cert.pem; ssl_certificate_key $web/key.pem; ssl_protocols $version;"
        if [ "$version" = TLSv1.3 ]; then
            tls+=" ssl_conf_command Ciphersuites $suite;"
        else
            tls+=" ssl_ciphers $suite;"
        fi
    fi
    mkdir -p "$web/temp-$proto"
    cat > "$conf" << EOF
daemon off;
worker_processes 2;
pid $web/nginx-$proto.pid;
error_log $web/error-$proto.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    default_type application/octet-stream;
    client_body_temp_path $web/temp-$proto/body;
    proxy_temp_path $web/temp-$proto/proxy;
    fastcgi_temp_path $web/temp-$proto/fastcgi;
    server {
        listen $listen;
        $tls
        root $web/www;
    }
}
EOF
    nginx -p "$web" -e "$web/error-$proto.log" -c "$conf" &
    pids+=($!)
    nginx_url="$proto://127.0.0.1:$port/update.bin"
    await "$nginx_url" -k -r 0-0 || { echo "run-downloads.sh: nginx did not start:" >&2; cat "$web/error-$proto.log" >&2; exit 1; }
}

# negotiated HOST:PORT: the TLS version and cipher a default client gets.
negotiated() {
    openssl s_client -connect "$1" < /dev/null 2> /dev/null \
        | sed -n 's/^New, \(TLSv[0-9.]*\), Cipher is \(.*\)$/\1 \2/p' | head -1
}

# measure NAME URL: one wrk run; prints "<MB/s> <req/s> <p50 ms> <p99 ms> <errors>".
measure() {
    local name="$1" url="$2"
    local cmd=(wrk -t2 -c"$connections" -d"${duration}s" --timeout 30s --latency -s "$here/download.lua" "$url")
    mask <<< "${cmd[*]//$here\//benchmarks/wrk/}" >> "$commands"
    "${cmd[@]}" | mask > "$out/download-$name.txt"
    awk '/^download-totals / { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
        END {
            if (v["duration_us"] + 0 == 0) exit 1
            printf "%.1f %.2f %.1f %.1f %d\n", v["bytes"] / v["duration_us"], v["requests"] * 1e6 / v["duration_us"],
                v["p50_us"] / 1000, v["p99_us"] / 1000, v["connect"] + v["read"] + v["write"] + v["status"] + v["timeout"]
        }' "$out/download-$name.txt"
}

declare -A result
declare -A cipher
for proto in ${protocols//,/ }; do
    start_server "$proto"
    if [ "$proto" = https ]; then
        cipher[server]=$(negotiated "$(sed -E 's#^https://([^/]+)/.*#\1#' <<< "$download_url")")
        [ -n "${cipher[server]}" ] || { echo "run-downloads.sh: no TLS handshake with the server" >&2; exit 1; }
        start_nginx "$proto" ${cipher[server]}
        cipher[nginx]=$(negotiated "$(sed -E 's#^https://([^/]+)/.*#\1#' <<< "$nginx_url")")
        [ "${cipher[nginx]}" = "${cipher[server]}" ] \
            || echo "run-downloads.sh: nginx negotiated ${cipher[nginx]}, the server ${cipher[server]}" >&2
    else
        start_nginx "$proto"
    fi
    for url in "$download_url" "$nginx_url"; do
        got=$(curl -sf -k "$url" | sha256sum | cut -d' ' -f1)
        [ "$got" = "$file_sha" ] || { echo "run-downloads.sh: $(mask <<< "$url") did not send the published file" >&2; exit 1; }
    done
    # Warm-up: the server's download path compiled (and TLS set up) before anything is measured.
    wrk -t2 -c"$connections" -d3s --timeout 30s "$download_url" > /dev/null
    wrk -t2 -c"$connections" -d1s --timeout 30s "$nginx_url" > /dev/null
    result[$proto-nginx]=$(measure "$proto-nginx" "$nginx_url")
    result[$proto-server]=$(measure "$proto-server" "$download_url")
    result[$proto-nginx-after]=$(measure "$proto-nginx-after" "$nginx_url")
    mask < "$work/server-$proto.log" > "$out/download-server-$proto.log"
    stop_all
done

{
    echo "| protocol | run | MB/s | req/s | p50 ms | p99 ms | errors | ratio to nginx |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|"
    for proto in ${protocols//,/ }; do
        before=$(cut -d' ' -f1 <<< "${result[$proto-nginx]}")
        after=$(cut -d' ' -f1 <<< "${result[$proto-nginx-after]}")
        for run in nginx server nginx-after; do
            read -r mbps rps p50 p99 errors <<< "${result[$proto-$run]}"
            ratio=$(awk -v r="$mbps" -v a="$before" -v b="$after" 'BEGIN { printf "%.3f", r / ((a + b) / 2) }')
            echo "| $proto | $run | $mbps | $rps | $p50 | $p99 | $errors | $ratio |"
        done
    done
    echo
    echo "wrk -t2 -c$connections -d${duration}s on a ${size_mib} MiB file; MB/s is 10^6 bytes read per second" \
        "(headers included); the ratio is to the mean of the two nginx runs; target >= 0.8."
    [ -z "${cipher[server]:-}" ] || echo "TLS negotiated by a default OpenSSL client (nginx offers only what the server chose): server ${cipher[server]}, nginx ${cipher[nginx]}."
} > "$out/downloads.md"

protocol_json() {
    # protocol_json PROTOCOL: the runs, the reference and the ratio of one protocol, or null.
    local proto="$1"
    [ -n "${result[$proto-server]:-}" ] || { echo null; return; }
    jq -n --arg nginx "${result[$proto-nginx]}" --arg server "${result[$proto-server]}" \
        --arg after "${result[$proto-nginx-after]}" --arg serverTls "${cipher[server]:-}" --arg nginxTls "${cipher[nginx]:-}" \
        --arg proto "$proto" '
        def run(s): (s | split(" ")) as $f
            | {megabytesPerSecond: ($f[0] | tonumber), requestsPerSecond: ($f[1] | tonumber),
               p50Millis: ($f[2] | tonumber), p99Millis: ($f[3] | tonumber), errors: ($f[4] | tonumber)};
        {runs: {nginx: run($nginx), server: run($server), "nginx-after": run($after)}}
        | .reference = ((.runs.nginx.megabytesPerSecond + .runs["nginx-after"].megabytesPerSecond) / 2)
        | .ratio = (.runs.server.megabytesPerSecond / .reference)
        | if $proto == "https" then .tls = {server: $serverTls, nginx: $nginxTls} else . end'
}
jq -n --arg connections "$connections" --arg duration "$duration" --arg bytes "$((size_mib * 1024 * 1024))" \
    --arg wrk "$(wrk --version 2>&1 | head -1 | awk '{print $2}')" \
    --arg nginx "$(nginx -v 2>&1 | sed 's#.*nginx/##')" \
    --argjson http "$(protocol_json http)" --argjson https "$(protocol_json https)" '
    {tool: "wrk", wrkVersion: $wrk, reference: "nginx", nginxVersion: $nginx, threads: 2,
     connections: ($connections | tonumber), durationSeconds: ($duration | tonumber), fileBytes: ($bytes | tonumber),
     http: $http, https: $https}
    | .ratios = ({http: .http.ratio, https: .https.ratio} | with_entries(select(.value != null)))' > "$out/downloads.json"
cat "$out/downloads.md"
echo "wrk $(jq -r .wrkVersion "$out/downloads.json"), nginx $(jq -r .nginxVersion "$out/downloads.json"); results in $out"
