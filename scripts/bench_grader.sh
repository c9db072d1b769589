#!/usr/bin/env bash
# Grading benchmark (not part of the test suite): the time to grade one submission
# from scratch (cold object cache) and again after a one-file edit, and the
# throughput of `grader batch` with --jobs 1 and --jobs 2 on the same class.
# Every figure comes from this one run, side by side: compare the ratios, not the
# absolute seconds (shared machines are noisy).
#   scripts/bench_grader.sh [class size, default 6]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-6}
cmake --preset solution >/dev/null && cmake --build --preset solution --target grader >/dev/null
grader=build/solution/grader/grader
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { print b - a }'; }
calc() { awk "BEGIN { print $1 }"; }

cp -r solutions "$tmp/sub"
t0=$(now); $grader --cache "$tmp/cache" grade --submission "$tmp/sub" --out "$tmp/out1" >/dev/null; t1=$(now)
echo "// an edit" >> "$tmp/sub/lib/nn/layers/relu.cpp"
t2=$(now); $grader --cache "$tmp/cache" grade --submission "$tmp/sub" --out "$tmp/out2" >/dev/null; t3=$(now)
cold=$(elapsed "$t0" "$t1"); edit=$(elapsed "$t2" "$t3")

mkdir -p "$tmp/class"
for i in $(seq 1 "$n"); do  # each student's copy differs by a comment: every one is compiled
  cp -r solutions "$tmp/class/s$i"
  echo "// student $i" >> "$tmp/class/s$i/lib/nn/layers/linear.cpp"
done
t4=$(now); $grader --cache "$tmp/cache" batch --submissions "$tmp/class" --out "$tmp/b1" --jobs 1 >/dev/null; t5=$(now)
for i in $(seq 1 "$n"); do echo "// again" >> "$tmp/class/s$i/lib/nn/layers/linear.cpp"; done
t6=$(now); $grader --cache "$tmp/cache" batch --submissions "$tmp/class" --out "$tmp/b2" --jobs 2 >/dev/null; t7=$(now)
one=$(elapsed "$t4" "$t5"); two=$(elapsed "$t6" "$t7")

printf 'grade one submission, cold cache:      %6.1f s\n' "$cold"
printf 're-grade after a one-file edit:        %6.1f s   (%.1fx faster than cold)\n' "$edit" "$(calc "$cold / $edit")"
printf 'batch of %d, --jobs 1:                 %6.1f s   (%.1f submissions/min)\n' "$n" "$one" "$(calc "60 * $n / $one")"
printf 'batch of %d, --jobs 2:                 %6.1f s   (%.1f submissions/min, %.2fx --jobs 1)\n' "$n" "$two" "$(calc "60 * $n / $two")" "$(calc "$one / $two")"
