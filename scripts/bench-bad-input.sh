#!/usr/bin/env bash
# Times `tuoyu check` on hostile content: 50,000 mistakes in one records file, a
# districts.yaml pasted 15,000 times, and a 300-character id; prints wall time, peak
# memory and the number of lines printed for each (human and json formats).
#
#   scripts/bench-bad-input.sh            # builds target/release/tuoyu first
#   TUOYU=path/to/tuoyu scripts/bench-bad-input.sh
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tuoyu=${TUOYU:-$repo/target/release/tuoyu}
[[ -n ${TUOYU:-} ]] || (cd "$repo" && cargo build --quiet --release)
[[ -x /usr/bin/time ]] || { echo "needs GNU time: apt-get install -y time" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
make_case() { cp -r "$repo/tests/fixtures/valid-small" "$tmp/$1"; }

make_case many
python3 - "$tmp/many/filed/many.yaml" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(50000):
        f.write(f"- id: x{i}\n  name: 测试{i}\n  district: nowhere\n  address: 某路{i}号\n"
                f"  filed_on: 2021-02-30\n  capcity: 3\n")
PY
make_case districts
python3 - "$tmp/districts/districts.yaml" <<'PY'
import sys
text = open(sys.argv[1]).read()
open(sys.argv[1], "w").write(text * 15000)
PY
make_case long-id
printf -- '- id: %s\n  name: 长标识\n  district: chengyang\n  address: 某路1号\n  filed_on: 2021-03-01\n' \
    "$(printf 'a%.0s' $(seq 300))" >"$tmp/long-id/filed/long.yaml"

printf '%-10s %-6s %10s %12s %10s\n' case format seconds "peak MiB" lines
for c in many districts long-id; do
    for format in human json; do
        /usr/bin/time -f '%e %M' -o "$tmp/time" "$tuoyu" check --content "$tmp/$c" \
            --format "$format" >"$tmp/out" 2>/dev/null || true
        read -r secs kb < <(tail -n 1 "$tmp/time")
        printf '%-10s %-6s %10s %12d %10d\n' "$c" "$format" "$secs" $((kb / 1024)) "$(wc -l <"$tmp/out")"
    done
done
