#!/usr/bin/env bash
# Search benchmark: index build time and size, and what a query costs in a real browser.
#
# For each size N it generates synthetic content (examples/synth/), builds it with
# TUOYU_TIMINGS=1 and prints
#   - the build's wall time and its "search index" step (made while the writer writes it),
#     with that step's share of the build;
#   - the size of the output's search/ folder: file count, raw bytes, gzip -6 bytes (per file);
#   - a table of queries run in headless Chromium against the site served over HTTP by a small
#     gzipping server (scripts/bench-search/server.js): for each query, in a fresh browser context
#     (cold cache), index.html is opened, the search box #q focused and the query typed as a
#     person types it: Chinese (any non-ASCII text) goes in as an IME commits it, the whole
#     composed word in ONE input event (CDP Input.insertText, no key events), so that partial
#     words such as 港瑞 never start a search of their own; ASCII (pinyin, digits, spaces) is
#     typed key by key, PACE_MS apart (default 120 ms, a quick typist), each key an `input`
#     event that may start a search. The table shows every request made from the end of the
#     page load until the results were shown (meta included, and whatever the searches for
#     partial input such as `dou` of `douyun` loaded), the KB on the wire (gzip bodies), the ms
#     from the last input event until the results were in the page (this includes the client's
#     40 ms typing pause), hits shown/total, the first result, and which index files were
#     fetched (m meta, t term shards, b facet files, d doc chunks);
#   - the same queries through Pagefind (JS API: init, search, data() of the first results) on a
#     copy of the site indexed with `pagefind --site COPY --glob 'institutions/*.html'
#     --root-selector main`, side by side, when the pagefind npm package can be installed.
# Finally it builds the shipped site (content/) and prints the whole search payload at Qingdao
# scale (search.js + every search/ file, gzip), and runs the same queries there.
#
#   scripts/bench-search.sh                       # sizes 1000 10000 100000, with Pagefind
#   SIZES="1000" PAGEFIND=0 scripts/bench-search.sh
#   KEEP=1 SIZES=10000 scripts/bench-search.sh    # keep content and output for a closer look
#   node scripts/bench-search/server.js DIR       # serve a built site by hand, logging bytes
#
# Environment:
#   SIZES        record counts to try (default "1000 10000 100000")
#   PAGEFIND     1 (default) to compare with Pagefind, 0 to skip it
#   PAGEFIND_MAX largest N to index with Pagefind (default: no limit)
#   PF_RESULTS   Pagefind results whose data() is loaded per query (default 5; ours shows 20)
#   QINGDAO      1 (default) to build content/ for the payload line and run the queries there
#   QUERIES      override the fixed query list (separated by "|"); the synthetic sites also get
#                the query classes of issue #10 drawn from one record (the 1000th filed one):
#                full name, part of a name, part of an address, road, 小区, street, pinyin,
#                initials, district + service, pinyin with spaces (scripts/bench-search/classes.js)
#   TIMEOUT_MS   per-query limit in the browser (default 30000)
#   PACE_MS      ms between the keys of ASCII text (default 120; Chinese is one IME commit)
#   SYNTH_DIR    keep the synthetic content of size N in SYNTH_DIR/N/content and reuse it when
#                there (the content of a size is generated once); default: a fresh temporary one
#   THROTTLE     emulate a phone for both clients: RTT_MS,DOWN_KBIT,UP_KBIT,CPU_SLOWDOWN, e.g.
#                THROTTLE=150,1600,750,4 (3G-like network, CPU 4x slower); default: none (localhost)
#   VERBOSE=1    list every file each query fetched, with its KB on the wire (on stderr)
#   TUOYU_ARGS   extra flags for `tuoyu build`, split on spaces
#   CHROMIUM     the browser (default /usr/bin/chromium; apt-get install -y chromium fonts-noto-cjk)
#   BENCH_CACHE  where playwright-core and pagefind are installed with npm
#                (default target/bench-search; reused between runs)
#   KEEP=1       keep the temporary folder (content, output, Pagefind copy)
#   TMPDIR       where the temporary folder goes (default /tmp)
# Needs cargo, node (20+) and npm. Timings are noisy on a busy machine: check `uptime` first.
# A run of the default sizes takes about 5 minutes on 2 cores, most of it Pagefind indexing the
# 100,000-record site (~100 s); PAGEFIND_MAX=10000 or PAGEFIND=0 makes it quick.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
here=$repo/scripts/bench-search
sizes=${SIZES:-1000 10000 100000}
pagefind=${PAGEFIND:-1}
pagefind_max=${PAGEFIND_MAX:-}
pf_results=${PF_RESULTS:-5}
qingdao=${QINGDAO:-1}
timeout_ms=${TIMEOUT_MS:-30000}
pace_ms=${PACE_MS:-120}
synth_dir=${SYNTH_DIR:-}
throttle=${THROTTLE:-}
verbose=${VERBOSE:-0}
chromium=${CHROMIUM:-/usr/bin/chromium}
target_dir=${CARGO_TARGET_DIR:-$repo/target}
[[ $target_dir == /* ]] || target_dir=$repo/$target_dir
cache=${BENCH_CACHE:-$target_dir/bench-search}
synth=$target_dir/release/examples/synth
tuoyu=$target_dir/release/tuoyu
read -r -a tuoyu_args <<<"${TUOYU_ARGS:-}"
IFS='|' read -r -a queries <<<"${QUERIES:-三利|东旺疃|西后楼|城阳 全日托|chengyang|sanli|cy|託育|全日托|普惠 半日托|城阳 宝贝|棘洪滩|职工之家|三利集团职工之家|社区服务活动中心|东王疃|金海热店|cheng yang|lǎo shān|10个月|1岁半}"

die() { echo "bench-search: $*" >&2; exit 1; }
note() { echo "bench-search: $*" >&2; }

for n in $sizes; do
    [[ $n =~ ^[1-9][0-9]*$ ]] || die "SIZES must be positive whole numbers, got '$n'"
done
[[ $pf_results =~ ^[1-9][0-9]*$ ]] || die "PF_RESULTS must be a positive whole number, got '$pf_results'"
[[ $timeout_ms =~ ^[1-9][0-9]*$ ]] || die "TIMEOUT_MS must be a positive whole number, got '$timeout_ms'"
[[ $pace_ms =~ ^[0-9]+$ ]] || die "PACE_MS must be a whole number, got '$pace_ms'"
[[ -z $pagefind_max || $pagefind_max =~ ^[0-9]+$ ]] || die "PAGEFIND_MAX must be a whole number, got '$pagefind_max'"
[[ -z $throttle || $throttle =~ ^[0-9.]+,[0-9.]+,[0-9.]+,[0-9.]+$ ]] \
    || die "THROTTLE must be RTT_MS,DOWN_KBIT,UP_KBIT,CPU_SLOWDOWN (e.g. 150,1600,750,4), got '$throttle'"
command -v node >/dev/null 2>&1 || die "needs node (20 or later) on PATH"
command -v npm >/dev/null 2>&1 || die "needs npm on PATH"
command -v cargo >/dev/null 2>&1 || die "needs cargo on PATH"
[[ -x $chromium ]] || die "no browser at $chromium: apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM)"
[[ -f $here/driver.js && -f $here/server.js && -f $here/sizes.js ]] || die "missing helpers in $here"

# --- build ---------------------------------------------------------------------------------------
note "building tuoyu and the synth example (release)"
(cd "$repo" && cargo build --quiet --release --bin tuoyu --example synth) || die "cargo build failed"
[[ -x $synth && -x $tuoyu ]] || die "$tuoyu or $synth was not built"

# --- npm packages (cached under target/) --------------------------------------------------------
# npm_get DIR PACKAGE: installs PACKAGE into DIR/node_modules unless it is there already.
npm_get() {
    local dir=$1 pkg=$2
    [[ -f $dir/node_modules/$pkg/package.json ]] && return 0
    mkdir -p "$dir"
    # a package.json of its own, so that npm never walks up to another project's
    [[ -f $dir/package.json ]] || echo '{"name": "tuoyu-bench-search-tools", "private": true}' >"$dir/package.json"
    note "installing $pkg into $dir (npm)"
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error "$pkg" >"$dir/npm.log" 2>&1) || {
        tail -n 5 "$dir/npm.log" >&2
        return 1
    }
}
npm_get "$cache/node" playwright-core || die "cannot install playwright-core with npm (see $cache/node/npm.log)"
export NODE_PATH=$cache/node/node_modules
pagefind_bin=
pagefind_status=
if [[ $pagefind == 1 ]]; then
    if npm_get "$cache/pagefind" pagefind && [[ -x $cache/pagefind/node_modules/.bin/pagefind ]] \
        && "$cache/pagefind/node_modules/.bin/pagefind" --version >/dev/null 2>&1; then
        pagefind_bin=$cache/pagefind/node_modules/.bin/pagefind
        pagefind_status=$("$pagefind_bin" --version 2>/dev/null | head -n 1)
    else
        pagefind_status="not available (npm install pagefind failed; see $cache/pagefind/npm.log): comparison skipped"
        note "pagefind $pagefind_status"
    fi
else
    pagefind_status="skipped (PAGEFIND=0)"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/tuoyu-bench-search.XXXXXX")
cleanup() {
    if [[ ${KEEP:-0} == 1 ]]; then note "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- helpers -------------------------------------------------------------------------------------
now_ns() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }

# build CONTENT OUT LOG: a clean tuoyu build with timings; sets $build_s and $index_s.
build() {
    local content=$1 out=$2 log=$3 t0 t1
    rm -rf "$out"
    t0=$(now_ns)
    if ! TUOYU_TIMINGS=1 "$tuoyu" build --content "$content" --out "$out" -q "${tuoyu_args[@]}" >"$log" 2>&1; then
        note "tuoyu build --content $content failed; last lines of its output:"
        tail -n 20 "$log" >&2
        exit 1
    fi
    t1=$(now_ns)
    build_s=$(secs "$t0" "$t1")
    index_s=$(sed -n 's/^timing: search index \([0-9.]*\) s.*/\1/p' "$log" | tail -n 1)
}

# search_sizes OUT: prints the search/ line.
search_sizes() {
    local out=$1 files raw gz
    if [[ ! -d $out/search ]]; then
        echo "search/: missing (no index was written)"
        return
    fi
    read -r files raw gz < <(node "$here/sizes.js" "$out/search")
    echo "search/: $files files, $(kb "$raw") KB raw, $(kb "$gz") KB gzip -6 (sum over files)"
}

# run_queries LABEL OUT PF_COPY QUERY...: the browser table.
run_queries() {
    local label=$1 out=$2 pf=$3
    shift 3
    local args=(--label "$label" --site "$out" --pf-results "$pf_results" --timeout "$timeout_ms" --pace "$pace_ms")
    [[ -n $pf ]] && args+=(--pagefind "$pf")
    [[ -n $throttle ]] && args+=(--throttle "$throttle")
    [[ $verbose == 1 ]] && args+=(--verbose)
    CHROMIUM=$chromium node "$here/driver.js" "${args[@]}" -- "$@" || {
        local status=$?
        ((status == 3)) && die "playwright-core is not usable from $NODE_PATH"
        echo "(browser run failed with status $status; see the messages above)"
    }
}

# pagefind_index OUT COPY: a hard-linked copy of OUT indexed by Pagefind; prints its line.
pagefind_index() {
    local out=$1 copy=$2 t0 t1 files raw gz pages
    rm -rf "$copy"
    cp -al "$out" "$copy" 2>/dev/null || cp -r "$out" "$copy"
    t0=$(now_ns)
    if ! "$pagefind_bin" --site "$copy" --glob 'institutions/*.html' --root-selector main >"$copy.log" 2>&1; then
        echo "pagefind: indexing failed; last lines:"
        tail -n 5 "$copy.log"
        return 1
    fi
    t1=$(now_ns)
    pages=$(sed -n 's/.*Indexed \([0-9]*\) pages.*/\1/p' "$copy.log" | tail -n 1)
    read -r files raw gz < <(node "$here/sizes.js" "$copy/pagefind")
    echo "pagefind: ${pages:-?} pages indexed in $(secs "$t0" "$t1") s; pagefind/: $files files, $(kb "$raw") KB raw, $(kb "$gz") KB gzip"
}

# --- environment ---------------------------------------------------------------------------------
cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo "?")
dirty=$(git -C "$repo" status --porcelain -- src themes 2>/dev/null | head -n 1)
echo "# tuoyu search benchmark: $(date -u +%Y-%m-%dT%H:%MZ), commit $commit${dirty:+ (+ uncommitted changes in src/ or themes/)}, $(nproc) cores${cpu:+ ($cpu)}"
echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg); browser: $("$chromium" --version 2>/dev/null | head -n 1); node $(node --version)"
echo "# pagefind: $pagefind_status"
if [[ -n $throttle ]]; then
    IFS=, read -r t_rtt t_down t_up t_cpu <<<"$throttle"
    echo "# throttled: ${t_rtt} ms round trip, ${t_down} kbit/s down, ${t_up} kbit/s up, CPU ${t_cpu}x slower"
else
    echo "# network: localhost, no throttling (THROTTLE=150,1600,750,4 for a 3G-like phone)"
fi
echo "# typing: Chinese as one IME commit per word, ASCII key by key ${pace_ms} ms apart (PACE_MS)"
if [[ ! -f $repo/themes/default/static/search.js ]]; then
    echo "# themes/default/static/search.js does not exist: the query tables will say \"client missing\""
fi

# --- sizes ---------------------------------------------------------------------------------------
for n in $sizes; do
    dir=$work/$n
    mkdir -p "$dir"
    content=$dir/content
    [[ -n $synth_dir ]] && content=$synth_dir/$n/content
    if [[ ! -f $content/site.yaml ]]; then
        mkdir -p "$(dirname "$content")"
        "$synth" "$n" "$content" >"$dir/synth.log" 2>&1 || { cat "$dir/synth.log" >&2; die "synth $n failed"; }
    else
        note "N=$n: reusing the content in $content"
    fi
    note "N=$n: building"
    build "$content" "$dir/out" "$dir/build.log"
    echo
    echo "== N=$n =="
    if [[ -n $index_s ]]; then
        share=$(awk -v i="$index_s" -v t="$build_s" 'BEGIN { if (t > 0) printf "%.1f", 100 * i / t; else print "-" }')
        echo "build: ${build_s} s total; search index ${index_s} s (${share} % of the build)"
    else
        echo "build: ${build_s} s total; no \"search index\" timing line in the output (TUOYU_TIMINGS)"
    fi
    search_sizes "$dir/out"

    pf_copy=
    if [[ -n $pagefind_bin ]]; then
        if [[ -n $pagefind_max ]] && ((n > pagefind_max)); then
            echo "pagefind: skipped for N > PAGEFIND_MAX=$pagefind_max"
        else
            note "N=$n: indexing with pagefind"
            pagefind_index "$dir/out" "$dir/pf" && pf_copy=$dir/pf
        fi
    fi

    qs=("${queries[@]}")
    # The query classes of issue #10, drawn from one record (scripts/bench-search/classes.js):
    # full name, part of a name, part of an address, a road, a 小区, a street, pinyin,
    # initials, district + service, pinyin with spaces.
    mapfile -t classes < <(node "$here/classes.js" "$content" "$dir/out")
    if ((${#classes[@]})); then
        echo "query classes (from one record):"
        for c in "${classes[@]}"; do
            echo "  ${c%%$'\t'*}: ${c#*$'\t'}"
            qs+=("${c#*$'\t'}")
        done
    fi
    note "N=$n: running ${#qs[@]} queries in the browser"
    echo
    run_queries "N=$n" "$dir/out" "$pf_copy" "${qs[@]}"
    [[ ${KEEP:-0} == 1 ]] || rm -rf "$dir"
done

# --- the shipped site ---------------------------------------------------------------------------
if [[ $qingdao == 1 ]]; then
    if [[ -f $repo/content/site.yaml ]]; then
        note "building the shipped site (content/)"
        dir=$work/qingdao
        mkdir -p "$dir"
        build "$repo/content" "$dir/out" "$dir/build.log"
        echo
        echo "== shipped site (content/) =="
        echo "build: ${build_s} s total; search index ${index_s:-?} s"
        search_sizes "$dir/out"
        js=$dir/out/assets/search.js
        if [[ -f $js && -d $dir/out/search ]]; then
            read -r jf jraw jgz < <(node "$here/sizes.js" "$js")
            read -r sf sraw sgz < <(node "$here/sizes.js" "$dir/out/search")
            echo "whole search payload at Qingdao scale: $(kb $((jgz + sgz))) KB gzip in $((jf + sf)) files" \
                "(search.js $(kb "$jgz") KB + index $(kb "$sgz") KB in $sf files; raw $(kb $((jraw + sraw))) KB)"
        else
            echo "whole search payload at Qingdao scale: incomplete (assets/search.js or search/ missing in the output)"
        fi
        pf_copy=
        if [[ -n $pagefind_bin ]]; then
            pagefind_index "$dir/out" "$dir/pf" && pf_copy=$dir/pf
        fi
        echo
        run_queries "content/" "$dir/out" "$pf_copy" "${queries[@]}"
    else
        echo "whole search payload at Qingdao scale: content/site.yaml not found, skipped"
    fi
fi

echo
echo "req: every request from the end of the page load until the results were shown (meta and the"
echo "searches of partial ASCII input included; the favicon not counted); KB: response bodies as sent"
echo "(gzip -6 for text; Pagefind's own files are precompressed); ms: last input event to results in"
echo "the page, including the client's 40 ms typing pause (Pagefind: import + init started at the"
echo "same moment, the same 40 ms pause, search, data() of $pf_results results); hits: shown/total;"
echo "files: m meta, t term shards, b facet files, d doc chunks, s street files, py reading table; Pagefind: init (pagefind.js, wasm,"
echo "entry, meta), idx index chunks, frag fragments. Every query runs in a new browser context (cold cache)."
