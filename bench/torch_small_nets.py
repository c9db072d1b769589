"""PyTorch counterpart of bench_small_nets: the same small networks, data of the
same shape and kind, the same loop (fixed batches in a fixed order; per batch:
zero the gradients, forward, loss, backward, SGD step), one warm-up epoch
untimed, float64 by default, one torch thread. Prints
"run <wall seconds> cpu <CPU seconds> samples <E x N> loss <last epoch's mean loss>".

  torch_small_nets.py --net xor|spiral --batch B [--epochs E] [--dtype float64|float32]

xor: 2-4-1 (Linear, Tanh, Linear, Sigmoid), mean squared error, 256 points
uniform in [-5, 5]^2 at least 0.3 from the axes, target 1 where x1 x2 > 0, SGD(0.1).
spiral: 2-16-16-3 (Linear, ReLU, Linear, ReLU, Linear), cross-entropy on the
logits, 384 points on 3 spiral arms (radius 5u, angle 3.5 pi u + 2 pi k / 3,
u ~ U(0, 1), noise 0.1), SGD(0.05). The formulas are nn::data::make_xor's and
make_spiral's; the random draws differ (the time does not depend on them).
"""
import argparse
import math
import time

import torch


def make_data(net, g):
    if net == "xor":
        n = 256
        signs = torch.where(torch.rand(n, 2, generator=g) < 0.5, -1.0, 1.0)
        X = signs * (0.3 + 4.7 * torch.rand(n, 2, generator=g))
        y = (X[:, 0] * X[:, 1] > 0).to(torch.float64).reshape(n, 1)
        return X.to(torch.float64), y
    n, arms = 384, 3
    k = torch.arange(n) % arms
    u = torch.rand(n, generator=g, dtype=torch.float64)
    angle = 1.75 * 2 * math.pi * u + 2 * math.pi * k / arms
    X = torch.stack([5 * u * torch.sin(angle), 5 * u * torch.cos(angle)], dim=1)
    X += 0.1 * torch.randn(n, 2, generator=g, dtype=torch.float64)
    return X, k


def build(net):
    if net == "xor":
        return torch.nn.Sequential(torch.nn.Linear(2, 4), torch.nn.Tanh(),
                                   torch.nn.Linear(4, 1), torch.nn.Sigmoid()), \
            torch.nn.MSELoss(), 0.1
    return torch.nn.Sequential(torch.nn.Linear(2, 16), torch.nn.ReLU(),
                               torch.nn.Linear(16, 16), torch.nn.ReLU(),
                               torch.nn.Linear(16, 3)), torch.nn.CrossEntropyLoss(), 0.05


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--net", choices=["xor", "spiral"], default="xor")
    p.add_argument("--batch", type=int, default=1)
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--dtype", choices=["float64", "float32"], default="float64")
    a = p.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(1)
    dtype = getattr(torch, a.dtype)
    g = torch.Generator().manual_seed(1)
    X, y = make_data(a.net, g)
    X = X.to(dtype)
    if y.is_floating_point():
        y = y.to(dtype)
    n = X.shape[0]
    if n % a.batch:
        raise SystemExit(f"--batch must divide the {n} points")
    batches = [(X[s:s + a.batch], y[s:s + a.batch]) for s in range(0, n, a.batch)]
    model, loss_fn, rate = build(a.net)
    model = model.to(dtype)
    opt = torch.optim.SGD(model.parameters(), lr=rate)

    def epoch():
        total = 0.0
        for Xb, yb in batches:
            opt.zero_grad()
            loss = loss_fn(model(Xb), yb)
            loss.backward()
            opt.step()
            total += loss.item()
        return total / len(batches)

    epoch()  # warm-up, untimed
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(a.epochs):
        mean_loss = epoch()
    print(f"run {time.perf_counter() - start:.4f} cpu {time.process_time() - cpu_start:.4f} "
          f"samples {a.epochs * n} loss {mean_loss:.4f}", flush=True)


if __name__ == "__main__":
    main()
