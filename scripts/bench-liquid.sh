#!/usr/bin/env bash
# Renders the bundled seed post through its whole layout chain (Liquid → Markdown →
# post → default layout) and reports the median time per render and the heap
# allocations per render. Allocations are counted by valgrind, which runs the benchmark
# with two render counts; the difference divided by the extra renders is per render.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product StrataBench >/dev/null
bench=.build/release/StrataBench
"$bench" . "${1:-5000}"
if command -v valgrind >/dev/null 2>&1; then
  count() { valgrind --tool=memcheck --leak-check=no "$bench" . "$1" 2>&1 | sed -n 's/.*total heap usage: \([0-9,]*\) allocs.*/\1/p' | tr -d ,; }
  a=$(count 20); b=$(count 120)
  echo "heap allocations per render: $(( (b - a) / 100 )) (valgrind: $a allocations for 20 renders, $b for 120)"
else
  echo "valgrind is not installed: allocations per render not measured (apt-get install valgrind)"
fi
