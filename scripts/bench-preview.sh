#!/usr/bin/env bash
# Benchmarks `strata serve` (and `hugo server`, when installed) on a generated 1,000-post
# site: edit-to-new-HTML latency for a post and a layout, a no-op save, and requests per
# second under wrk. Needs python3; wrk and hugo come from Debian (apt-get install wrk hugo).
#
#   scripts/bench-preview.sh .build/release/strata [--posts 1000] [--edits 20] [--workdir DIR]
set -euo pipefail
if [[ $# -lt 1 ]]; then
    echo "usage: $0 STRATA_BINARY [options; see --help]" >&2
    exit 2
fi
if [[ "$1" != -* && ! -x "$1" ]]; then
    echo "error: $1 is not an executable strata binary (build it with: swift build -c release)" >&2
    exit 2
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec python3 "$here/bench_preview.py" "$@"
