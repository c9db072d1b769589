#!/usr/bin/env bash
# Builds the benchmarks (solution build) and runs the side-by-side training
# benchmark, bench/run.py, passing on its arguments (bench/run.py --help).
#   bench/run.sh                       the full table (about 15 minutes on 2 quiet cores)
#   bench/run.sh --rounds 1 --configs sgd:256
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset solution >/dev/null
cmake --build --preset solution --target bench_train_mlp >/dev/null
exec python3 bench/run.py "$@"
