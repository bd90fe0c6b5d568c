#!/usr/bin/env bash
# Times clean `tuoyu build` runs on synthetic content (examples/synth/) of several sizes and
# prints, per size: median wall time, records per second, peak RSS and the number of files written.
#
#   scripts/bench-build.sh                      # sizes 1000 10000 100000, 3 runs each
#   SIZES="1000 50000" RUNS=5 scripts/bench-build.sh
#   PEERS=1 scripts/bench-build.sh              # also time Hugo on the equivalent peer site
#
# Environment:
#   SIZES       record counts to try (default "1000 10000 100000")
#   RUNS        clean builds per size (default 3); the output folder is deleted before each
#   TUOYU       the binary to time (default: target/release/tuoyu, built by this script;
#               when set, only the synth example is built)
#   TUOYU_ARGS  extra flags for `tuoyu build` (e.g. "--themes themes"), split on spaces
#   PEERS=1     also generate the Hugo peer site with $SHARED/bench/peer-sites.py and time
#               `hugo --quiet -s DIR/hugo`, alternating with the tuoyu runs
#   SHARED      the shared folder holding bench/peer-sites.py (default: ../shared beside the repo)
#   HUGO        the hugo binary (default: hugo on PATH)
#   KEEP=1      keep the temporary folder (content, output) for inspection
#   TMPDIR      where the temporary folder goes (default /tmp)
# Needs GNU time at /usr/bin/time (apt-get install -y time) for the peak RSS.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared=${SHARED:-$(dirname "$repo")/shared}
sizes=${SIZES:-1000 10000 100000}
runs=${RUNS:-3}
peers=${PEERS:-0}
hugo=${HUGO:-hugo}
target_dir=${CARGO_TARGET_DIR:-$repo/target}
[[ $target_dir == /* ]] || target_dir=$repo/$target_dir
synth=$target_dir/release/examples/synth
tuoyu=${TUOYU:-$target_dir/release/tuoyu}
read -r -a tuoyu_args <<<"${TUOYU_ARGS:-}"

die() { echo "bench-build: $*" >&2; exit 1; }
note() { echo "bench-build: $*" >&2; }

[[ $runs =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive whole number, got '$runs'"
for n in $sizes; do
    [[ $n =~ ^[1-9][0-9]*$ ]] || die "SIZES must be positive whole numbers, got '$n'"
done
if [[ ! -x /usr/bin/time ]] || ! /usr/bin/time -v true >/dev/null 2>&1; then
    die "needs GNU time at /usr/bin/time for the peak RSS: apt-get install -y time"
fi
if [[ $peers == 1 ]]; then
    if ! command -v "$hugo" >/dev/null 2>&1; then
        note "PEERS=1 but hugo is not installed (apt-get install -y hugo): timing tuoyu only"
        peers=0
    elif [[ ! -f $shared/bench/peer-sites.py ]]; then
        die "PEERS=1 but $shared/bench/peer-sites.py does not exist (set SHARED to the shared folder)"
    elif ! command -v python3 >/dev/null 2>&1; then
        die "PEERS=1 needs python3 for peer-sites.py"
    fi
fi

# --- build ---------------------------------------------------------------------------------------
if [[ -n ${TUOYU:-} ]]; then
    note "building the synth example (TUOYU=$tuoyu is used as given)"
    (cd "$repo" && cargo build --quiet --release --example synth)
else
    note "building tuoyu and the synth example (release)"
    (cd "$repo" && cargo build --quiet --release --example synth --bin tuoyu)
fi
[[ -x $synth ]] || die "$synth was not built"
[[ -x $tuoyu ]] || die "$tuoyu is not an executable file"

work=$(mktemp -d "${TMPDIR:-/tmp}/tuoyu-bench.XXXXXX")
cleanup() {
    if [[ ${KEEP:-0} == 1 ]]; then note "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- helpers -------------------------------------------------------------------------------------
now_ns() { date +%s%N; }

# median of the numbers given as arguments
median() {
    printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

max() { printf '%s\n' "$@" | sort -g | tail -n 1; }

count_files() { if [[ -d $1 ]]; then find "$1" -type f | wc -l | tr -d ' '; else echo 0; fi; }

# timed LABEL LOG -- CMD...: runs CMD under /usr/bin/time -v; sets $wall (seconds) and $rss (KiB).
timed() {
    local label=$1 log=$2 t0 t1 status=0
    shift 3
    t0=$(now_ns)
    /usr/bin/time -v -o "$log.time" "$@" >"$log" 2>&1 || status=$?
    t1=$(now_ns)
    if ((status != 0)); then
        note "$label failed (exit status $status); last lines of its output:"
        tail -n 20 "$log" >&2
        exit 1
    fi
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log.time")
}

# --- environment -----------------------------------------------------------------------------------
cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo "?")
echo "# tuoyu build benchmark: $(date -u +%Y-%m-%dT%H:%MZ), commit $commit, $(nproc) cores${cpu:+ ($cpu)}, $runs clean runs per size"
if [[ $peers == 1 ]]; then
    echo "# peer: $("$hugo" version 2>/dev/null | head -n 1)"
fi

header=$(printf '%8s  %8s  %9s  %10s  %8s  %8s' N synth_s median_s records/s rss_MiB files)
if [[ $peers == 1 ]]; then
    header+=$(printf '  %8s  %8s  %8s  %10s' hugo_s hugo_MiB hugo_fil hugo/tuoyu)
fi
rows=()

# --- sizes ---------------------------------------------------------------------------------------
for n in $sizes; do
    dir=$work/$n
    mkdir -p "$dir"
    t0=$(now_ns)
    "$synth" "$n" "$dir/content" 2>"$dir/synth.log" || { cat "$dir/synth.log" >&2; die "synth $n failed"; }
    t1=$(now_ns)
    synth_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
    note "$(cat "$dir/synth.log")"
    if [[ $peers == 1 ]]; then
        python3 "$shared/bench/peer-sites.py" "$n" "$dir/peers" >"$dir/peers.log" 2>&1 \
            || { cat "$dir/peers.log" >&2; die "peer-sites.py $n failed"; }
    fi

    walls=() rsss=() hwalls=() hrsss=()
    for ((r = 1; r <= runs; r++)); do
        rm -rf "$dir/out"
        timed "tuoyu build (N=$n, run $r)" "$dir/tuoyu.log" -- \
            "$tuoyu" build --content "$dir/content" --out "$dir/out" "${tuoyu_args[@]}"
        walls+=("$wall") rsss+=("$rss")
        msg="N=$n run $r: tuoyu ${wall}s, $((rss / 1024)) MiB"
        if [[ $peers == 1 ]]; then
            rm -rf "$dir/peers/hugo/public" "$dir/peers/hugo/resources" "$dir/peers/hugo/.hugo_build.lock"
            timed "hugo (N=$n, run $r)" "$dir/hugo.log" -- "$hugo" --quiet -s "$dir/peers/hugo"
            hwalls+=("$wall") hrsss+=("$rss")
            msg+=", hugo ${wall}s, $((rss / 1024)) MiB"
        fi
        note "$msg"
    done

    med=$(median "${walls[@]}")
    rate=$(awk -v n="$n" -v s="$med" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "-" }')
    row=$(printf '%8s  %8s  %9.3f  %10s  %8.1f  %8s' "$n" "$synth_s" "$med" "$rate" \
        "$(awk -v k="$(max "${rsss[@]}")" 'BEGIN { print k / 1024 }')" "$(count_files "$dir/out")")
    if [[ $peers == 1 ]]; then
        hmed=$(median "${hwalls[@]}")
        ratio=$(awk -v h="$hmed" -v t="$med" 'BEGIN { if (t > 0) printf "%.2f", h / t; else print "-" }')
        row+=$(printf '  %8.3f  %8.1f  %8s  %10s' "$hmed" \
            "$(awk -v k="$(max "${hrsss[@]}")" 'BEGIN { print k / 1024 }')" \
            "$(count_files "$dir/peers/hugo/public")" "$ratio")
    fi
    rows+=("$row")
    [[ ${KEEP:-0} == 1 ]] || rm -rf "$dir"
done

echo
echo "$header"
printf '%s\n' "${rows[@]}"
echo
echo "median_s: median wall time of $runs clean builds; rss_MiB: largest peak RSS of those runs;"
echo "files: files in the output folder."
if [[ $peers == 1 ]]; then
    echo "hugo_*: the same for hugo on the peer site; hugo/tuoyu > 1 means tuoyu was faster."
fi
