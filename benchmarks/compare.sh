#!/usr/bin/env bash
# Compares `git merge-file` with `steadystate merge-file` on the merge corpus: correctness classes and
# speed, per process and in one --batch process; optionally runs the JMH benchmarks too.
#
#   benchmarks/compare.sh [--corpus DIR] [--no-per-process] [--jmh] [--details FILE] [--timeout SECONDS]
#                         [--merge-option OPTION]...
#
# The corpus is DIR, else $STEADYSTATE_CORPUS, else ../shared/merge-corpus next to the checkout.
# Needs git, python3 and a JDK 21+ (JAVA_HOME, or the java on the PATH). Builds what is missing or
# out of date with Maven in offline mode, and uses no network. See benchmarks/README.md.
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
root=$(cd "$here/.." && pwd)

usage() { sed -n '2,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

corpus=${STEADYSTATE_CORPUS:-$root/../shared/merge-corpus}
per_process=yes
jmh=
details=
limit=10  # seconds per merge process, as the corpus's score.py
merge_options=()  # given to every steadystate merge-file run, e.g. --no-structure
while [ $# -gt 0 ]; do
  case "$1" in
    --corpus) [ $# -ge 2 ] || { usage >&2; exit 2; }; corpus=$2; shift 2 ;;
    --corpus=*) corpus=${1#*=}; shift ;;
    --no-per-process) per_process=; shift ;;
    --jmh) jmh=yes; shift ;;
    --details) [ $# -ge 2 ] || { usage >&2; exit 2; }; details=$2; shift 2 ;;
    --timeout) [ $# -ge 2 ] || { usage >&2; exit 2; }; limit=$2; shift 2 ;;
    --merge-option) [ $# -ge 2 ] || { usage >&2; exit 2; }; merge_options+=("$2"); shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "compare.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

for tool in git python3 timeout; do
  command -v "$tool" >/dev/null 2>&1 || { echo "compare.sh: needs $tool on the PATH" >&2; exit 1; }
done
if [ ! -d "$corpus" ]; then
  echo "compare.sh: merge corpus not found at $corpus: pass --corpus DIR or set STEADYSTATE_CORPUS" >&2
  exit 1
fi
corpus=$(cd "$corpus" && pwd)
if [ -n "$details" ]; then
  details=$(cd "$(dirname "$details")" && pwd)/$(basename "$details")
fi

java_major() { # prints the feature version of the java binary $1, or 0
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1 || echo 0
}
find_java() { # a java 21+: JAVA_HOME's, the PATH's, or one under /usr/lib/jvm
  local candidates=() j v d
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for d in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$d/bin/java" ] && candidates+=("$d/bin/java")
  done
  for j in "${candidates[@]}"; do
    [ -x "$j" ] || continue
    v=$(java_major "$j")
    if [ "${v:-0}" -ge 21 ]; then echo "$j"; return 0; fi
  done
  return 1
}
java_bin=$(find_java) || { echo "compare.sh: needs a Java 21 or newer; set JAVA_HOME to one" >&2; exit 1; }
export JAVA_HOME
JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$java_bin")")")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/steadystate-compare.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# --- build what is missing or older than its sources (offline: no network) ---------------------
newer_sources() { # prints a source newer than file $1 under the given folders, if any
  local ref=$1; shift
  find "$@" -path '*/target' -prune -o -newer "$ref" \( -name '*.java' -o -name 'pom.xml' \) -print -quit
}
cli_target=$root/steadystate-cli/target
cli_jar=$(ls "$cli_target"/steadystate-cli-*.jar 2>/dev/null | head -n 1 || true)
bench_jar=$root/benchmarks/target/benchmarks.jar
modules=()
if [ -z "$cli_jar" ] || [ ! -d "$cli_target/lib" ] \
    || [ -n "$(newer_sources "$cli_jar" "$root/pom.xml" "$root/steadystate-merge" "$root/steadystate-cli")" ]; then
  modules+=(steadystate-cli)
fi
if [ -n "$jmh" ] && { [ ! -f "$bench_jar" ] \
    || [ -n "$(newer_sources "$bench_jar" "$root/pom.xml" "$root/steadystate-merge" "$root/benchmarks")" ]; }; then
  modules+=(benchmarks)
fi
if [ ${#modules[@]} -gt 0 ]; then
  echo "building ${modules[*]}..." >&2
  (cd "$root" && ./mvnw -B -q -o -DskipTests -Denforcer.skip package -pl "$(IFS=,; echo "${modules[*]}")" -am >&2) \
    || { echo "compare.sh: build failed; run './mvnw -B verify' to see why" >&2; exit 1; }
  # Maven leaves an up-to-date jar untouched: mark it as built now, or every run would rebuild.
  touch "$cli_target"/steadystate-cli-*.jar
  [ -f "$bench_jar" ] && touch "$bench_jar"
  rm -f "$cli_target/steadystate.jsa"
fi
steadystate=$root/bin/steadystate

# --- the scenarios: folders with base, ours, theirs and result ----------------------------------
scenarios=()
while IFS= read -r d; do
  [ -f "$d/base" ] && [ -f "$d/ours" ] && [ -f "$d/theirs" ] && [ -f "$d/result" ] && scenarios+=("$d")
done < <(find "$corpus" -mindepth 1 -maxdepth 2 -type d | LC_ALL=C sort)
if [ ${#scenarios[@]} -eq 0 ]; then
  echo "compare.sh: no scenarios (folders with base, ours, theirs, result) under $corpus" >&2
  exit 1
fi
echo "corpus $corpus: ${#scenarios[@]} scenarios" >&2

# One merge per process over every scenario; writes SCENARIO<TAB>EXIT<TAB>OUTPUT lines to $2 and
# the wall time in seconds to $3. $1 names the run; the command follows, CURRENT BASE OTHER appended.
per_process_run() {
  local name=$1 tsv=$2 seconds=$3; shift 3
  local out=$tmp/$name i=0 d rc t0 t1 start
  mkdir -p "$out"
  : > "$tsv"
  start=$EPOCHREALTIME
  for d in "${scenarios[@]}"; do
    i=$((i + 1))
    t0=$EPOCHREALTIME
    rc=0
    timeout -k 2 "$limit" "$@" "$d/ours" "$d/base" "$d/theirs" > "$out/$i" 2>/dev/null </dev/null || rc=$?
    t1=$EPOCHREALTIME
    # timeout(1) exits 124 when it had to stop the command: an error, not 124 conflicts.
    if [ "$rc" -eq 124 ] && python3 -c "import sys; sys.exit(0 if $t1 - $t0 >= $limit else 1)"; then
      rc=timeout
    fi
    printf '%s\t%s\t%s\n' "$d" "$rc" "$out/$i" >> "$tsv"
  done
  python3 -c "print(f'{$EPOCHREALTIME - $start:.3f}')" > "$seconds"
}

columns=()

echo "git merge-file -p, one process per scenario..." >&2
per_process_run git "$tmp/git.tsv" "$tmp/git.seconds" git merge-file -p
columns+=("git per-process" "$tmp/git.tsv" "$(cat "$tmp/git.seconds")")

# Untimed first run: builds the class-data archive that every later start of the CLI uses.
"$steadystate" merge-file -p "${scenarios[0]}/ours" "${scenarios[0]}/base" "${scenarios[0]}/theirs" \
  >/dev/null 2>&1 </dev/null || true

if [ -n "$per_process" ]; then
  echo "steadystate merge-file -p, one process per scenario..." >&2
  per_process_run steadystate "$tmp/steadystate.tsv" "$tmp/steadystate.seconds" "$steadystate" merge-file \
    ${merge_options[@]+"${merge_options[@]}"} -p
  columns+=("steadystate per-process" "$tmp/steadystate.tsv" "$(cat "$tmp/steadystate.seconds")")
fi

echo "steadystate merge-file --batch, one process for the corpus..." >&2
mkdir -p "$tmp/batch"
i=0
: > "$tmp/batch.in"
for d in "${scenarios[@]}"; do
  i=$((i + 1))
  printf '%s\t%s\t%s\t%s\n' "$d/ours" "$d/base" "$d/theirs" "$tmp/batch/$i" >> "$tmp/batch.in"
done
batch_limit=$((limit * ${#scenarios[@]}))
start=$EPOCHREALTIME
rc=0
timeout -k 5 "$batch_limit" "$steadystate" merge-file ${merge_options[@]+"${merge_options[@]}"} --batch "$tmp/batch.in" > "$tmp/batch.out" 2>"$tmp/batch.err" \
  </dev/null || rc=$?
python3 -c "print(f'{$EPOCHREALTIME - $start:.3f}')" > "$tmp/batch.seconds"
if [ "$rc" -ne 0 ]; then
  echo "compare.sh: steadystate merge-file --batch exited with $rc: $(head -c 500 "$tmp/batch.err")" >&2
fi
# Batch lines are OUTPUT<TAB>clean | OUTPUT<TAB>conflicts=N | OUTPUT<TAB>error<TAB>message: turn them
# into the exit code the same merge would have had alone (0, min(N,127), 255); no line: missing.
python3 - "$tmp/batch.in" "$tmp/batch.out" > "$tmp/batch.tsv" <<'PY'
import sys
status = {}
with open(sys.argv[2], encoding="utf-8", errors="replace") as f:
    for line in f:
        f_ = line.rstrip("\n").split("\t")
        if len(f_) < 2 or f_[0] == "summary":
            continue
        if f_[1] == "clean":
            status[f_[0]] = "0"
        elif f_[1].startswith("conflicts="):
            status[f_[0]] = str(min(int(f_[1][len("conflicts="):]), 127))
        else:
            status[f_[0]] = "255"
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        ours, base, theirs, out = line.rstrip("\n").split("\t")
        scenario = ours[: -len("/ours")]
        print(f"{scenario}\t{status.get(out, 'missing')}\t{out}")
PY
columns+=("steadystate --batch" "$tmp/batch.tsv" "$(cat "$tmp/batch.seconds")")

echo
echo "Merge corpus $corpus (${#scenarios[@]} scenarios): git merge-file $(git --version | cut -d' ' -f3) vs steadystate merge-file"
details_file=${details:-$tmp/details.tsv}
python3 "$here/compare.py" runs --details "$details_file" "${columns[@]}"
[ -n "$details" ] && echo "per-scenario classes written to $details"
if [ -f "$corpus/manifest.tsv" ]; then
  echo
  python3 "$here/compare.py" languages "$details_file" "$corpus/manifest.tsv"
fi

if [ -n "$jmh" ]; then
  echo
  echo "JMH (1 fork, 2 x 1 s warm-up, 3 x 1 s measurement)..." >&2
  # Forks inherit the environment: that is how the corpus location reaches TextMergeBenchmark.
  STEADYSTATE_CORPUS=$corpus "$java_bin" -jar "$bench_jar" -f 1 -wi 2 -w 1s -i 3 -r 1s \
      -rf json -rff "$tmp/jmh.json" > "$tmp/jmh.log" 2>&1 </dev/null \
    || { echo "compare.sh: JMH failed:" >&2; tail -n 40 "$tmp/jmh.log" >&2; exit 1; }
  grep -E '^(warning|# Run complete)' "$tmp/jmh.log" >&2 || true
  echo "JMH: whole corpus per op (TextMergeBenchmark), ~1 MiB file with 2 x 1,000 edits per op (LargeFileBenchmark)"
  python3 "$here/compare.py" jmh "$tmp/jmh.json"
fi
