#!/usr/bin/env bash
# Builds the native Catch2 suite (the descent_tests target only) with Clang under
# AddressSanitizer and UndefinedBehaviorSanitizer in build/sanitize, then runs it: a memory
# error, a leak or undefined behaviour (float-to-int overflow, signed overflow, a bad shift, …)
# stops the run with a report and a non-zero exit.
#   build-scripts/sanitize.sh              every test case
#   build-scripts/sanitize.sh "[autograd]" Catch2 arguments are passed on (tags, names, -s, …)
# JOBS=1 build-scripts/sanitize.sh builds with one job (default: every core). The first build
# takes a while; later ones recompile only what changed. -O1 -g without NDEBUG, so Eigen's
# bounds assertions are on too.
set -euo pipefail
cd "$(dirname "$0")/.."
source build-scripts/require-packages.sh
require_packages cmake make clang libclang-rt-14-dev libeigen3-dev catch2

sanitizers="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
CC=clang CXX=clang++ cmake -S . -B build/sanitize -DCMAKE_BUILD_TYPE=Sanitize \
  -DCMAKE_CXX_FLAGS_SANITIZE="-O1 -g" \
  -DCMAKE_CXX_FLAGS="$sanitizers -fno-omit-frame-pointer" \
  -DCMAKE_EXE_LINKER_FLAGS="$sanitizers" >/dev/null
cmake --build build/sanitize --target descent_tests -j "${JOBS:-$(nproc)}"

echo "== native core under ASan + UBSan (Catch2)"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:check_initialization_order=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
build/sanitize/descent_tests --use-colour no "$@"
