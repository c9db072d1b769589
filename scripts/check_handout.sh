#!/usr/bin/env bash
# Proves that a handout whose student has written everything passes the test
# suite it ships with: `grader release` writes the handout into a temporary
# folder, solutions/ is laid over it (a student who has done every lab), and the
# handout is built with the student preset and its own ctest run.
#
#   scripts/check_handout.sh [GRADER]     GRADER: default build/solution/grader/grader
#
# Builds the handout's test program (nn_tests) and its grader, not its apps. The grader
# is built from the toml++ headers the handout carries (third_party/), as on a system that
# has no toml++ package (Ubuntu 22.04), and checks lab 01 (all its items must pass).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
grader=${1:-$root/build/solution/grader/grader}
[ -x "$grader" ] || { echo "check_handout: no grader at $grader (build the solution preset)"; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/handout-check.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$grader" --root "$root" release --out "$work/handout"
cp -r "$root/solutions/." "$work/handout/"
cd "$work/handout"
cmake --preset student -DCMAKE_DISABLE_FIND_PACKAGE_tomlplusplus=ON | grep "toml++: the headers carried"
cmake --build --preset student --target nn_tests grader
ctest --preset student
./build/student/grader/grader check --lab 01
