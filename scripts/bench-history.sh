#!/usr/bin/env bash
# The cost of reading history from git: N synthetic records (examples/synth), committed,
# then COMMITS-1 commits that each change the capacity of 3 records in 3 of the list files
# and cancel (状态 → 注销) one record every 10th commit. Times `tuoyu build` without the
# cache (first build), with it (second build), and after one more commit (incremental), with
# the peak RSS of each (GNU time at /usr/bin/time).
#
#   scripts/bench-history.sh N [COMMITS] [DIR]     e.g. scripts/bench-history.sh 100000 100
set -euo pipefail
N=${1:?usage: bench-history.sh N [COMMITS] [DIR]}
COMMITS=${2:-100}
DIR=${3:-$(mktemp -d)}
HERE=$(cd "$(dirname "$0")/.." && pwd)
TUOYU=${TUOYU:-$HERE/target/release/tuoyu}
SYNTH=${SYNTH:-$HERE/target/debug/examples/synth}
# The script works in DIR: relative tool paths are taken from where it was started.
TUOYU=$(realpath "$TUOYU")
SYNTH=$(realpath "$SYNTH")
G=(git -c user.name=bench -c user.email=bench@example.org)
rm -rf "$DIR/content" "$DIR/.git" "$DIR/public"
mkdir -p "$DIR"
"$SYNTH" "$N" "$DIR/content" >/dev/null
cd "$DIR"
git init -q
"${G[@]}" add -A && "${G[@]}" commit -qm "records"
mapfile -t FILES < <(ls content/filed/*.yaml)
edit() { # file, n-th commit: bump the first capacity of the file
  sed -i "0,/capacity: [0-9]*/s//capacity: $((100 + $2))/" "$1"
}
for ((c = 1; c < COMMITS; c++)); do
  for k in 0 1 2; do edit "${FILES[$(((c * 3 + k) % ${#FILES[@]}))]}" "$c"; done
  if ((c % 10 == 0)); then
    f=${FILES[$((c % ${#FILES[@]}))]}
    sed -i '0,/status: "在营"/s//status: "注销"/' "$f"
  fi
  "${G[@]}" commit -qam "change $c"
done
run() { # label
  local t0 t1
  t0=$(date +%s.%N)
  TUOYU_TIMINGS=1 /usr/bin/time -f "%M" -o "$DIR/.rss" "$TUOYU" build --content content --out public -q 2>&1 |
    grep -E "timing: (history|load)" || true
  t1=$(date +%s.%N)
  echo "$1: build $(echo "$t1 - $t0" | bc) s, peak $(($(tail -n 1 "$DIR/.rss") / 1024)) MiB"
}
rm -f .git/tuoyu-history-cache.json
run "no cache ($N records, $COMMITS commits)"
run "cached"
edit "${FILES[0]}" 999 && "${G[@]}" commit -qam "one more"
run "one new commit"
echo "cache: $(du -h .git/tuoyu-history-cache.json | cut -f1); changes: $(grep -o '"what"' .git/tuoyu-history-cache.json | wc -l)"
