#!/usr/bin/python3
"""PyTorch's side of bench/ddp_lenet.sh: one data-parallel LeNet-5 epoch on Fashion-MNIST (issue #19, Benchmark).

DistributedDataParallel over the Gloo backend, one CPU thread per rank, SGD lr 0.01 momentum 0.9, the GLOBAL batch
split evenly among the ranks (64 = 2 x 32), the same LeNet-5 as Sharpgrad's ModelZoo.LeNet5 (conv 5x5 pad 2 -> ReLU
-> max pool -> conv 5x5 -> ReLU -> max pool -> 120 -> 84 -> 10, 61 706 parameters). After the training epoch the
test set is evaluated, split among the ranks, because `sharpgrad train`'s printed epoch time includes its test pass.

Ranks are started with torch.multiprocessing.spawn and meet through init_method=file:// (works offline, no port).
The data are read from the four IDX .gz files with gzip + numpy (no torchvision folder layout needed).

    /usr/bin/python3 bench/ddp_pytorch.py --ranks 2 [--batch-size 64] [--data-root DIR] [--limit N]

Prints one line: `pytorch ranks=R samples/s=S train_s=T epoch_s=E` (S = training samples / E, E including the test pass,
as Sharpgrad's epoch time does; T is the training part alone).
"""
import argparse
import gzip
import os
import tempfile
import time

import numpy as np
import torch
import torch.distributed as dist
import torch.multiprocessing as mp
import torch.nn as nn
import torch.nn.functional as F


def read_idx(path):
    """An IDX file (LeCun's MNIST format): big-endian magic, dimension sizes, then unsigned bytes."""
    with gzip.open(path, "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(root, split):
    images = read_idx(os.path.join(root, f"{split}-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(root, f"{split}-labels-idx1-ubyte.gz"))
    x = torch.from_numpy(images.astype(np.float32) / 255.0).unsqueeze(1)   # [N, 1, 28, 28] in [0, 1]
    return x, torch.from_numpy(labels.astype(np.int64))


class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))


def worker(rank, world, args, rendezvous):
    torch.set_num_threads(1)
    dist.init_process_group("gloo", init_method=f"file://{rendezvous}", rank=rank, world_size=world)
    torch.manual_seed(0)
    x, y = load(args.data_root, "train")
    tx, ty = load(args.data_root, "t10k")
    if args.limit:
        x, y = x[: args.limit], y[: args.limit]
    model = nn.parallel.DistributedDataParallel(LeNet5())   # broadcasts rank 0's weights
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    per_rank = args.batch_size // world
    # The same global permutation on every rank (seeded), each global batch cut among the ranks as Sharpgrad does.
    order = torch.randperm(len(x), generator=torch.Generator().manual_seed(0))
    dist.barrier()
    start = time.perf_counter()
    model.train()
    for b in range(0, len(order) - args.batch_size + 1, args.batch_size):   # full global batches only
        idx = order[b + rank * per_rank: b + (rank + 1) * per_rank]
        optimizer.zero_grad()
        F.cross_entropy(model(x[idx]), y[idx]).backward()   # DDP averages the gradients in buckets during backward
        optimizer.step()
    dist.barrier()
    train_s = time.perf_counter() - start
    model.eval()
    correct = torch.zeros(1)
    with torch.no_grad():
        shard = torch.arange(rank, len(tx), world)
        for b in range(0, len(shard), 1000):
            i = shard[b: b + 1000]
            correct += (model(tx[i]).argmax(1) == ty[i]).sum()
    dist.all_reduce(correct)
    epoch_s = time.perf_counter() - start
    if rank == 0:
        trained = (len(order) // args.batch_size) * args.batch_size
        print(f"pytorch ranks={world} samples/s={trained / epoch_s:.1f} train_s={train_s:.2f} epoch_s={epoch_s:.2f} "
              f"test_acc={correct.item() / len(tx):.4f}", flush=True)
    dist.destroy_process_group()


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--ranks", type=int, default=1)
    p.add_argument("--batch-size", type=int, default=64, help="the global batch")
    p.add_argument("--data-root", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--limit", type=int, default=0, help="train on the first N examples only (quick check)")
    args = p.parse_args()
    if args.batch_size % args.ranks:
        raise SystemExit(f"--batch-size {args.batch_size} must split evenly among --ranks {args.ranks}")
    with tempfile.TemporaryDirectory() as tmp:
        mp.spawn(worker, args=(args.ranks, args, os.path.join(tmp, "rendezvous")), nprocs=args.ranks, join=True)


if __name__ == "__main__":
    main()
