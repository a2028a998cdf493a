#!/usr/bin/env bash
# The include check passes on the repository, and fails when a lower part includes a higher one.
set -euo pipefail
repo="$1"
python3 "$repo/scripts/check_includes.py" "$repo"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/docs" "$tmp/src/common" "$tmp/src/types"
cp "$repo/docs/ARCHITECTURE.md" "$tmp/docs/"
printf '#include "common/bytes.hpp"\n' > "$tmp/src/types/ok.hpp"
printf '#include "types/transaction.hpp"\n' > "$tmp/src/common/bad.hpp"
if out=$(python3 "$repo/scripts/check_includes.py" "$tmp"); then
  echo "FAIL: common including types was accepted"; exit 1
fi
echo "$out" | grep -q "src/common/bad.hpp:1: common may not include types" \
  || { echo "FAIL: unexpected report: $out"; exit 1; }
echo "include check rejects an upward include: ok"
