#!/usr/bin/env python3
"""Side-by-side benchmark of small networks, where the cost of each call decides:
Backprop Lab (bench_small_nets, double) against PyTorch
(bench/torch_small_nets.py, float64, one torch thread), microseconds per training
sample (forward, loss, backward and SGD step; fixed batches, one warm-up epoch
untimed) of

  xor     2-4-1 (Linear, Tanh, Linear, Sigmoid), mean squared error, 256 points
  spiral  2-16-16-3 (Linear, ReLU, Linear, ReLU, Linear), softmax cross-entropy, 384 points

at batch 1, 2, 4, 8, 16 and 32. Both train on the same number of samples in a
run: enough epochs for --steps batches (default 5000: about 3 s of PyTorch at
every batch size, a tenth of that or less for the library). Runs alternate (lab,
torch, then torch, lab) so that load on a shared machine falls on both alike;
each cell is the median over the rounds with the range (min-max). Tables of CPU time (steadier on a shared
machine) and wall-clock time; the ratio torch / lab says how many times faster
the library is. Compare the ratios, not the times.

  bench/run_small_nets.py [--rounds R] [--steps S] [--nets xor,spiral] [--batches 1,2,4]
                          [--no-torch] [--build DIR]

Needs the solution build: cmake --preset solution &&
cmake --build --preset solution --target bench_small_nets (bench/run.sh small does both).
"""
import argparse
import os
import statistics
import subprocess
import sys

from run import cell, find_torch_python

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
POINTS = {"xor": 256, "spiral": 384}
NAMES = {"xor": "XOR 2-4-1", "spiral": "spiral 2-16-16-3"}


def run(cmd):
    """Runs cmd; returns (wall, CPU, samples) from its "run ..." line."""
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode:
        sys.exit(f"run_small_nets.py: {' '.join(cmd)} failed:\n{proc.stderr}")
    for words in map(str.split, proc.stdout.splitlines()):
        if words and words[0] == "run":
            return float(words[1]), float(words[3]), int(words[5])
    sys.exit(f"run_small_nets.py: no 'run' line from {' '.join(cmd)}:\n{proc.stdout}")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--steps", type=int, default=5000, help="batches per run (rounded up to epochs)")
    p.add_argument("--nets", default="xor,spiral")
    p.add_argument("--batches", default="1,2,4,8,16,32")
    p.add_argument("--no-torch", action="store_true", help="skip the PyTorch column")
    p.add_argument("--build", default=os.path.join(ROOT, "build", "solution"))
    a = p.parse_args()

    lab = os.path.join(a.build, "bench", "bench_small_nets")
    if not os.path.exists(lab):
        sys.exit(f"run_small_nets.py: {lab} not found. Build it: cmake --preset solution && "
                 "cmake --build --preset solution --target bench_small_nets")
    python = None if a.no_torch else find_torch_python()
    if python is None and not a.no_torch:
        print("PyTorch not found (Debian: apt-get install python3-torch): the torch column is "
              "skipped")
    impls = ["lab"] + (["torch"] if python else [])
    configs = [(net, int(b)) for net in a.nets.split(",") for b in a.batches.split(",")]
    print(f"{a.rounds} rounds, about {a.steps} batches per run, runs alternating\n")

    wall = {(n, b, i): [] for n, b in configs for i in impls}
    cpu = {(n, b, i): [] for n, b in configs for i in impls}
    torch_script = os.path.join(HERE, "torch_small_nets.py")
    for r in range(a.rounds):
        for net, batch in configs:
            epochs = max(1, -(-a.steps * batch // POINTS[net]))
            args = ["--net", net, "--batch", str(batch), "--epochs", str(epochs)]
            commands = {"lab": [lab] + args, "torch": [python or "", torch_script] + args}
            for impl in (impls if r % 2 == 0 else impls[::-1]):  # alternate who goes first
                w, c, samples = run(commands[impl])
                wall[(net, batch, impl)].append(1e6 * w / samples)
                cpu[(net, batch, impl)].append(1e6 * c / samples)
            print(f"round {r + 1}/{a.rounds} {net} batch {batch}, {samples} samples, "
                  "wall/CPU us per sample: " + ", ".join(
                      f"{i} {wall[(net, batch, i)][-1]:.2f}/{cpu[(net, batch, i)][-1]:.2f}"
                      for i in impls), flush=True)

    for title, times in (("CPU", cpu), ("wall-clock", wall)):
        header = ["net", "batch", "Backprop Lab (double)"]
        if python:
            header += ["PyTorch float64", "torch / lab"]
        print(f"\n{title} microseconds per training sample: median (min-max) over "
              f"{a.rounds} rounds\n")
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for net, batch in configs:
            row = [NAMES[net], str(batch), cell(times[(net, batch, "lab")])]
            if python:
                ratio = statistics.median(times[(net, batch, "torch")]) / \
                    statistics.median(times[(net, batch, "lab")])
                row += [cell(times[(net, batch, "torch")]), f"{ratio:.1f}x"]
            print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
