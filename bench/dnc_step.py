#!/usr/bin/env python3
"""PyTorch counterpart of Sharpgrad's `dnc` bench workload (issue #14): one DNC training step with the same equations
as src/Sharpgrad/NN/Memory (Graves et al. 2016, Methods): batch 16, N = 64, W = 32, R = 4, LSTM controller 128,
20 time steps of 8-bit input/output, BCE-with-logits, backward, Adam. Prints one JSON line like the reference script.

Usage: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/dnc_step.py --threads 1
"""
import argparse, json, statistics, time
import torch
import torch.nn as nn
import torch.nn.functional as F

B, N, W, R, H, T, BITS = 16, 64, 32, 4, 128, 20, 8
EPS = 1e-6


def content(memory, keys, strengths):
    unit_rows = memory / torch.sqrt((memory * memory).sum(-1, keepdim=True) + EPS)
    unit_keys = keys / torch.sqrt((keys * keys).sum(-1, keepdim=True) + EPS)
    return torch.softmax(unit_keys @ unit_rows.transpose(1, 2) * strengths.unsqueeze(-1), -1)


def allocation(usage):
    order = torch.argsort(usage.detach(), stable=True, dim=-1)
    ordered = usage.gather(-1, order)
    before = torch.cat([torch.ones_like(ordered[:, :1]), torch.cumprod(ordered, -1)[:, :-1]], -1)
    return ((1 - ordered) * before).gather(-1, torch.argsort(order, -1))


class DNC(nn.Module):
    def __init__(self):
        super().__init__()
        self.controller = nn.LSTMCell(BITS + R * W, H)
        self.interface = nn.Linear(H, R * W + 3 * W + 5 * R + 3)
        self.output = nn.Linear(H + R * W, BITS)

    def forward(self, x):
        b = x.shape[1]
        z = lambda *s: x.new_zeros(s)
        memory, usage, link, prec = z(b, N, W), z(b, N), z(b, N, N), z(b, N)
        read_w, write_w, reads, h, c = z(b, R, N), z(b, N), z(b, R, W), z(b, H), z(b, H)
        eye = torch.eye(N)
        outputs = []
        for t in range(x.shape[0]):
            h, c = self.controller(torch.cat([x[t], reads.flatten(1)], 1), (h, c))
            p = self.interface(h).split([R * W, R, W, 1, W, W, R, 1, 1, 3 * R], 1)
            read_keys, read_str = p[0].view(b, R, W), 1 + F.softplus(p[1])
            write_key, write_str = p[2].unsqueeze(1), 1 + F.softplus(p[3])
            erase, write_vec = torch.sigmoid(p[4]).unsqueeze(1), p[5].unsqueeze(1)
            free, alloc_gate, write_gate = torch.sigmoid(p[6]), torch.sigmoid(p[7]), torch.sigmoid(p[8])
            modes = torch.softmax(p[9].view(b, R, 3), -1)
            retention = (1 - free.unsqueeze(-1) * read_w).prod(1)
            usage = (usage + write_w - usage * write_w) * retention
            alloc = allocation(EPS + (1 - EPS) * usage)
            write_content = content(memory, write_key, write_str).squeeze(1)
            write_w = write_gate * (alloc_gate * alloc + (1 - alloc_gate) * write_content)
            ww = write_w.unsqueeze(1)
            memory = memory * (1 - ww.unsqueeze(-1) * erase.unsqueeze(-2)).squeeze(1) + ww.transpose(1, 2) @ write_vec
            column = write_w.unsqueeze(2)
            link = ((1 - (column + write_w.unsqueeze(1))) * link + column * prec.unsqueeze(1)) * (1 - eye)
            prec = (1 - write_w.sum(-1, keepdim=True)) * prec + write_w
            backward, forward = read_w @ link, read_w @ link.transpose(1, 2)
            read_content = content(memory, read_keys, read_str)
            read_w = modes[..., 0:1] * backward + modes[..., 1:2] * read_content + modes[..., 2:3] * forward
            reads = read_w @ memory
            outputs.append(self.output(torch.cat([h, reads.flatten(1)], 1)))
        return torch.stack(outputs)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    a = parser.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = DNC()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    x = (torch.rand(T, B, BITS) < 0.5).float()
    y = (torch.rand(T, B, BITS) < 0.5).float()

    def step():
        optimizer.zero_grad()
        F.binary_cross_entropy_with_logits(model(x), y).backward()
        optimizer.step()

    for _ in range(2):
        step()
    times = []
    for _ in range(5):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1e3)
    print(json.dumps({"workload": "dnc_step", "value": round(statistics.median(times), 4), "unit": "ms", "threads": a.threads}), flush=True)


if __name__ == "__main__":
    main()
