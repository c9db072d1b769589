#!/usr/bin/env python3
"""Side-by-side benchmark of gradient checking: the library's check
(bench_gradcheck: nn::gradcheck::check_layer, double) against
torch.autograd.gradcheck (bench/torch_gradcheck.py, float64, one torch thread) on
the same function of a 784-W-10 network (Linear, Tanh, Linear):

    L(X, W1, b1, W2, b2) = sum((tanh(X W1 + b1) W2 + b2) o G),  X: N x 784 (N = 4)

Both check the same five tensors: the input X and every weight and bias.

  full         the library's Full method (central differences on every element)
               against gradcheck's normal mode (a numerical Jacobian, element by element),
               at W = 64 by default (--full-width): at W = 256 gradcheck's normal mode
               takes several minutes of CPU on its own
  directional  the library's Directional method (4 random directions per tensor)
               against gradcheck's fast_mode=True (one random direction for all inputs),
               at W = 256 (--width)

Runs alternate (lab, torch, then torch, lab); each cell is the median over the
rounds with the range (min-max); the directional checks run --repeat times in
each run, each one a sample. CPU seconds (steadier on a shared machine) and
wall-clock seconds; torch / lab says how many times faster the library is.

  bench/run_gradcheck.py [--rounds R] [--width W] [--full-width W] [--batch N]
                         [--repeat K] [--methods full,directional] [--no-torch] [--build DIR]

Needs the solution build: cmake --preset solution &&
cmake --build --preset solution --target bench_gradcheck (bench/run.sh gradcheck does both).
"""
import argparse
import os
import statistics
import subprocess
import sys

from run import find_torch_python

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TORCH_MODE = {"full": "normal", "directional": "fast"}
TITLES = {"full": "full: every element / normal mode",
          "directional": "directional / fast_mode=True"}


def run(cmd):
    """Runs cmd; returns [(wall, CPU, elements, passed)] from its "check ..." lines."""
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode:
        sys.exit(f"run_gradcheck.py: {' '.join(cmd)} failed:\n{proc.stderr}")
    checks = [(float(w[1]), float(w[3]), int(w[5]), w[7] == "1")
              for w in map(str.split, proc.stdout.splitlines()) if w and w[0] == "check"]
    if not checks:
        sys.exit(f"run_gradcheck.py: no 'check' line from {' '.join(cmd)}:\n{proc.stdout}")
    return checks


def cell(values):
    if not values:
        return "-"
    return f"{statistics.median(values):.4g} ({min(values):.4g}-{max(values):.4g})"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--width", type=int, default=256, help="hidden units, directional checks")
    p.add_argument("--full-width", type=int, default=64, help="hidden units, full checks")
    p.add_argument("--batch", type=int, default=4)
    p.add_argument("--repeat", type=int, default=10, help="directional checks per run")
    p.add_argument("--methods", default="full,directional")
    p.add_argument("--no-torch", action="store_true", help="skip the PyTorch column")
    p.add_argument("--build", default=os.path.join(ROOT, "build", "solution"))
    a = p.parse_args()

    lab = os.path.join(a.build, "bench", "bench_gradcheck")
    if not os.path.exists(lab):
        sys.exit(f"run_gradcheck.py: {lab} not found. Build it: cmake --preset solution && "
                 "cmake --build --preset solution --target bench_gradcheck")
    python = None if a.no_torch else find_torch_python()
    if python is None and not a.no_torch:
        print("PyTorch not found (Debian: apt-get install python3-torch): the torch column is "
              "skipped")
    impls = ["lab"] + (["torch"] if python else [])
    methods = a.methods.split(",")
    width = {"full": a.full_width, "directional": a.width}
    print(f"networks 784-W-10 (Linear, Tanh, Linear), batch {a.batch}; checked: X, W1, b1, W2, b2; "
          f"{a.rounds} rounds, runs alternating")
    for m in methods:
        print(f"  {TITLES[m]}: W = {width[m]}, "
              f"{784 * a.batch + 785 * width[m] + 10 * (width[m] + 1)} elements")
    print()

    wall = {(m, i): [] for m in methods for i in impls}
    cpu = {(m, i): [] for m in methods for i in impls}
    verdicts = {(m, i): set() for m in methods for i in impls}
    torch_script = os.path.join(HERE, "torch_gradcheck.py")
    for r in range(a.rounds):
        for method in methods:
            shape = ["--width", str(width[method]), "--batch", str(a.batch)]
            repeat = ["--repeat", str(a.repeat if method == "directional" else 1)]
            commands = {"lab": [lab, "--method", method] + shape + repeat,
                        "torch": [python or "", torch_script, "--mode", TORCH_MODE[method]] +
                        shape + repeat}
            for impl in (impls if r % 2 == 0 else impls[::-1]):  # alternate who goes first
                for w, c, _, passed in run(commands[impl]):
                    wall[(method, impl)].append(w)
                    cpu[(method, impl)].append(c)
                    verdicts[(method, impl)].add("passed" if passed else "FAILED")
            print(f"round {r + 1}/{a.rounds} {method}, wall/CPU s: " + ", ".join(
                f"{i} {wall[(method, i)][-1]:.4g}/{cpu[(method, i)][-1]:.4g}" for i in impls),
                flush=True)

    for title, times in (("CPU", cpu), ("wall-clock", wall)):
        header = ["check", "Backprop Lab (double)"]
        if python:
            header += ["torch.autograd.gradcheck (float64)", "torch / lab"]
        print(f"\n{title} seconds per check: median (min-max)\n")
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for m in methods:
            row = [f"{TITLES[m]}, 784-{width[m]}-10", cell(times[(m, "lab")])]
            if python:
                ratio = statistics.median(times[(m, "torch")]) / \
                    statistics.median(times[(m, "lab")])
                row += [cell(times[(m, "torch")]), f"{ratio:.1f}x"]
            print("| " + " | ".join(row) + " |")
    print("\nverdicts: " + ", ".join(f"{i} {m} {'/'.join(sorted(verdicts[(m, i)]))}"
                                     for m in methods for i in impls))


if __name__ == "__main__":
    main()
