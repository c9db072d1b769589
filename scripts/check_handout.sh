#!/usr/bin/env bash
# Proves that a handout whose student has written everything passes the test
# suite it ships with: `grader release` writes the handout into a temporary
# folder, solutions/ is laid over it (a student who has done every lab), and the
# handout is built with the student preset and its own ctest run.
#
#   scripts/check_handout.sh [GRADER]     GRADER: default build/solution/grader/grader
#
# Builds only the handout's test program (nn_tests), not its apps and grader.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
grader=${1:-$root/build/solution/grader/grader}
[ -x "$grader" ] || { echo "check_handout: no grader at $grader (build the solution preset)"; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/handout-check.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$grader" --root "$root" release --out "$work/handout"
cp -r "$root/solutions/." "$work/handout/"
cd "$work/handout"
cmake --preset student >/dev/null
cmake --build --preset student --target nn_tests
ctest --preset student
