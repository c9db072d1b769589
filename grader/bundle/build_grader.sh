#!/usr/bin/env bash
# Builds the grader of the framework this script is in, with the reference
# solutions, and compiles the reference and the handout's stubs once into the
# grader's cache, so that each submission then compiles only the student's own
# files. Gradescope's setup.sh and the PrairieLearn image run it once.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/setup.sh --deps-only --grading
cmake --preset solution -DNN_BUILD_TESTS=OFF
cmake --build --preset solution --target grader grader_worker
warm=$(mktemp -d)
mkdir "$warm/nothing"
grader=build/solution/grader/grader
"$grader" grade --weak-sandbox --submission solutions --out "$warm/solutions" >/dev/null
"$grader" grade --weak-sandbox --submission "$warm/nothing" --out "$warm/stubs" >/dev/null
rm -rf "$warm"
echo "grader built: $PWD/$grader"
