#!/usr/bin/env bash
# Serves the built site (build/site) on http://127.0.0.1:${PORT:-8000}.
set -euo pipefail
cd "$(dirname "$0")/.."
exec node build-scripts/static-server.mjs build/site "${PORT:-8000}"
