#!/usr/bin/env bash
# Builds everything into build/: the native core, tests and tools (build/native),
# the WebAssembly module (build/wasm) and the static site (build/site), with its lesson pictures
# (build/thumbnails).
set -euo pipefail
cd "$(dirname "$0")/.."
source build-scripts/toolchain-env.sh

cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/native -j "$(nproc)"

# Debian's Eigen is only found under emcmake when pointed at explicitly.
emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release -DEigen3_DIR=/usr/share/eigen3/cmake >/dev/null
cmake --build build/wasm -j "$(nproc)"

node build-scripts/build-site.mjs --core build/wasm/descent-core.js --out build/site
# The course map's lesson pictures are photographs of that site's widgets; a second, quick site
# build puts them on the cards.
node build-scripts/thumbnails.mjs --site build/site --out build/thumbnails
node build-scripts/build-site.mjs --core build/wasm/descent-core.js --out build/site --thumbnails build/thumbnails
