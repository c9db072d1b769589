#!/usr/bin/env bash
# Builds a benchmark (solution build) and runs it side by side with PyTorch,
# passing on the arguments after the first word (each script's --help lists them).
#   bench/run.sh                       training speed, bench/run.py (the full table:
#                                      about 15 minutes on 2 quiet cores)
#   bench/run.sh --rounds 1 --configs sgd:256
#   bench/run.sh small                 small networks per sample, bench/run_small_nets.py
#   bench/run.sh gradcheck             gradient checking, bench/run_gradcheck.py
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  small) shift; target=bench_small_nets; script=bench/run_small_nets.py ;;
  gradcheck) shift; target=bench_gradcheck; script=bench/run_gradcheck.py ;;
  *) target=bench_train_mlp; script=bench/run.py ;;
esac
cmake --preset solution >/dev/null
cmake --build --preset solution --target "$target" >/dev/null
exec python3 "$script" "$@"
