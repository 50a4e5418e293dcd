#!/usr/bin/env bash
# Renders the bundled seed post through its whole layout chain (Liquid → Markdown →
# post → default layout), as `strata serve` renders it again on save, and reports the
# median time per render and the heap allocations per render (usage: bench-liquid.sh
# [RENDERS] [POST], POST relative to the repository: content/_posts/….md). Allocations are counted by valgrind, which runs the benchmark
# with two render counts; the difference divided by the extra renders is per render.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product StrataBench >/dev/null
bench=.build/release/StrataBench
"$bench" . "${1:-2000}" ${2:+"$2"}
if command -v valgrind >/dev/null 2>&1; then
  # valgrind cannot read Swift's debug info, so it runs a stripped copy.
  stripped=$(mktemp)
  trap 'rm -f "$stripped"' EXIT
  strip -o "$stripped" "$bench"
  count() { valgrind --tool=memcheck --leak-check=no "$stripped" . "$1" ${2:+"$2"} 2>&1 | sed -n 's/.*total heap usage: \([0-9,]*\) allocs.*/\1/p' | tr -d ,; }
  a=$(count 5); b=$(count 25)
  echo "heap allocations per render: $(( (b - a) / 20 )) (valgrind: $a allocations for 5 renders, $b for 25)"
else
  echo "valgrind is not installed: allocations per render not measured (apt-get install valgrind)"
fi
