#!/usr/bin/env bash
# Load on the reference server with wrk: GET /auth/me with a valid JWT next to GET /health.
#
#   benchmarks/server-load.sh [--duration SECONDS] [--connections N] [--threads N]
#
# Starts the real server on a free loopback port with a throw-away data directory and the dev
# identity provider, logs in through the REST API, runs wrk against both routes, prints requests/s
# and latency percentiles, and stops the server. Needs wrk (Debian: apt-get install wrk) and curl.
set -euo pipefail

duration=10
connections=32
threads=2
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 129 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 255; }
command -v curl >/dev/null || { echo "curl is not installed" >&2; exit 255; }

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"
STEADYSTATE_PORT=$port STEADYSTATE_BIND_ADDRESS=127.0.0.1 STEADYSTATE_DATA_DIR="$work/data" \
  STEADYSTATE_AUTH_PROVIDERS=dev STEADYSTATE_DEV_AUTH=true \
  "$root/bin/steadystate" server >"$work/server.log" 2>&1 &
server_pid=$!

for _ in $(seq 1 300); do
  curl -fsS "$base/health" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { echo "the server did not start:" >&2; cat "$work/server.log" >&2; exit 255; }
  sleep 0.2
done
curl -fsS "$base/health" >/dev/null || { echo "the server did not answer within 60 s" >&2; exit 255; }

device=$(curl -fsS -H 'Content-Type: application/json' -d '{"provider":"dev"}' "$base/auth/device")
code=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["device_code"])' <<<"$device")
jwt=$(curl -fsS -H 'Content-Type: application/json' -d "{\"device_code\":\"$code\"}" "$base/auth/poll" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["jwt"])')
# wrk reads the header from a Lua script so that the token stays off the command line.
cat >"$work/auth.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $jwt"
LUA
chmod 600 "$work/auth.lua"

run() { # label, path, extra wrk args
  local label=$1 path=$2; shift 2
  local out="$work/wrk-$RANDOM.txt"
  wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$@" "$base$path" >"$out"
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec/ {print $2}' "$out")
  p50=$(awk '$1=="50%" {print $2}' "$out")
  p99=$(awk '$1=="99%" {print $2}' "$out")
  errors=$(awk '/Non-2xx/ {print $NF}' "$out")
  printf '%-16s %12s %10s %10s %10s\n' "$label" "$rps" "$p50" "$p99" "${errors:-0}"
}

echo "wrk: $threads threads, $connections connections, ${duration}s per route, server on loopback"
printf '%-16s %12s %10s %10s %10s\n' route requests/s p50 p99 non-2xx
run "GET /health" /health
run "GET /auth/me" /auth/me -s "$work/auth.lua"
