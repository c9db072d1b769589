#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image: the
# zip is unpacked in /autograder/source, the framework in its framework/ folder.
set -euo pipefail
bash /autograder/source/framework/grader/bundle/build_grader.sh
