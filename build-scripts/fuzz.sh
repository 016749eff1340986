#!/usr/bin/env bash
# Builds the libFuzzer harnesses in tests/fuzz (formula_fuzzer: the formula parser, evaluator and
# printer; csv_fuzzer: the CSV importer) with Clang, AddressSanitizer and UndefinedBehaviorSanitizer
# into build/fuzz, and runs each on a copy of its seed corpus (tests/fuzz/corpus/<name>).
#   build-scripts/fuzz.sh             each fuzzer for 60 seconds
#   build-scripts/fuzz.sh 600         each fuzzer for 600 seconds; what they find accumulates in
#                                     build/fuzz/corpus/<name> from one run to the next
#   build-scripts/fuzz.sh --runs 5000 a short deterministic smoke run: 5000 inputs each, -seed=1,
#                                     on a fresh copy of the seeds
# A crash, a sanitizer report, a broken invariant (the harness aborts), a leak or an input taking
# over 10 s makes the script exit non-zero; the input is saved as build/fuzz/artifacts/<name>/
# crash-… (or leak-…, timeout-…), and `build/fuzz/<name> that-file` replays it. Each run's log is
# build/fuzz/<name>.log. The few core files each harness needs are compiled directly, one at a
# time, and recompiled only when a source, a core header or the flags change.
set -euo pipefail
cd "$(dirname "$0")/.."
source build-scripts/require-packages.sh
require_packages clang libclang-rt-14-dev libeigen3-dev

seconds=60
runs=""
case "${1:-}" in
  "") ;;
  --runs) runs="${2:-}" ;;
  *) seconds="$1" ;;
esac
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { [ "${1:-}" = --runs ] && ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; }; then
  echo "usage: build-scripts/fuzz.sh [seconds | --runs N]" >&2
  exit 2
fi

# The parser refuses formulas over kMaxExpressionLength characters: inputs a little longer reach
# that check too. CSV: a few dozen short rows, enough for every rule but the size limits.
formula_limit=$(sed -n 's/.*kMaxExpressionLength = \([0-9]*\);.*/\1/p' \
  core/include/descent/autograd/expression_parser.hpp)
declare -A max_len=([formula_fuzzer]=$((formula_limit + 100)) [csv_fuzzer]=4096)
declare -A core_sources=(
  [formula_fuzzer]="autograd/expression_parser.cpp autograd/expression_evaluation.cpp
                    autograd/graph.cpp math/messages.cpp"
  [csv_fuzzer]="data/csv_import.cpp data/dataset.cpp math/messages.cpp"
)

flags=(-std=c++17 -g -O1 "-fsanitize=fuzzer,address,undefined" -fno-sanitize-recover=undefined
  -fno-omit-frame-pointer -Wall -Wextra
  # The core's own arithmetic flags (CMakeLists.txt), so the code under test is the shipped code.
  -ffp-contract=off -fno-math-errno -fno-trapping-math -DEIGEN_DONT_VECTORIZE
  -I core/include -I /usr/include/eigen3)
out=build/fuzz
mkdir -p "$out/obj"
if [ "$(cat "$out/obj/flags" 2>/dev/null)" != "${flags[*]}" ]; then
  rm -f "$out"/obj/*.o
  echo "${flags[*]}" >"$out/obj/flags"
fi

# Compiles core/src/$1 unless its object is newer than it and every core header.
compile_core() {
  local source=core/src/$1 object=$out/obj/${1//\//_}.o
  if [ ! -f "$object" ] || [ "$source" -nt "$object" ] ||
    [ -n "$(find core/include -newer "$object" -print -quit)" ]; then
    echo "fuzz: compiling $source"
    clang++ "${flags[@]}" -c "$source" -o "$object"
  fi
}

for fuzzer in formula_fuzzer csv_fuzzer; do
  objects=()
  for source in ${core_sources[$fuzzer]}; do
    compile_core "$source"
    objects+=("$out/obj/${source//\//_}.o")
  done
  binary=$out/$fuzzer
  if [ ! -f "$binary" ] || [ "tests/fuzz/$fuzzer.cpp" -nt "$binary" ] ||
    [ -n "$(find "${objects[@]}" core/include -newer "$binary" -print -quit)" ]; then
    echo "fuzz: building $binary"
    clang++ "${flags[@]}" "tests/fuzz/$fuzzer.cpp" "${objects[@]}" -o "$binary"
  fi
done

failed=()
for fuzzer in formula_fuzzer csv_fuzzer; do
  name=${fuzzer%_fuzzer}
  options=(-max_len="${max_len[$fuzzer]}" -timeout=10 -print_final_stats=1
    -dict="tests/fuzz/$name.dict" -artifact_prefix="$out/artifacts/$name/")
  if [ -n "$runs" ]; then
    corpus=$out/smoke/$name
    rm -rf "$corpus"
    options+=(-runs="$runs" -seed=1)
  else
    corpus=$out/corpus/$name
    options+=(-max_total_time="$seconds")
  fi
  mkdir -p "$corpus" "$out/artifacts/$name"
  cp -n tests/fuzz/corpus/"$name"/* "$corpus"/
  if [ -n "$runs" ]; then budget="$runs runs"; else budget="$seconds s"; fi
  echo "== $fuzzer: $budget, corpus $corpus ($(find "$corpus" -type f | wc -l) inputs)"
  status=0
  "$out/$fuzzer" "${options[@]}" "$corpus" >"$out/$fuzzer.log" 2>&1 || status=$?
  if [ "$status" -eq 0 ]; then
    grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$out/$fuzzer.log" || true
    echo "   corpus now $(find "$corpus" -type f | wc -l) inputs"
  else
    tail -n 60 "$out/$fuzzer.log"
    echo "fuzz: $fuzzer FAILED (exit $status); log $out/$fuzzer.log, input in $out/artifacts/$name/"
    failed+=("$fuzzer")
  fi
done

if ((${#failed[@]})); then
  echo "fuzz: failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: ok"
