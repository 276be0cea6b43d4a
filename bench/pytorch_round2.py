#!/usr/bin/env python3
"""PyTorch's side of round two of the benchmarks (issue #21), with the workload names of `sharpgrad bench`.

Groups (--only): inference, cnn_train, small_gemm, machine_peak. Each timing is written twice, as the wall-clock value
and as `{name}_cpu`, the same quantity in the process's CPU time (all threads), which measures the work done whatever
share of a core a loaded machine leaves; the statistics match Sharpgrad's LatencySamples and ProductTimer exactly.
Peers are run the fastest idiomatic way: inference under torch.no_grad() after eval(); threads set with
torch.set_num_threads (the driver also pins OpenBLAS/OpenMP to the thread count).
Usage: /usr/bin/python3 bench/pytorch_round2.py [--threads N] [--only GROUP,...]   (bench/compare_round2.sh runs it)
Prints one JSON object per line: {"workload": ..., "value": ..., "unit": ..., "threads": ...}.
"""
import argparse, json, math, statistics, time
import torch, torch.nn as nn, torch.nn.functional as F
import torchvision

p = argparse.ArgumentParser()
p.add_argument("--threads", type=int, default=1)
p.add_argument("--only", default="")
a = p.parse_args()
torch.set_num_threads(a.threads)
only = set(filter(None, a.only.split(",")))
def want(name): return not only or name in only
def report(name, value, unit): print(json.dumps({"workload": name, "value": round(value, 4), "unit": unit, "threads": a.threads}), flush=True)

def sample(fn, warm_up, budget_s, min_calls, max_calls):
    """Per-call wall ms after warm_up untimed calls, until budget_s passed and min_calls made (at most max_calls), and
    the process CPU ms per call: the rule of Sharpgrad's LatencySamples.Collect."""
    for _ in range(warm_up): fn()
    times, c, t = [], time.process_time(), time.perf_counter()
    while len(times) < max_calls and (len(times) < min_calls or time.perf_counter() - t < budget_s):
        s = time.perf_counter(); fn(); times.append((time.perf_counter() - s) * 1000)
    return times, (time.process_time() - c) * 1000 / len(times)

def nearest_rank(times, q): return sorted(times)[math.ceil(q * len(times) / 100) - 1]

def product_rate(fn, flops):
    """GFLOP/s of wall and of CPU time over max(5, 3e9 / flops) calls after 3 warm-up calls (Sharpgrad's ProductTimer)."""
    for _ in range(3): fn()
    reps = max(5, int(3e9 / flops))
    c, t = time.process_time(), time.perf_counter()
    for _ in range(reps): fn()
    wall, cpu = time.perf_counter() - t, time.process_time() - c
    return flops * reps / wall / 1e9, flops * reps / max(cpu, 1e-9) / 1e9

def write_rate(name, rate): report(name, rate[0], "GFLOP/s"); report(name + "_cpu", rate[1], "GFLOP/s")

def sgemm(n):
    torch.manual_seed(0); x, y = torch.randn(n, n), torch.randn(n, n)
    return product_rate(lambda: x @ y, 2.0 * n ** 3)

def mlp(): return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))

def lenet5():  # the layer list of ../shared/bench/pytorch_reference.py and Sharpgrad's ModelZoo.LeNet5
    return nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))

class BasicBlock(nn.Module):
    """He et al. 2016 §4.2: two 3×3 convolutions with batch norm; option A shortcut: stride-2 subsampling and
    zero-padded channels, no parameters (Sharpgrad's BasicBlock with ZeroPadShortcut)."""
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False); self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False); self.bn2 = nn.BatchNorm2d(cout)
        self.pad = cout - cin; self.stride = stride
    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x))); out = self.bn2(self.conv2(out))
        short = x
        if self.stride != 1 or self.pad:
            short = F.pad(x[:, :, ::self.stride, ::self.stride], (0, 0, 0, 0, self.pad // 2, self.pad - self.pad // 2))
        return F.relu(out + short)

def resnet20(classes=10):
    layers, cin = [nn.Conv2d(3, 16, 3, 1, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU()], 16
    for cout, stride in ((16, 1), (32, 2), (64, 2)):
        for i in range(3):
            layers.append(BasicBlock(cin, cout, stride if i == 0 else 1)); cin = cout
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, classes))

def vgg11_small(classes=10):
    """VGG configuration A (Simonyan & Zisserman 2015, Table 1) with a CIFAR-sized classifier: global average pooling,
    512-512-classes, dropout 0.5 (Sharpgrad's ModelZoo.Vgg("A", hidden: 512, pooledSize: 1))."""
    layers, cin = [], 3
    for w in (64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0):
        if w == 0: layers.append(nn.MaxPool2d(2)); continue
        layers += [nn.Conv2d(cin, w, 3, padding=1), nn.ReLU(inplace=True)]; cin = w
    return nn.Sequential(nn.Sequential(*layers), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                         nn.Linear(512, 512), nn.ReLU(True), nn.Dropout(0.5), nn.Linear(512, 512), nn.ReLU(True), nn.Dropout(0.5),
                         nn.Linear(512, classes))

if want("inference"):
    for name, build, shape in (("mlp", mlp, (784,)), ("lenet5", lenet5, (1, 28, 28)),
                               ("resnet18", lambda: torchvision.models.resnet18(), (3, 224, 224))):
        torch.manual_seed(0); net = build().eval()
        for batch in (1, 64):
            x = torch.randn(batch, *shape)
            with torch.no_grad():
                times, cpu = sample(lambda: net(x), 2, 2.0, 3, 5000)
            w = f"{name}_infer_b{batch}"
            report(w, statistics.median(times), "ms"); report(w + "_p99", nearest_rank(times, 99), "ms")
            report(w + "_throughput", batch / (statistics.mean(times) / 1000), "images/s"); report(w + "_cpu", cpu, "ms")

if want("cnn_train"):
    for name, build, shape, steps in (("resnet20_step", resnet20, (128, 3, 32, 32), 8), ("vgg11_step", vgg11_small, (32, 3, 64, 64), 5)):
        torch.manual_seed(0); net = build().train()
        opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
        x, y = torch.randn(*shape), torch.randint(0, 10, (shape[0],))
        def step():
            loss = F.cross_entropy(net(x), y); opt.zero_grad(); loss.backward(); opt.step()
        times, cpu = sample(step, 2, 0, steps, steps)
        report(name, statistics.median(times), "ms"); report(name + "_cpu", cpu, "ms")

if want("small_gemm"):
    for n in (32, 64): write_rate(f"sgemm_{n}", sgemm(n))
    torch.manual_seed(0); q, k = torch.randn(32 * 4, 64, 32), torch.randn(32 * 4, 32, 64)
    write_rate("bmm_attention_scores", product_rate(lambda: torch.bmm(q, k), 2.0 * 32 * 4 * 64 * 64 * 32))

if want("machine_peak"):
    for n in (1024, 1536, 2048): write_rate(f"peak_sgemm_{n}", sgemm(n))
