#!/usr/bin/env bash
# Prints benchmark figures side by side: native vs WebAssembly (under node).
set -euo pipefail
cd "$(dirname "$0")/.."
build-scripts/setup.sh >/dev/null
build-scripts/build.sh >/dev/null
node tests/bench/bench.mjs
