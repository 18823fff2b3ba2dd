#!/usr/bin/env bash
# Bundles plotly.js into the kernel at build time: `npm pack plotly.js-dist-min@VERSION` (verified by npm against the
# registry's integrity hash; served from npm's cache once fetched), then copies package/plotly.min.js to DEST.
# Usage: fetch-plotly.sh VERSION DEST_FILE WORK_DIR
set -euo pipefail
version="$1"; dest="$2"; work="$3"

if [ -s "$dest" ] && grep -q "v$version" <(head -c 300 "$dest"); then
  exit 0   # already bundled for this version
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "r1j build: npm is needed to bundle plotly.js $version into the Jupyter kernel (charts work offline)." >&2
  echo "  Install Node.js/npm (Debian/Ubuntu: sudo apt-get install npm), then build again." >&2
  exit 1
fi
mkdir -p "$work" "$(dirname "$dest")"
tgz="$work/plotly.js-dist-min-$version.tgz"
if [ ! -s "$tgz" ]; then
  if ! (cd "$work" && npm pack --silent --prefer-offline "plotly.js-dist-min@$version" >/dev/null); then
    echo "r1j build: 'npm pack plotly.js-dist-min@$version' failed (no network and not in npm's cache?)." >&2
    exit 1
  fi
fi
tar -xzf "$tgz" -C "$work" package/plotly.min.js package/LICENSE
cp "$work/package/plotly.min.js" "$dest.tmp"
mv "$dest.tmp" "$dest"
