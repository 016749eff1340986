#!/usr/bin/env bash
# Formatting and lint, checked (not fixed): clang-format over the C++, Prettier and
# ESLint over the JavaScript. `build-scripts/lint.sh --fix` rewrites files instead.
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t cpp_files < <(git ls-files '*.cpp' '*.hpp')
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${cpp_files[@]}"
  npx prettier --write --log-level warn .
  npx eslint --fix .
else
  clang-format --dry-run --Werror "${cpp_files[@]}"
  npx prettier --check --log-level warn .
  npx eslint --max-warnings 0 .
fi
echo "lint: ok"
