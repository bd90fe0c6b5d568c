#!/usr/bin/env bash
# Times `tuoyu import` of an official-looking .xlsx list (examples/import_list.rs) into a
# copy of the shipped content/, and prints per size: wall time and peak RSS of the first
# import (every row new, then `tuoyu check` of the result) and of a re-import dry run
# (every row matched, nothing written).
#
#   scripts/bench-import.sh                 # sizes 576 and 100000
#   SIZES="576 10000" scripts/bench-import.sh
#
# Needs GNU time at /usr/bin/time (apt-get install -y time). KEEP=1 keeps the folder.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sizes=${SIZES:-576 100000}
target_dir=${CARGO_TARGET_DIR:-$repo/target}
[[ $target_dir == /* ]] || target_dir=$repo/$target_dir
tuoyu=$target_dir/release/tuoyu
gen=$target_dir/release/examples/import_list

[[ -x /usr/bin/time ]] || { echo "bench-import: needs GNU time at /usr/bin/time" >&2; exit 1; }
(cd "$repo" && nice -n 5 cargo build --release --quiet --bin tuoyu --example import_list)

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-import.XXXXXX")
[[ ${KEEP:-0} == 1 ]] || trap 'rm -rf "$work"' EXIT

# One timed run: prints "wall_seconds peak_kib" of the command.
measure() {
    /usr/bin/time -v "$@" >"$work/out.txt" 2>"$work/time.txt" || {
        tail -5 "$work/out.txt" >&2; tail -20 "$work/time.txt" >&2; exit 1; }
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
    echo "$wall $rss"
}

printf '%-8s %-28s %-10s %-10s\n' rows run wall peak_MB
for n in $sizes; do
    list=$work/名单$n.xlsx
    "$gen" "$n" "$list"
    rm -rf "$work/content" && cp -a "$repo/content" "$work/content"
    read -r wall rss < <(measure "$tuoyu" import --kind filed --content "$work/content" "$list")
    printf '%-8s %-28s %-10s %-10s\n' "$n" "import (all new) + check" "$wall" "$((rss / 1024))"
    tail -1 "$work/out.txt"
    read -r wall rss < <(measure "$tuoyu" import --kind filed --content "$work/content" --dry-run "$list")
    printf '%-8s %-28s %-10s %-10s\n' "$n" "re-import --dry-run" "$wall" "$((rss / 1024))"
    tail -1 "$work/out.txt"
done
