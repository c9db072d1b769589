#!/usr/bin/env python3
"""Side-by-side training benchmark: Backprop Lab (nn::fit, double) against PyTorch
(float64, and float32 for reference; one torch thread) on an MLP 784-256-128-10,
batch 64 and 256, SGD and Adam, and against this machine's matrix-multiply rate
for the same shapes. Runs alternate (lab, torch, ... then again) so that load on
a shared machine falls on all of them alike; each cell is the median over the
rounds, with the range (min-max) beside it. Compare the ratios, not the seconds; the
"per round" ratio (lab / PyTorch float64 within each round) is the steadiest on a
machine whose speed changes from minute to minute.
Tables of CPU time (steadier on a shared machine: it does not count the time a
process waits for a core) and of wall-clock time.

  bench/run.py [--rounds R] [--epochs E] [--configs sgd:64,adam:256]
               [--data DIR|synthetic] [--baseline BIN] [--no-torch] [--build DIR]

--baseline BIN adds columns for another build of bench_train_mlp (e.g. one
built from an earlier commit by bench/build_baseline.sh), as it is and with
OPENBLAS_NUM_THREADS=1, and the ratios before / now. Needs the solution build: cmake --preset solution &&
cmake --build --preset solution --target bench_train_mlp.
"""
import argparse
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FASHION = "/usr/share/datasets/fashion-mnist"


def find_torch_python():
    """A python3 that can import torch (Debian's python3-torch is in /usr/bin/python3)."""
    for python in (sys.executable, "/usr/bin/python3"):
        if os.path.exists(python) and subprocess.run(
                [python, "-c", "import torch"], capture_output=True).returncode == 0:
            return python
    return None


def run_measured(cmd, env=None):
    """Runs cmd; returns ([(wall, cpu) seconds of each epoch], peak resident memory in MB)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, **(env or {})))
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        sys.exit(f"run.py: {' '.join(cmd)} failed:\n{err}")
    lines = [w for w in map(str.split, out.splitlines()) if w and w[0] == "epoch"]
    epochs = [(float(w[2]), float(w[4])) for w in lines]
    threads = {w[-1] for w in lines if len(w) > 2 and w[-2] == "threads"}
    return epochs, usage.ru_maxrss / 1024, ",".join(sorted(threads))


def cell(values):
    if not values:
        return "-"
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--epochs", type=int, default=1, help="epochs per run; each is one sample")
    p.add_argument("--configs", default="sgd:64,sgd:256,adam:64,adam:256")
    p.add_argument("--data", default=None, help=f"default {FASHION} if present, else synthetic")
    p.add_argument("--baseline", help="another bench_train_mlp binary: adds a before column")
    p.add_argument("--no-torch", action="store_true", help="skip the PyTorch columns")
    p.add_argument("--build", default=os.path.join(ROOT, "build", "solution"))
    a = p.parse_args()

    lab = os.path.join(a.build, "bench", "bench_train_mlp")
    if not os.path.exists(lab):
        sys.exit(f"run.py: {lab} not found. Build it: cmake --preset solution && "
                 "cmake --build --preset solution --target bench_train_mlp")
    data = a.data or (FASHION if os.path.exists(os.path.join(FASHION, "train-images-idx3-ubyte.gz"))
                      else "synthetic")
    python = None if a.no_torch else find_torch_python()
    print(f"data: {'Fashion-MNIST training set, 60000 x 784, from ' + data if data != 'synthetic' else 'synthetic uniform random, 60000 x 784 (the time of an epoch does not depend on the pixel values)'}")
    if python is None and not a.no_torch:
        print("PyTorch not found (Debian: apt-get install python3-torch): the torch columns are "
              "skipped")
    print(f"{a.rounds} rounds, {a.epochs} epoch(s) per run, runs alternating\n")

    configs = [c.split(":") for c in a.configs.split(",")]
    impls = ["lab"] + (["before", "before1"] if a.baseline else []) + \
        (["torch64", "torch32"] if python else []) + ["gemm"]
    names = {"lab": "Backprop Lab (double)", "before": "before",
             "before1": "before, OPENBLAS_NUM_THREADS=1", "torch64": "PyTorch float64",
             "torch32": "PyTorch float32", "gemm": "GEMM limit"}
    wall = {(o, b, i): [] for o, b in configs for i in impls}
    cpu = {(o, b, i): [] for o, b in configs for i in impls}
    # per round, the mean of its epochs: runs of one round are minutes apart at most
    round_wall = {(o, b, i): [] for o, b in configs for i in impls}
    round_cpu = {(o, b, i): [] for o, b in configs for i in impls}
    memory = {i: 0.0 for i in impls}
    torch_script = os.path.join(HERE, "torch_mlp.py")
    for r in range(a.rounds):
        for opt, batch in configs:
            common = ["--batch", batch, "--epochs", str(a.epochs)]
            training = ["--optimizer", opt, "--data", data] + common
            commands = {
                "lab": ([lab] + training, None),
                "before": ([a.baseline or ""] + training, None),
                "before1": ([a.baseline or ""] + training, {"OPENBLAS_NUM_THREADS": "1"}),
                "torch64": ([python or "", torch_script, "--dtype", "float64"] + training, None),
                "torch32": ([python or "", torch_script, "--dtype", "float32"] + training, None),
                "gemm": ([lab, "--gemm"] + common, None),
            }
            order = impls if r % 2 == 0 else impls[::-1]  # alternate who goes first
            threads = {}
            for impl in order:
                epochs, peak, threads[impl] = run_measured(*commands[impl])
                wall[(opt, batch, impl)] += [w for w, _ in epochs]
                cpu[(opt, batch, impl)] += [c for _, c in epochs]
                round_wall[(opt, batch, impl)].append(statistics.mean(w for w, _ in epochs))
                round_cpu[(opt, batch, impl)].append(statistics.mean(c for _, c in epochs))
                if impl != "gemm":
                    memory[impl] = max(memory[impl], peak)
            print(f"round {r + 1}/{a.rounds} {opt} batch {batch}, wall/CPU s: " + ", ".join(
                f"{i} {wall[(opt, batch, i)][-1]:.2f}/{cpu[(opt, batch, i)][-1]:.2f}" +
                (f" ({threads[i]} BLAS threads)" if threads[i] else "")
                for i in impls), flush=True)

    for title, times, rounds in (("CPU seconds per epoch", cpu, round_cpu),
                                 ("wall-clock seconds per epoch", wall, round_wall)):
        def med(o, b, i):
            return statistics.median(times[(o, b, i)])

        def paired(o, b, i, j):
            """i / j round by round: the median and range of the rounds' ratios."""
            r = [x / y for x, y in zip(rounds[(o, b, i)], rounds[(o, b, j)])]
            return f"{statistics.median(r):.2f}x ({min(r):.2f}-{max(r):.2f})"
        header = ["optimizer, batch", names["lab"]]
        if python:
            header += [names["torch64"], "lab / torch64", "per round", names["torch32"]]
        header += [names["gemm"], "limit / lab"]
        if a.baseline:
            header += [names["before"], "before / lab", names["before1"], "before1 / lab"]
        print(f"\n{title}: median (min-max) over {a.rounds} rounds\n")
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for o, b in configs:
            row = [f"{'SGD' if o == 'sgd' else 'Adam'}, {b}", cell(times[(o, b, "lab")])]
            if python:
                row += [cell(times[(o, b, "torch64")]),
                        f"{med(o, b, 'lab') / med(o, b, 'torch64'):.2f}x",
                        paired(o, b, "lab", "torch64"), cell(times[(o, b, "torch32")])]
            row += [cell(times[(o, b, "gemm")]),
                    f"{100 * med(o, b, 'gemm') / med(o, b, 'lab'):.0f}%"]
            if a.baseline:
                row += [cell(times[(o, b, "before")]),
                        f"{med(o, b, 'before') / med(o, b, 'lab'):.2f}x",
                        cell(times[(o, b, "before1")]),
                        f"{med(o, b, 'before1') / med(o, b, 'lab'):.2f}x"]
            print("| " + " | ".join(row) + " |")
    print("\npeak resident memory, MB (largest over all runs): " +
          ", ".join(f"{names[i]} {memory[i]:.0f}" for i in impls if i != "gemm"))
    print("GEMM limit: only the 8 products a step needs (forward XW x3, dW x3, dX x2) on the "
          "same shapes, one epoch's batches, on the OpenBLAS threads nn::fit uses; limit / lab: the share of the "
          "epoch they take.\nlab / torch64: the ratio of the medians; per round: the ratio within each "
          "round (its runs minutes apart at most, so a slow spell of a shared machine falls on both), "
          "median and range.")


if __name__ == "__main__":
    main()
