#!/usr/bin/env bash
# Prints benchmark figures side by side: Descent native vs WebAssembly (under node), the network
# rows also against the best-native reference (tests/bench/reference_mlp.cpp) and TensorFlow.js (and
# ConvNetJS for the LeNet-like step);
# then the size of descent.js, the start-up time of the site, the longest main-thread block
# per widget in Chromium and the CNN widget's live training there.
set -euo pipefail
cd "$(dirname "$0")/.."
build-scripts/setup.sh >/dev/null
build-scripts/build.sh >/dev/null
# One CPU for the whole run (node and the native child it starts): on a 2-CPU VM, moving between
# CPUs made the same WebAssembly run vary by up to 2×; pinned, runs agree within a few per cent.
taskset -c 0 node tests/bench/bench.mjs
echo
# What the page downloads (descent.js by part, the wasm by area) and how fast it starts in Chromium.
node build-scripts/size-report.mjs
echo
node tests/bench/startup.mjs
echo
# How long each widget can block the page while its controls are driven (goal ≤ 50 ms).
node tests/bench/responsiveness.mjs
echo
# The CNN widget trained live: seconds to 97 % test accuracy, its longest frame, an explanation.
node tests/bench/cnn-training.mjs
