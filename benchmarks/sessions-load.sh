#!/usr/bin/env bash
# Sessions on one machine: time from `steadystate up` to the first command over SSH on a repository of
# FILES files, then how many sessions with one open SSH connection each the server holds.
#
#   benchmarks/sessions-load.sh [--files 5000] [--sessions 40]
#
# Starts the real server on a free loopback port with a throw-away data dir and the dev identity
# provider (the local OS user), serves that user's public key the way GitHub's /<login>.keys would on
# loopback, and drives the real CLI and the system ssh. Everything it starts is stopped at the end.
set -euo pipefail

files=5000
sessions=40
while [ $# -gt 0 ]; do
  case "$1" in
    --files) files="$2"; shift 2 ;;
    --sessions) sessions="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 129 ;;
  esac
done
for tool in git ssh ssh-keygen python3 curl; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 255; }
done

root=$(cd "$(dirname "$0")/.." && pwd)
cli="$root/bin/steadystate"
work=$(mktemp -d)
pids=()
cleanup() {
  # Children first: the held connections are pipelines (sleep | ssh) inside subshells.
  for p in "${pids[@]}"; do pkill -TERM -P "$p" 2>/dev/null || true; kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
me=$(id -un)
mkdir -p "$work/keys" "$work/www" "$work/repos/big"
ssh-keygen -q -t ed25519 -N "" -f "$work/keys/me"
cp "$work/keys/me.pub" "$work/www/$me.keys"
keys_port=$(free_port)
python3 -m http.server "$keys_port" --bind 127.0.0.1 --directory "$work/www" >/dev/null 2>&1 &
pids+=($!)

echo "making a repository of $files files..." >&2
python3 - "$work/repos/big" "$files" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(root, "src", "pkg%02d" % (i % 50))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "File%05d.java" % i), "w") as f:
        f.write("class File%05d {\n    int value = %d;\n}\n" % (i, i))
PY
git -C "$work/repos/big" init -q -b main
git -C "$work/repos/big" add -A
git -C "$work/repos/big" -c user.name=bench -c user.email=bench@example.invalid commit -q -m "$files files"

port=$(free_port)
export STEADYSTATE_BACKEND_URL="http://127.0.0.1:$port" STEADYSTATE_CONFIG_DIR="$work/config"
STEADYSTATE_PORT=$port STEADYSTATE_DATA_DIR="$work/data" STEADYSTATE_AUTH_PROVIDERS=dev STEADYSTATE_DEV_AUTH=true \
  GITHUB_BASE_URL="http://127.0.0.1:$keys_port" STEADYSTATE_ALLOWED_REPO_ROOTS="$work/repos" \
  "$cli" server >"$work/server.log" 2>&1 &
server_pid=$!
pids+=($server_pid)
for _ in $(seq 1 300); do curl -fsS "$STEADYSTATE_BACKEND_URL/health" >/dev/null 2>&1 && break; sleep 0.2; done
"$cli" login --provider dev >/dev/null 2>&1

ms() { date +%s%3N; }
start=$(ms)
"$cli" up --wait --json "$work/repos/big" >"$work/up.json" 2>/dev/null
link=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["magic_link"])' "$work/up.json")
echo 'exit 0' | "$cli" join -i "$work/keys/me" "$link" >/dev/null 2>&1
first=$(( $(ms) - start ))
echo "up -> first command over ssh, $files files: ${first} ms (CLI start-up included)"

java_pid=$(pgrep -f -P "$server_pid" java || echo "$server_pid")
rss() { awk '/VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
echo "holding sessions with one open SSH connection each (up to $sessions)..." >&2
held=0
for i in $(seq 1 "$sessions"); do
  if ! "$cli" up --wait --json "$work/repos/big" >"$work/up-$i.json" 2>"$work/up-$i.err"; then
    echo "session $i failed: $(tail -1 "$work/up-$i.err")" >&2
    break
  fi
  l=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["magic_link"])' "$work/up-$i.json")
  argv=$("$cli" join --print -i "$work/keys/me" "$l" 2>/dev/null)
  # Hold the connection open: a shell that sleeps, fed from a pipe that stays open.
  (sleep 3600 | eval "$argv" >/dev/null 2>&1) &
  pids+=($!)
  held=$i
done
sleep 3
open=$(ss -tn state established 2>/dev/null | grep -c "127.0.0.1" || true)
echo "sessions held: $held, server RSS $(( $(rss "$java_pid") / 1024 )) MiB, established loopback TCP connections: $open"
