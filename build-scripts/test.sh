#!/usr/bin/env bash
# Sets up if needed, checks formatting and lint, builds, and runs every test: native Catch2
# (ctest), the WebAssembly module under node, the TypeScript declarations, the widget registry,
# the data files and the site in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
build-scripts/setup.sh

echo "== formatting and lint (clang-format, Prettier, ESLint)"
build-scripts/lint.sh

build-scripts/build.sh

echo "== native core (Catch2 via ctest)"
ctest --test-dir build/native --output-on-failure -j "$(nproc)"

echo "== fuzz smoke: formula parser and CSV importer (libFuzzer, ASan + UBSan, 20000 inputs each)"
build-scripts/fuzz.sh --runs 20000

echo "== WebAssembly module under node (native fixture vs WebAssembly)"
node --test tests/wasm/

echo "== TypeScript declarations (bindings/descent-core.d.ts vs tests/types/api-usage.ts)"
npx tsc -p tests/types

echo "== widget registry against README, the .d.ts and the generated pages (node)"
node --test tests/site/

echo "== data files: the digits' split, statistics and determinism (node)"
node --test tests/data/

echo "== browser end to end (Chromium)"
node --test --test-concurrency=1 tests/e2e/
echo "all tests passed"
