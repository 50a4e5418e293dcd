#!/usr/bin/env bash
# Scores Strata on the peers' own test suites (../shared/peer-suites: Shopify/liquid's and jekyll/jekyll's
# filter tests with Debian's Liquid 5.4 / Jekyll 4.3 answers; BuildKit's parser test files) and fails when a
# score drops below its floor in Tests/peer-suite-floors.txt. Raise a floor when a score goes up; never lower one.
#   scripts/check-peer-suites.sh STRATA_BINARY
set -euo pipefail
cd "$(dirname "$0")/.."
strata=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
suites=${PEER_SUITES:-../shared/peer-suites}
if [ ! -d "$suites" ]; then
  echo "peer suites: $suites is not here; skipped"
  exit 0
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
bash "$suites/liquid/run.sh" "$strata" > "$scratch/liquid.log" 2>&1 || true
bash "$suites/dockerfile/run.sh" "$strata" > "$scratch/dockerfile.log" 2>&1 || true
failed=0
checked=0
while read -r suite log floor; do
  case "$suite" in ''|'#'*) continue ;; esac
  checked=$((checked + 1))
  score=$(sed -nE "s/^$suite: ([0-9]+) passed.*/\1/p" "$scratch/$log.log" | tail -1)
  if [ -z "$score" ]; then
    echo "peer suite $suite: no score in its output:"; tail -5 "$scratch/$log.log"; failed=$((failed + 1))
  elif [ "$score" -lt "$floor" ]; then
    echo "peer suite $suite: $score passed, below the floor of $floor"; failed=$((failed + 1))
  elif [ "$score" -gt "$floor" ]; then
    echo "peer suite $suite: $score passed, above the floor of $floor: raise it in Tests/peer-suite-floors.txt"
  else
    echo "peer suite $suite: $score passed (floor $floor)"
  fi
done < Tests/peer-suite-floors.txt
echo "peer suite floors: $((checked - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
