"""PyTorch counterpart of bench_gradcheck: torch.autograd.gradcheck on the same
function, in float64, one torch thread:

    L(X, W1, b1, W2, b2) = sum((tanh(X W1 + b1) W2 + b2) o G)

X: N x 784 standard normal, W1: 784 x W and W2: W x 10 Xavier uniform, b1 and b2
zero, G: N x 10 standard normal (the draws differ from the library's; the time does
not depend on them). Every one of the five tensors requires a gradient, so the
check covers the input and every weight and bias, as bench_gradcheck's does.
gradcheck's defaults otherwise (eps 1e-6, atol 1e-5, rtol 1e-3, its checks of
undefined gradients and of backward-mode AD).

  torch_gradcheck.py --mode normal|fast [--width W] [--batch N] [--repeat R]

Prints per check "check <wall seconds> cpu <CPU seconds> elements <inputs' elements> passed <0|1>".
"""
import argparse
import math
import time

import torch


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--mode", choices=["normal", "fast"], default="normal")
    p.add_argument("--width", type=int, default=256)
    p.add_argument("--batch", type=int, default=4)
    p.add_argument("--repeat", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(1)
    g = torch.Generator().manual_seed(1)
    f64 = torch.float64

    def xavier(fan_in, fan_out):
        limit = math.sqrt(6 / (fan_in + fan_out))
        return (2 * torch.rand(fan_in, fan_out, generator=g, dtype=f64) - 1) * limit

    X = torch.randn(a.batch, 784, generator=g, dtype=f64)
    W1, b1 = xavier(784, a.width), torch.zeros(1, a.width, dtype=f64)
    W2, b2 = xavier(a.width, 10), torch.zeros(1, 10, dtype=f64)
    G = torch.randn(a.batch, 10, generator=g, dtype=f64)
    inputs = tuple(t.requires_grad_() for t in (X, W1, b1, W2, b2))

    def loss(X, W1, b1, W2, b2):
        return ((torch.tanh(X @ W1 + b1) @ W2 + b2) * G).sum()

    for _ in range(a.repeat):
        start, cpu_start = time.perf_counter(), time.process_time()
        passed = torch.autograd.gradcheck(loss, inputs, eps=1e-6, atol=1e-5, rtol=1e-3,
                                          fast_mode=a.mode == "fast", raise_exception=False)
        print(f"check {time.perf_counter() - start:.4f} cpu {time.process_time() - cpu_start:.4f} "
              f"elements {sum(t.numel() for t in inputs)} passed {int(passed)}", flush=True)


if __name__ == "__main__":
    main()
