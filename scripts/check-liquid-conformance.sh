#!/usr/bin/env bash
# Re-checks the committed Liquid conformance expectations against the real engines
# (Debian's ruby-liquid 5.4 and jekyll 4.3): renders every case again into a scratch
# copy and compares. Temporary folder names inside Jekyll's error texts are ignored.
set -euo pipefail
cd "$(dirname "$0")/.."
fixtures=Tests/LiquidTests/Fixtures/conformance
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -r "$fixtures" "$scratch/cases"
ruby scripts/liquid-conformance.rb "$scratch/cases" > "$scratch/log" 2>&1 || { cat "$scratch/log"; exit 1; }
normalise() { sed -E 's#/tmp/strata-liquid[^/"]*#/tmp/SCRATCH#g' "$1"; }
failed=0
total=0
for expected in "$fixtures"/*.expected.json; do
  total=$((total + 1))
  name=$(basename "$expected")
  if ! diff -q <(normalise "$expected") <(normalise "$scratch/cases/$name") >/dev/null; then
    echo "stale: $name differs from what the real engines give now:"
    diff <(normalise "$expected") <(normalise "$scratch/cases/$name") | head -20
    failed=$((failed + 1))
  fi
done
echo "Liquid conformance expectations: $((total - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
