#!/usr/bin/env bash
# Times clean `tuoyu build` runs on synthetic content (examples/synth/) of several sizes and
# prints, per size: median wall time, records per second, user CPU per page, peak RSS (median
# and largest of the runs) and the number of files written, then every run's steps
# (TUOYU_TIMINGS=1: time, resident and peak memory per step); with peers, the same for Hugo
# (and Zola) in the same run, alternating (tuoyu, hugo, zola, tuoyu, …), and the ratios of the
# medians.
#
#   scripts/bench-build.sh                      # sizes 1000 10000 100000, 3 runs each
#   SIZES="1000 50000" RUNS=5 scripts/bench-build.sh
#   PEERS=1 scripts/bench-build.sh              # also time Hugo on the equivalent peer site
#   PEERS=1 ZOLA=/path/to/zola scripts/bench-build.sh   # Hugo and Zola
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
#   ZOLA        a zola binary: also time `zola --root DIR/zola build` on the peer site
#               (implies PEERS=1; without it Zola is left out)
#   KEEP=1      keep the temporary folder (content, output) for inspection
#   TMPDIR      where the temporary folder goes (default /tmp)
# Every run starts with `sync` (without it, dirty pages of the previous run make wall times
# swing by a factor of two on a slow disk). user_us/page is user CPU divided by the HTML pages
# written (tuoyu writes more than the peers: search index, open data, lists).
# Needs GNU time at /usr/bin/time (apt-get install -y time) for the peak RSS and CPU times.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared=${SHARED:-$(dirname "$repo")/shared}
sizes=${SIZES:-1000 10000 100000}
runs=${RUNS:-3}
peers=${PEERS:-0}
hugo=${HUGO:-hugo}
zola=${ZOLA:-}
[[ -z $zola ]] || peers=1
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
if [[ -n $zola ]] && ! command -v "$zola" >/dev/null 2>&1; then
    die "ZOLA=$zola is not an executable"
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

count_pages() { if [[ -d $1 ]]; then find "$1" -type f -name '*.html' | wc -l | tr -d ' '; else echo 0; fi; }

# timed LABEL LOG -- CMD...: syncs, then runs CMD under /usr/bin/time -v; sets $wall (seconds),
# $rss (KiB), $user and $sys (CPU seconds).
timed() {
    local label=$1 log=$2 t0 t1 status=0
    shift 3
    sync
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
    user=$(awk -F': ' '/User time \(seconds\)/ { print $2 }' "$log.time")
    sys=$(awk -F': ' '/System time \(seconds\)/ { print $2 }' "$log.time")
}

# per_page SECONDS PAGES: microseconds per page
per_page() { awk -v s="$1" -v p="$2" 'BEGIN { if (p > 0) printf "%.0f", s * 1e6 / p; else print "-" }'; }

# ratio A B: A / B with two decimals
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# --- environment -----------------------------------------------------------------------------------
cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo "?")
echo "# tuoyu build benchmark: $(date -u +%Y-%m-%dT%H:%MZ), commit $commit, $(nproc) cores${cpu:+ ($cpu)}, $runs clean runs per size"
if [[ $peers == 1 ]]; then
    echo "# peer: $("$hugo" version 2>/dev/null | head -n 1)"
    [[ -z $zola ]] || echo "# peer: $("$zola" --version 2>/dev/null | head -n 1)"
fi

header=$(printf '%8s  %8s  %9s  %10s  %8s  %8s  %8s  %8s  %8s' N synth_s median_s records/s user_s us/page rss_med rss_MiB files)
peer_header() {
    printf '  %8s  %8s  %8s  %8s  %8s  %10s  %10s' "$1_s" "$1_user" us/page "$1_MiB" "$1_fil" "$1/tuoyu" "cpu/page"
}
if [[ $peers == 1 ]]; then
    header+=$(peer_header hugo)
    [[ -z $zola ]] || header+=$(peer_header zola)
fi
rows=() steps=()

# peer_row WALLS USERS RSSS OUTDIR: the columns of one peer (arrays passed by name)
peer_row() {
    local -n w=$1 u=$2 m=$3
    local med umed pages upp
    med=$(median "${w[@]}") umed=$(median "${u[@]}") pages=$(count_pages "$4")
    upp=$(per_page "$umed" "$pages")
    printf '  %8.3f  %8.2f  %8s  %8s  %8s  %10s  %10s' "$med" "$umed" "$upp" \
        "$(mib "$(max "${m[@]}")")" "$(count_files "$4")" "$(ratio "$med" "$tmed")" "$(ratio "$upp" "$tpp")"
}

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

    walls=() users=() rsss=() hwalls=() husers=() hrsss=() zwalls=() zusers=() zrsss=()
    for ((r = 1; r <= runs; r++)); do
        # The build cache beside the output too: every run is a clean build.
        rm -rf "$dir/out" "$dir/.tuoyu-cache"
        timed "tuoyu build (N=$n, run $r)" "$dir/tuoyu.log" -- \
            env TUOYU_TIMINGS=1 "$tuoyu" build --content "$dir/content" --out "$dir/out" "${tuoyu_args[@]}"
        steps+=("N=$n run $r: $(sed -n 's/^timing: //p' "$dir/tuoyu.log" | paste -sd ';' -)")
        walls+=("$wall") users+=("$user") rsss+=("$rss")
        msg="N=$n run $r: tuoyu ${wall}s (user ${user}s, sys ${sys}s), $((rss / 1024)) MiB"
        if [[ $peers == 1 ]]; then
            rm -rf "$dir/peers/hugo/public" "$dir/peers/hugo/resources" "$dir/peers/hugo/.hugo_build.lock"
            timed "hugo (N=$n, run $r)" "$dir/hugo.log" -- "$hugo" --quiet -s "$dir/peers/hugo"
            hwalls+=("$wall") husers+=("$user") hrsss+=("$rss")
            msg+=", hugo ${wall}s (user ${user}s, sys ${sys}s), $((rss / 1024)) MiB"
        fi
        if [[ -n $zola ]]; then
            rm -rf "$dir/peers/zola/public"
            timed "zola (N=$n, run $r)" "$dir/zola.log" -- "$zola" --root "$dir/peers/zola" build
            zwalls+=("$wall") zusers+=("$user") zrsss+=("$rss")
            msg+=", zola ${wall}s (user ${user}s, sys ${sys}s), $((rss / 1024)) MiB"
        fi
        note "$msg"
    done

    tmed=$(median "${walls[@]}") umed=$(median "${users[@]}")
    tpp=$(per_page "$umed" "$(count_pages "$dir/out")")
    rate=$(awk -v n="$n" -v s="$tmed" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "-" }')
    row=$(printf '%8s  %8s  %9.3f  %10s  %8.2f  %8s  %8s  %8s  %8s' "$n" "$synth_s" "$tmed" "$rate" "$umed" \
        "$tpp" "$(mib "$(median "${rsss[@]}")")" \
        "$(mib "$(max "${rsss[@]}")")" \
        "$(count_files "$dir/out")")
    if [[ $peers == 1 ]]; then
        row+=$(peer_row hwalls husers hrsss "$dir/peers/hugo/public")
        [[ -z $zola ]] || row+=$(peer_row zwalls zusers zrsss "$dir/peers/zola/public")
    fi
    rows+=("$row")
    [[ ${KEEP:-0} == 1 ]] || rm -rf "$dir"
done

echo
echo "$header"
printf '%s\n' "${rows[@]}"
echo
echo "median_s: median wall time of $runs clean builds; user_s: their median user CPU; us/page:"
echo "user_s per HTML page written; rss_med, rss_MiB: median and largest peak RSS of those runs;"
echo "files: files written."
echo
echo "Steps of each run (TUOYU_TIMINGS=1: seconds, resident and peak memory after the step):"
printf '%s\n' "${steps[@]}"
if [[ $peers == 1 ]]; then
    echo "hugo_*${zola:+, zola_*}: the same for the peer site; <peer>/tuoyu is the ratio of the medians"
    echo "(> 1 means tuoyu was faster; 3 means tuoyu took a third of the peer's time); cpu/page is the"
    echo "ratio of the user CPU per page, the peer's over tuoyu's (2 means tuoyu used half the CPU a page)."
fi
