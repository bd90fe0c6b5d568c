#!/usr/bin/env bash
# Runs a cargo-fuzz target for a given time, politely (nice 19, one process), and prints
# what it found. See docs/fuzzing.md.
#
#   scripts/fuzz.sh yaml 1800        # one target (yaml, markdown, check) for 30 minutes
#   scripts/fuzz.sh all 600          # each target in turn, 10 minutes each
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`); nightly features come from
# RUSTC_BOOTSTRAP=1 on the stable toolchain. The corpus grows in fuzz/corpus/TARGET
# (git-ignored) from the committed seeds in fuzz/seeds/TARGET; crashes, panics, hangs
# (an input running over TIMEOUT seconds) and inputs over 2 GiB of memory land in
# fuzz/artifacts/TARGET/; the run's log in fuzz/logs/.
#
# Environment:
#   TIMEOUT     seconds one input may take before it counts as a hang (default 10)
#   RSS_MB      memory limit in MiB (default 2048)
#   FUZZ_ARGS   more libFuzzer flags (e.g. "-max_len=65536"), split on spaces
# Exit status: 0 when nothing was found, 1 when a target left artifacts, 2 on misuse.
set -uo pipefail
cd "$(dirname "$0")/../fuzz"

targets=(yaml markdown check)
if [ $# -ne 2 ] || ! [[ $2 =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz.sh TARGET|all SECONDS   (targets: ${targets[*]})" >&2
  exit 2
fi
case $1 in
  all) run=("${targets[@]}") ;;
  yaml | markdown | check) run=("$1") ;;
  *) echo "unknown target $1 (targets: ${targets[*]})" >&2; exit 2 ;;
esac
export RUSTC_BOOTSTRAP=1
timeout=${TIMEOUT:-10}
rss=${RSS_MB:-2048}
mkdir -p logs
found=0
for t in "${run[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  log="logs/$t-$(date -u +%Y%m%dT%H%M%SZ).log"
  before=$(ls "artifacts/$t" | wc -l)
  echo "== $t for $2 s (log: fuzz/$log)"
  nice -n 19 cargo fuzz build -O "$t" || exit 1
  # shellcheck disable=SC2086
  nice -n 19 cargo fuzz run -O "$t" "corpus/$t" "seeds/$t" -- \
    -max_total_time="$2" -timeout="$timeout" -rss_limit_mb="$rss" \
    -print_final_stats=1 ${FUZZ_ARGS:-} > "$log" 2>&1
  status=$?
  # The last progress line: executions, coverage (edges), features, corpus, execs/s.
  grep -E '^#[0-9]+' "$log" | tail -1
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log"
  after=$(ls "artifacts/$t" | wc -l)
  if [ "$after" -gt "$before" ] || [ "$status" -ne 0 ]; then
    found=1
    echo "!! $t found something (exit $status):"
    grep -E '^(==[0-9]+==ERROR|SUMMARY|thread .* panicked|ALARM|.*Test unit written)' "$log" | head -20
    ls -t "artifacts/$t" | head -5 | sed "s|^|   fuzz/artifacts/$t/|"
    echo "   minimise: cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz tmin -O $t artifacts/$t/FILE"
  else
    echo "   nothing found"
  fi
done
exit $found
