#!/usr/bin/env bash
# One command for a fresh machine: set up, build, and serve the site.
set -euo pipefail
cd "$(dirname "$0")/.."
build-scripts/setup.sh
build-scripts/build.sh
echo
echo "Descent is served at http://127.0.0.1:${PORT:-8000}/"
echo "(build/site/index.html also opens directly from disk: no server or network needed.)"
exec build-scripts/serve.sh
