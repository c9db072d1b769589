#!/usr/bin/env bash
# PrairieLearn's entry point (externalGradingOptions.entrypoint): the student's
# files are in /grade/student, the question's tests/ folder in /grade/tests (its
# file `lab` names the lab graded), the result goes to /grade/results/results.json.
# PL_GRADE_ROOT sets another root (to simulate the platform); BACKPROP_GRADER,
# BACKPROP_FRAMEWORK and BACKPROP_CACHE another grader, framework and cache
# (to test the script with an existing build).
set -uo pipefail
root="${PL_GRADE_ROOT:-/grade}"
framework="${BACKPROP_FRAMEWORK:-$(cd "$(dirname "$0")/../../.." && pwd)}"
grader="${BACKPROP_GRADER:-$framework/build/solution/grader/grader}"
options=(--root "$framework")
[ -n "${BACKPROP_CACHE:-}" ] && options+=(--cache "$BACKPROP_CACHE")
lab=()
[ -s "$root/tests/lab" ] && lab=(--lab "$(cat "$root/tests/lab")")
mkdir -p "$root/results"
rm -f "$root/results/results.json"
"$grader" "${options[@]}" bundle run prairielearn --platform-root "$root" "${lab[@]}"
status=$?
if [ ! -s "$root/results/results.json" ]; then
  cat >"$root/results/results.json" <<JSON
{"gradable": false, "message": "The autograder could not run (exit status $status). This is not a mistake in your code: tell your instructor."}
JSON
fi
exit 0
