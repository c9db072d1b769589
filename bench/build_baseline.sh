#!/usr/bin/env bash
# Builds bench_train_mlp from an earlier commit, for bench/run.py --baseline:
# the library as it was at REF, with this tree's bench/ laid over it.
#   bench/build_baseline.sh [REF, default main]   -> build/bench-baseline/bench_train_mlp
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:-main}
mkdir -p build && src=$(mktemp -d "$PWD/build/baseline-src.XXXX")  # under the tree: ccache can hit
trap 'rm -rf "$src"' EXIT
git archive "$ref" | tar -x -C "$src"
rm -rf "$src/bench" && cp -r bench "$src/bench"
grep -q 'add_subdirectory(bench)' "$src/CMakeLists.txt" || echo 'add_subdirectory(bench)' >> "$src/CMakeLists.txt"
cmake -S "$src" -B "$src/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNN_SOLUTIONS=ON \
  -DNN_BUILD_TESTS=OFF >/dev/null
cmake --build "$src/build" --target bench_train_mlp -j2 >/dev/null
mkdir -p build/bench-baseline
cp "$src/build/bench/bench_train_mlp" build/bench-baseline/
echo "built build/bench-baseline/bench_train_mlp from $ref ($(git rev-parse --short "$ref"))"
