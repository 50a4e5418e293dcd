#!/usr/bin/env bash
# Test hygiene: fails if any process started during this `make test` is still running (a preview server,
# a headless Chromium, a fuzzer). Every process the tests start inherits STRATA_TEST_RUN, a token unique to
# the run, even after it is re-parented to init; so the check finds them by their environment, not by
# name, and never blames processes of another run on the same machine.
set -euo pipefail
token=${STRATA_TEST_RUN:?run this from make test, which sets STRATA_TEST_RUN}
# This script and the shells above it carry the token too.
ancestors=" "
pid=$$
while [ "$pid" -gt 1 ]; do
  ancestors+="$pid "
  pid=$(awk '{print $4}' "/proc/$pid/stat" 2>/dev/null || echo 1)
done
leftovers=()
for environ in /proc/[0-9]*/environ; do
  pid=${environ#/proc/}; pid=${pid%/environ}
  [[ "$ancestors" == *" $pid "* ]] && continue
  if tr '\0' '\n' 2>/dev/null < "$environ" | grep -qx "STRATA_TEST_RUN=$token"; then
    leftovers+=("$pid $(tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline" | cut -c1-120)")
  fi
done
if [ ${#leftovers[@]} -gt 0 ]; then
  echo "make test left ${#leftovers[@]} process(es) running:" >&2
  printf '  %s\n' "${leftovers[@]}" >&2
  exit 1
fi
echo "no process of this test run is left running"
