#!/usr/bin/env bash
# The test suite: builds the student build (lib/ as students get it) and the
# solution build (solutions/ laid over it) and runs each one's tests; then proves
# that a handout whose student has written everything passes its own tests.
set -euo pipefail
cd "$(dirname "$0")/.."
presets=(student solution)
[ -d solutions ] || presets=(student)  # a student handout has no solutions/
for preset in "${presets[@]}"; do
  echo "== $preset build =="
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  ctest --preset "$preset"
done
if [ -d solutions ]; then
  echo "== a handout with every lab done =="
  scripts/check_handout.sh
fi
