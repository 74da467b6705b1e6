#!/usr/bin/env bash
# Load on the server's web page: how long the sessions page takes to render on the server with many
# sessions, and whether open live timelines slow the REST API down.
#
#   benchmarks/web-load.sh [--sessions N] [--running N] [--streams N] [--duration SECONDS]
#
# Starts the real server on a free loopback port with a throw-away data directory, the dev identity
# provider and the local compute provider; creates N sessions for one person (--running of them on a
# local repository, so they really run; the rest point at a repository that cannot be cloned and end
# Failed, which the page lists all the same); signs a browser session in through the page's own
# device-flow routes; then
#   1. renders the sessions page 50 times and prints the server's own time for it (from its request log);
#   2. runs wrk against GET /auth/me (p50, p99) with no live stream open;
#   3. opens --streams live timelines (server-sent events) on one running session, appends a sync line
#      to its sync-log every 100 ms so that every stream has something to send, and runs wrk again.
# Needs wrk (Debian: apt-get install wrk), curl, python3, git and ssh-keygen.
set -euo pipefail

sessions=200
running=20
streams=100
duration=10
while [ $# -gt 0 ]; do
  case "$1" in
    --sessions) sessions="$2"; shift 2 ;;
    --running) running="$2"; shift 2 ;;
    --streams) streams="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 129 ;;
  esac
done
for tool in wrk curl python3 git ssh-keygen; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed" >&2; exit 255; }
done

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
server_pid=
streams_pid=
cleanup() {
  if [ -n "$streams_pid" ]; then kill "$streams_pid" 2>/dev/null || true; wait "$streams_pid" 2>/dev/null || true; fi
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

mkdir -p "$work/repos/demo" "$work/keys"
(cd "$work/repos/demo" && git init -q -b main && echo hello >README && git add README \
  && git -c user.name=bench -c user.email=bench@example.invalid commit -qm initial)
ssh-keygen -q -t ed25519 -N '' -f "$work/keys/id" -C bench

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"
STEADYSTATE_PORT=$port STEADYSTATE_BIND_ADDRESS=127.0.0.1 STEADYSTATE_DATA_DIR="$work/data" \
  STEADYSTATE_AUTH_PROVIDERS=dev STEADYSTATE_DEV_AUTH=true GITHUB_BASE_URL="file://$work/keys" \
  STEADYSTATE_ALLOWED_REPO_ROOTS="$work/repos" STEADYSTATE_MAX_SESSIONS_PER_USER=$((sessions + 1)) \
  "$root/bin/steadystate" server >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
  curl -fsS "$base/health" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { echo "the server did not start:" >&2; cat "$work/server.log" >&2; exit 255; }
  sleep 0.2
done

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
device=$(curl -fsS -H 'Content-Type: application/json' -d '{"provider":"dev"}' "$base/auth/device")
jwt=$(curl -fsS -H 'Content-Type: application/json' -d "{\"device_code\":\"$(json '["device_code"]' <<<"$device")\"}" \
  "$base/auth/poll" | json '["jwt"]')
login=$(curl -fsS -H "Authorization: Bearer $jwt" "$base/auth/me" | json '["login"]')
cp "$work/keys/id.pub" "$work/keys/$login.keys"
cat >"$work/auth.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $jwt"
LUA
chmod 600 "$work/auth.lua"

echo "creating $sessions sessions ($running running)..." >&2
first=
for i in $(seq 1 "$sessions"); do
  if [ "$i" -le "$running" ]; then repo="$work/repos/demo"; else repo="https://127.0.0.1:9/unreachable-$i.git"; fi
  id=$(curl -fsS -H "Authorization: Bearer $jwt" -H 'Content-Type: application/json' \
    -d "{\"repo_url\":\"$repo\",\"mode\":\"collab\",\"allowed_users\":[\"bob\",\"carol\"],\"viewers\":[\"dave\"]}" \
    "$base/sessions" | json '["id"]')
  [ -z "$first" ] && first=$id
done
for _ in $(seq 1 600); do
  states=$(curl -fsS -H "Authorization: Bearer $jwt" "$base/sessions" | python3 -c \
    'import json,sys; s=json.load(sys.stdin); print(sum(1 for x in s if x["state"] in ("Provisioning",)))')
  [ "$states" = 0 ] && break
  sleep 0.5
done
curl -fsS -H "Authorization: Bearer $jwt" "$base/sessions" | python3 -c \
  'import json,sys,collections; print("session states:", dict(collections.Counter(x["state"] for x in json.load(sys.stdin))))' >&2

# A browser session through the page's own routes: the cookie jar is the browser.
jar="$work/cookies"
csrf=$(curl -fsS -c "$jar" -b "$jar" "$base/" | sed -n 's/.*name="csrf-token" content="\([^"]*\)".*/\1/p')
device=$(curl -fsS -H 'Content-Type: application/json' -d '{"provider":"dev"}' "$base/auth/device")
curl -fsS -c "$jar" -b "$jar" -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
  -d "{\"device_code\":\"$(json '["device_code"]' <<<"$device")\"}" "$base/web/login/poll" >/dev/null
cookie=$(awk '$6=="steadystate_web" {print $7}' "$jar")

cards=$(curl -fsS -b "$jar" "$base/" | grep -o 'class="card"' | wc -l)
before=$(grep -c ' GET / 200 ' "$work/server.log" || true)
for _ in $(seq 1 50); do curl -fsS -o /dev/null -b "$jar" "$base/"; done
grep ' GET / 200 ' "$work/server.log" | tail -n +"$((before + 1))" | sed -n 's/.* GET \/ 200 \([0-9]*\)us.*/\1/p' \
  | sort -n | awk -v cards="$cards" '{v[NR]=$1} END {
      printf "sessions page, %d cards, server time over %d renders: median %.1f ms, p99 %.1f ms, max %.1f ms\n",
        cards, NR, v[int((NR+1)/2)]/1000, v[int(NR*0.99+0.999)]/1000, v[NR]/1000 }'

wrk_me() { # label
  local out="$work/wrk-$RANDOM.txt"
  wrk -t2 -c32 -d"${duration}s" --latency -s "$work/auth.lua" "$base/auth/me" >"$out"
  printf '%-34s %10s req/s   p50 %8s   p99 %8s\n' "$1" "$(awk '/^Requests\/sec/ {print $2}' "$out")" \
    "$(awk '$1=="50%" {print $2}' "$out")" "$(awk '$1=="99%" {print $2}' "$out")"
}
wrk -t2 -c32 -d3s -s "$work/auth.lua" "$base/auth/me" >/dev/null # warm-up, not reported
wrk_me "GET /auth/me, no live streams"

# The streams: plain sockets reading server-sent events, as browsers would hold them open.
cat >"$work/streams.py" <<'PY'
import socket, sys, threading, time, os
host, port, path, cookie, n, log = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6]
events = [0] * n
opened = [False] * n
def stream(i):
    s = socket.create_connection((host, port))
    s.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/event-stream\r\nCookie: steadystate_web={cookie}\r\n\r\n".encode())
    buf = b""
    while True:
        data = s.recv(65536)
        if not data:
            return
        if not opened[i] and b" 200 " in data.split(b"\r\n", 1)[0]:
            opened[i] = True
        events[i] += data.count(b"event: prepend")
threads = [threading.Thread(target=stream, args=(i,), daemon=True) for i in range(n)]
for t in threads:
    t.start()
def append():
    while True:
        with open(log, "a") as f:
            f.write('{"time":"%s","user":"bob","event":"sync","commit":"0123456789","pushed":1,"pulled":0,"conflicts":[],"files":["a"]}\n'
                    % time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
        time.sleep(0.1)
threading.Thread(target=append, daemon=True).start()
try:
    while True:
        time.sleep(1)
        print(f"open {sum(opened)} events {sum(events)}", flush=True)
except KeyboardInterrupt:
    pass
PY
running_id=$(curl -fsS -H "Authorization: Bearer $jwt" "$base/sessions" | python3 -c \
  'import json,sys; print(next(x["id"] for x in json.load(sys.stdin) if x["state"]=="Running"))')
python3 "$work/streams.py" 127.0.0.1 "$port" "/web/sessions/$running_id/live" "$cookie" "$streams" \
  "$work/data/sessions/$running_id/sync-log" >"$work/streams.log" 2>&1 &
streams_pid=$!
sleep 3
wrk_me "GET /auth/me, $(tail -n 1 "$work/streams.log" | awk '{print $2}') live streams open"
echo "live streams: $(tail -n 1 "$work/streams.log")"
