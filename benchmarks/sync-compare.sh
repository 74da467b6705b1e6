#!/usr/bin/env bash
# Sync latency on a repository of FILES files with CHANGED changed files on each side, next to
#   (a) the same work with git plumbing: git add -A, git commit, git merge-tree --write-tree,
#       git commit-tree + git update-ref (publish the merge), git read-tree -u -m (refresh the worktree);
#   (b) a naive sync that materializes the three trees with one `git show` per file.
#
#   benchmarks/sync-compare.sh [--files 5000] [--changed 10] [--runs 10] [--naive-runs 1]
#
# Every figure is wall time of the whole command as a user runs it, JVM start included for
# `steadystate sync`. Prints one line per method: median, min and max in milliseconds.
#
# `steadystate sync` is timed twice: in a real session (a server on loopback with the dev sign-in,
# `steadystate up`, two people over ssh; the timing runs inside alice's session shell, so ssh itself is
# not counted), where the session's warm sync service does the work; and on a worktree of no session,
# where each sync runs in its own fresh JVM.
set -euo pipefail

files=5000
changed=10
runs=10
naive_runs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --files) files="$2"; shift 2 ;;
    --changed) changed="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --naive-runs) naive_runs="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 129 ;;
  esac
done
for tool in git python3 ssh ssh-keygen curl; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 255; }
done

root=$(cd "$(dirname "$0")/.." && pwd)
cli="$root/bin/steadystate"
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT INT TERM
export GIT_CONFIG_NOSYSTEM=1 HOME="$work" GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com \
  GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com

now_ms() { date +%s%3N; }
stats() { # prints "median min max" of the numbers on stdin
  sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%d %d %d\n", m, a[1], a[NR]}'
}

echo "building the CLI if needed..." >&2
"$cli" --version >/dev/null

echo "creating a repository of $files files..." >&2
src="$work/source"
mkdir -p "$src"
git -C "$src" init -q -b main
python3 - "$src" "$files" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(root, "module%02d" % (i % 50), "pkg%d" % (i % 7))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "File%05d.java" % i), "w") as f:
        f.write("".join("    line %d of file %d\n" % (k, i) for k in range(60)))
PY
git -C "$src" add -A
git -C "$src" commit -qm initial

# A session laid out as the local provider lays it out, with two worktrees.
session="$work/session"
branch=steadystate/collab/bench
mkdir -p "$session/users"
git clone -q --bare "$src" "$session/canonical"
git -C "$session/canonical" branch "$branch" main
printf '.steadystate/\n' > "$session/canonical/info/exclude"
: > "$session/sync-log"
head=$(git -C "$session/canonical" rev-parse "$branch")
for u in alice bob; do
  git --git-dir "$session/canonical" worktree add -q --detach "$session/users/$u/work" "$head"
  mkdir -p "$session/users/$u/work/.steadystate"
  printf '{"session_id":"bench","branch":"%s","last_synced_commit":"%s","user":"%s"}\n' "$branch" "$head" "$u" \
    > "$session/users/$u/work/.steadystate/steadystate.json"
done

# The same starting point for the plumbing run: a clone whose main is the shared branch.
plumb="$work/plumbing"
git clone -q --bare "$src" "$plumb/shared.git"
git clone -q "$plumb/shared.git" "$plumb/mine"
git clone -q "$plumb/shared.git" "$plumb/other"

edit() { # edit DIR ROUND WHO: appends a line to CHANGED files chosen by WHO
  local dir=$1 round=$2 who=$3 i n
  for ((i = 0; i < changed; i++)); do
    if [ "$who" = mine ]; then n=$(( (round * 97 + i * 13) % files )); else n=$(( (round * 89 + i * 17 + files / 2) % files )); fi
    printf '    %s edit %d\n' "$who" "$round" >> "$(printf '%s/module%02d/pkg%d/File%05d.java' "$dir" $((n % 50)) $((n % 7)) "$n")"
  done
}

# Warm the caches and the stat cache as a user's earlier syncs would.
"$cli" sync -C "$session/users/alice/work" >/dev/null
"$cli" sync -C "$session/users/bob/work" >/dev/null

echo "timing steadystate sync ($runs runs)..." >&2
: > "$work/ours"
for ((r = 1; r <= runs; r++)); do
  edit "$session/users/bob/work" "$r" other
  "$cli" sync -C "$session/users/bob/work" >/dev/null
  edit "$session/users/alice/work" "$r" mine
  t0=$(now_ms)
  "$cli" sync -C "$session/users/alice/work" >/dev/null
  echo $(( $(now_ms) - t0 )) >> "$work/ours"
done

echo "timing steadystate sync in a session ($runs runs)..." >&2
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
mkdir -p "$work/keys" "$work/repos"
git clone -q --bare "$src" "$work/repos/project.git"
port=$(free_port)
export STEADYSTATE_BACKEND_URL="http://127.0.0.1:$port" STEADYSTATE_CONFIG_DIR="$work/config"
STEADYSTATE_PORT=$port STEADYSTATE_DATA_DIR="$work/data" STEADYSTATE_AUTH_PROVIDERS=dev STEADYSTATE_DEV_AUTH=true \
  GITHUB_BASE_URL="file://$work/keys" STEADYSTATE_ALLOWED_REPO_ROOTS="$work/repos" \
  "$cli" server >"$work/server.log" 2>&1 &
server_pid=$!
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"; kill $server_pid 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 300); do curl -fsS "$STEADYSTATE_BACKEND_URL/health" >/dev/null 2>&1 && break; sleep 0.2; done
"$cli" login --provider dev >/dev/null 2>&1
me=$("$cli" whoami --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["login"])')
for u in "$me" bench-bob; do
  ssh-keygen -q -t ed25519 -N "" -f "$work/keys/$u"
  cp "$work/keys/$u.pub" "$work/keys/$u.keys"
done
"$cli" up --allow bench-bob --wait --json "$work/repos/project.git" > "$work/up.json"
read -r sid sport hostkey < <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); e=d["endpoint"]; print(d["id"], e.rsplit(":",1)[1], d["host_public_key"])' "$work/up.json")
printf '[127.0.0.1]:%s %s\n' "$sport" "$hostkey" > "$work/known_hosts"
in_session() { # in_session USER: runs stdin as a script in USER's session shell
  ssh -T -p "$sport" -i "$work/keys/$1" -o IdentitiesOnly=yes -o UserKnownHostsFile="$work/known_hosts" \
    -o StrictHostKeyChecking=yes -o BatchMode=yes steadystate@127.0.0.1
}
edit_fn=$(declare -f edit)
for u in "$me" bench-bob; do printf 'cd ~/work && steadystate sync >/dev/null\n' | in_session "$u" >/dev/null; done
: > "$work/session.ms"
for ((r = 1; r <= runs + 2; r++)); do
  printf 'files=%s changed=%s\n%s\ncd ~/work && edit . %s other && steadystate sync >/dev/null\n' \
    "$files" "$changed" "$edit_fn" "$((r + 100))" | in_session bench-bob >/dev/null
  ms=$(printf 'files=%s changed=%s\n%s\ncd ~/work && edit . %s mine\nt0=$(date +%%s%%3N); steadystate sync >/dev/null; echo $(( $(date +%%s%%3N) - t0 ))\n' \
    "$files" "$changed" "$edit_fn" "$((r + 100))" | in_session "$me" | tail -n 1)
  # The first two runs start and warm the session's sync service.
  if [ "$r" -gt 2 ]; then echo "$ms" >> "$work/session.ms"; fi
done
"$cli" down "$sid" >/dev/null 2>&1 || true

echo "timing git plumbing ($runs runs)..." >&2
: > "$work/plumbing.ms"
for ((r = 1; r <= runs; r++)); do
  git -C "$plumb/other" fetch -q origin
  git -C "$plumb/other" reset -q --hard origin/main
  edit "$plumb/other" "$r" other
  git -C "$plumb/other" commit -qam "other $r"
  git -C "$plumb/other" push -q origin HEAD:main
  git -C "$plumb/mine" fetch -q origin
  edit "$plumb/mine" "$r" mine
  t0=$(now_ms)
  (
    cd "$plumb/mine"
    git add -A
    git commit -qm "mine $r"
    tree=$(git merge-tree --write-tree HEAD origin/main)
    merged=$(git commit-tree "$tree" -p origin/main -p HEAD -m "sync $r")
    git update-ref refs/heads/main "$merged"
    git read-tree -u -m HEAD@{1} "$merged"
  )
  echo $(( $(now_ms) - t0 )) >> "$work/plumbing.ms"
  git -C "$plumb/mine" push -q origin main
done

echo "timing the naive sync ($naive_runs runs, one git show per file of three trees)..." >&2
: > "$work/naive.ms"
for ((r = 1; r <= naive_runs; r++)); do
  out="$work/naive/$r"
  t0=$(now_ms)
  for rev in "$branch~2" "$branch~1" "$branch"; do
    mkdir -p "$out/$rev"
    git -C "$session/canonical" ls-tree -r --name-only "$rev" | while IFS= read -r p; do
      mkdir -p "$out/$rev/$(dirname "$p")"
      git -C "$session/canonical" show "$rev:$p" > "$out/$rev/$p"
    done
  done
  echo $(( $(now_ms) - t0 )) >> "$work/naive.ms"
done

read -r sm smin smax < <(stats < "$work/session.ms")
read -r om omin omax < <(stats < "$work/ours")
read -r pm pmin pmax < <(stats < "$work/plumbing.ms")
if [ -s "$work/naive.ms" ]; then read -r nm nmin nmax < <(stats < "$work/naive.ms"); else nm=0 nmin=0 nmax=0; fi
printf 'files=%d changed per side=%d runs=%d\n' "$files" "$changed" "$runs"
printf '%-38s median %6d ms  min %6d  max %6d\n' "steadystate sync (in a session)" "$sm" "$smin" "$smax"
printf '%-38s median %6d ms  min %6d  max %6d\n' "steadystate sync (no session, fresh JVM)" "$om" "$omin" "$omax"
printf '%-38s median %6d ms  min %6d  max %6d\n' "(a) git plumbing" "$pm" "$pmin" "$pmax"
printf '%-38s median %6d ms  min %6d  max %6d\n' "(b) naive git show per file" "$nm" "$nmin" "$nmax"
python3 -c "import sys; s,o,p,n=map(float,sys.argv[1:]); print('in a session: steadystate / plumbing = %.2fx, naive / steadystate = %.0fx; fresh JVM: %.2fx, %.0fx' % (s/p, n/s, o/p, n/o))" "$sm" "$om" "$pm" "$nm"
