#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer (Swift's -sanitize=fuzzer,address) of the front-matter splitter,
# Liquid (parse and render), the Dockerfile parser, and the image model with its SVG views (fed Dockerfiles).
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET…]     (default 60 s, every target)
#   scripts/fuzz.sh --runs N [TARGET…]                 (N inputs per target, seed 1, fresh corpus:
#                                                       the same inputs on every machine, for make test)
# Seeds come from the test fixtures; the growing corpus stays in .build-fuzz/corpus/. A crash, a timeout
# (10 s per input), an out-of-memory (2 GB) or a leak fails the run, and the input is saved to
# Fuzz/Regressions/TARGET/ to be committed: `make test` replays every saved input.
# Ends with "N passed, M failed" (one per target) and the executions of each target.
set -euo pipefail
cd "$(dirname "$0")/.."
budget=(-max_total_time=60)
label="60 s"
corpus_root=.build-fuzz/corpus
if [ "${1:-}" = "--runs" ]; then
  budget=(-runs="$2" -seed=1)
  label="a fixed $2 inputs"
  corpus_root=.build-fuzz/ci-corpus
  rm -rf "$corpus_root"
  shift 2
elif [ $# -gt 0 ]; then
  budget=(-max_total_time="$1")
  label="$1 s"
  shift
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(front-matter liquid dockerfile model)
scratch=.build-fuzz
flock /tmp/strata-build.lock swift build --product strata-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
  --scratch-path "$scratch" > /tmp/strata-fuzz-build.log 2>&1 || { tail -30 /tmp/strata-fuzz-build.log; exit 1; }
binary=$scratch/debug/strata-fuzz

seed() {  # seed TARGET FOLDER
  mkdir -p "$2"
  case "$1" in
    front-matter)
      n=0; while IFS= read -r -d '' f; do n=$((n+1)); cp "$f" "$2/seed-$n.md"; done \
        < <(find Tests/SiteTests/Fixtures Tests/ErrorCatalogue content -name '*.md' -size -64k -print0) ;;
    liquid)
      python3 - "$2" <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
n = 0
for f in pathlib.Path("Tests/LiquidTests/Fixtures/conformance").glob("*.json"):
    if f.name.endswith(".expected.json"):
        continue
    for case in json.loads(f.read_text()).get("cases", []):
        if isinstance(case, dict) and isinstance(case.get("t"), str):
            n += 1
            (out / f"seed-{n}.liquid").write_text(case["t"])
for f in list(pathlib.Path("templates").rglob("*.html")) + list(pathlib.Path("content").glob("*.html")):
    n += 1
    (out / f"seed-{n}.liquid").write_text(f.read_text())
PY
      ;;
    dockerfile|model)
      cp Dockerfile "$2/seed-0"
      n=0; while IFS= read -r -d '' f; do n=$((n+1)); cp "$f" "$2/seed-$n"; done \
        < <(find Tests/LayerModelTests/Fixtures content/dockerfiles -name 'Dockerfile*' -size -64k -print0) ;;
  esac
}

passed=0; failed=0; report=()
for target in "${targets[@]}"; do
  corpus=$corpus_root/$target
  seeds=$scratch/seeds/$target
  rm -rf "$seeds"; seed "$target" "$seeds"
  mkdir -p "$corpus" "Fuzz/Regressions/$target"
  log=$scratch/$target.log
  if STRATA_FUZZ_TARGET=$target ASAN_OPTIONS=detect_leaks=1 "$binary" "$corpus" "$seeds" \
       "${budget[@]}" -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 \
       -artifact_prefix="Fuzz/Regressions/$target/" > "$log" 2>&1; then
    passed=$((passed + 1)); verdict=ok
  else
    failed=$((failed + 1)); verdict=FAILED
    grep -E "ERROR|SUMMARY|Test unit written" "$log" | head -10
  fi
  executions=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$log" | tail -1)
  report+=("$target: ${executions:-?} executions ($label), $verdict")
done
printf '%s\n' "${report[@]}"
echo "fuzz targets: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
