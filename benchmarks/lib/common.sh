# Shared by the benchmark scripts: sourced, not run. Each script sets `script` to its own name,
# which prefixes every message.

apt_updated=0

# need TOOL PACKAGE...: makes TOOL available, installing the first of the Debian PACKAGEs that
# provides it when it is missing (root only); otherwise says what to install and exits 2.
need() {
    local tool="$1" package; shift
    command -v "$tool" > /dev/null && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
        [ "$apt_updated" = 1 ] || { apt-get update -qq > /dev/null || true; apt_updated=1; }
        for package in "$@"; do
            if apt-get install -y -qq "$package" > /dev/null 2>&1 && command -v "$tool" > /dev/null; then
                return 0
            fi
        done
        echo "$script: $tool is missing and could not be installed (Debian: apt-get install $1)" >&2
    else
        echo "$script: $tool is missing and only root can install it; as root: apt-get install $1" >&2
    fi
    exit 2
}

# free_port [FALLBACK]: a TCP port free on the loopback interface now.
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2> /dev/null \
        || echo "${1:-$((20000 + RANDOM % 20000))}"
}

# await_health URL [TRIES]: waits (0.2 s a try) until URL/health answers; exits 1 when it never does.
await_health() {
    local url="$1" tries="${2:-150}"
    for _ in $(seq 1 "$tries"); do curl -sf -o /dev/null "$url/health" && return 0; sleep 0.2; done
    echo "$script: the server did not start at $url" >&2
    exit 1
}

# await_quiet PID [SECONDS]: waits until process PID used less than a tenth of a core over half a
# second (at most SECONDS, default 30), so that a measured phase does not pay for the background
# work (a WAL checkpoint, a compilation) that the phase before it left.
await_quiet() {
    local pid="$1" most="${2:-30}" hz before after
    hz=$(getconf CLK_TCK)
    for _ in $(seq 1 $((most * 2))); do
        before=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2> /dev/null) || return 0
        sleep 0.5
        after=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2> /dev/null) || return 0
        [ $(((after - before) * 20)) -lt "$hz" ] && return 0
    done
    echo "$script: the server was still busy after ${most} s; measuring anyway" >&2
}
