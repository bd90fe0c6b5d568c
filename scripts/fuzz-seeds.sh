#!/usr/bin/env bash
# Rebuilds the committed seed corpora under fuzz/seeds/ from the repository's own content:
#   yaml/      every YAML file of content/ and tests/fixtures/
#   markdown/  every Markdown page, every record's `description`, and a few XSS attempts
#   check/     each fixture folder (and content/) as ONE input: files joined by `%% PATH`
#              separator lines, the format fuzz/fuzz_targets/check.rs splits again
#
#   scripts/fuzz-seeds.sh
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=fuzz/seeds
rm -rf "$seeds"
mkdir -p "$seeds/yaml" "$seeds/markdown" "$seeds/check"

name() { echo "$1" | tr '/' '_'; }

while IFS= read -r f; do
  cp "$f" "$seeds/yaml/$(name "$f")"
done < <(find content tests/fixtures -type f \( -name '*.yaml' -o -name '*.yml' \) | sort)

while IFS= read -r f; do
  cp "$f" "$seeds/markdown/$(name "$f")"
done < <(find content tests/fixtures -type f -name '*.md' | sort)
# Hand-written attacks the sanitiser must hold against (one per file).
i=0
while IFS= read -r line; do
  i=$((i + 1))
  printf '%b' "$line" > "$seeds/markdown/attack-$i.md"
done <<'ATTACKS'
<script>alert(1)</script>
[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z]( javascript:alert(1) )
[x](<java\tscript:alert(1)>) [y](javascript&#58;alert(1)) [z](&#x6a;avascript:alert(1))
![i](data:text/html;base64,PHNjcmlwdD4=) ![j](vbscript:msgbox)
<img src=x onerror=alert(1)> <a href="javascript:alert(1)">a</a>
[ref][r]\n\n[r]: javascript:alert(1) "t"
<javascript:alert(1)> <https://a.org/?q="onmouseover=alert(1)>
| a | b |\n|:-|-:|\n| <svg onload=alert(1)> | [x](javascript:1) |
[x](https://a.org/" onclick="alert(1)) ![a" onerror="alert(1)](x.png)
# 标题\n\n## 小节\n\n~~删~~ **粗** *斜* `代码`\n\n    缩进\n\n> 引用\n\n1. 一\n2. 二
ATTACKS

# check: one input per content folder.
pack() {
  local dir=$1 out=$2
  : > "$out"
  # site.yaml first (the preamble), then every other file behind a separator.
  if [ -f "$dir/site.yaml" ]; then cat "$dir/site.yaml" >> "$out"; fi
  while IFS= read -r rel; do
    [ "$rel" = site.yaml ] && continue
    # The separator must start a line.
    if [ -s "$out" ] && [ "$(tail -c1 "$out" | od -An -c | tr -d ' ')" != '\n' ]; then
      echo >> "$out"
    fi
    echo "%% $rel" >> "$out"
    cat "$dir/$rel" >> "$out"
  done < <(cd "$dir" && find . -type f | sed 's|^\./||' | sort)
}
pack content "$seeds/check/content"
for d in tests/fixtures/*/; do
  pack "${d%/}" "$seeds/check/$(basename "$d")"
done
echo "seeds: $(ls "$seeds/yaml" | wc -l) yaml, $(ls "$seeds/markdown" | wc -l) markdown, $(ls "$seeds/check" | wc -l) check"
