#!/bin/bash
# Build and tag
for f in *.txt; do
  echo "file: $f ${HOME:-/root}" | grep -v '^#' > out.log 2>&1
done
export PATH="/usr/local/bin:$PATH"
