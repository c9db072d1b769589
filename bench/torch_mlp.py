"""PyTorch counterpart of bench_train_mlp: the same MLP 784-256-128-10 (ReLU,
softmax cross-entropy), the same loop as nn::fit (shuffle, gather each batch's
rows, forward, loss, backward, step, sum the loss and count the correct
predictions), one torch thread. Prints "epoch <k> <wall seconds> cpu <CPU seconds> ..." per epoch.

  torch_mlp.py --optimizer sgd|adam --batch B [--epochs E] [--dtype float64|float32]
               [--data DIR|synthetic]
"""
import argparse
import gzip
import os
import time

import torch

SAMPLES, INPUTS, CLASSES = 60000, 784, 10


def load(data):
    if data == "synthetic":
        g = torch.Generator().manual_seed(1)
        X = torch.rand(SAMPLES, INPUTS, generator=g, dtype=torch.float64)
        y = torch.randint(0, CLASSES, (SAMPLES,), generator=g)
        print(f"data synthetic {SAMPLES}x{INPUTS}")
        return X, y
    with gzip.open(os.path.join(data, "train-images-idx3-ubyte.gz")) as f:
        images = torch.frombuffer(bytearray(f.read()[16:]), dtype=torch.uint8)
    with gzip.open(os.path.join(data, "train-labels-idx1-ubyte.gz")) as f:
        labels = torch.frombuffer(bytearray(f.read()[8:]), dtype=torch.uint8)
    X = images.reshape(-1, INPUTS).to(torch.float64) / 255
    print(f"data fashion-mnist {X.shape[0]}x{X.shape[1]}")
    return X, labels.to(torch.int64)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--optimizer", choices=["sgd", "adam"], default="sgd")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--dtype", choices=["float64", "float32"], default="float64")
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    a = p.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(1)
    dtype = getattr(torch, a.dtype)
    X, y = load(a.data)
    X = X.to(dtype)
    model = torch.nn.Sequential(
        torch.nn.Linear(INPUTS, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, CLASSES)).to(dtype)
    loss_fn = torch.nn.CrossEntropyLoss()
    if a.optimizer == "sgd":
        opt = torch.optim.SGD(model.parameters(), lr=0.01)
    else:
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    n = X.shape[0]
    for epoch in range(a.epochs):
        start, cpu_start = time.perf_counter(), time.process_time()
        order = torch.randperm(n)
        loss_sum, correct = 0.0, 0
        for s in range(0, n, a.batch):
            rows = order[s:s + a.batch]
            Xb, yb = X[rows], y[rows]
            opt.zero_grad()
            pred = model(Xb)
            loss = loss_fn(pred, yb)
            loss.backward()
            opt.step()
            loss_sum += loss.item() * len(rows)
            correct += int((pred.argmax(1) == yb).sum())
        print(f"epoch {epoch + 1} {time.perf_counter() - start:.4f} "
              f"cpu {time.process_time() - cpu_start:.4f} loss {loss_sum / n:.4f}", flush=True)


if __name__ == "__main__":
    main()
