#!/usr/bin/env python3
"""Markdown tables of bench/compare_round2.sh: reference.jsonl (PyTorch) against sharpgrad.jsonl, medians over rounds.

Each timed workload `w` comes with `w_cpu`, the same figure in process CPU time; the table puts them side by side with
the speed ratio of each (> 1 when Sharpgrad is faster: PyTorch's time / ours, or our GFLOP/s / PyTorch's). The
machine-peak table gives each side's sgemm in CPU time as a fraction of Sharpgrad's micro-kernel peak in CPU time
(`fma_peak_cpu`, one core's rate per CPU-second at any thread count, as the sgemm's GFLOP per CPU-second is; the reference has no micro-kernel of its own to measure). Memory rows are MB, lower is better.
A third argument, placement.tsv of compare_round2.sh, adds the core-to-core round trip before and after each side's
timed run at 2 threads and more (bench/core_to_core.c): the host's placement of the vCPUs, which moves two-thread
times by 20-35% on this project's guest.
Usage: round2_table.py reference.jsonl sharpgrad.jsonl [placement.tsv]
"""
import json, sys
from statistics import median

def load(path):
    """(workload, threads) → (median value over the rounds, unit)."""
    runs = {}
    for r in map(json.loads, filter(str.strip, open(path))):
        runs.setdefault((r["workload"], r["threads"]), []).append(r)
    return {key: (median(r["value"] for r in rs), rs[0]["unit"]) for key, rs in runs.items()}

ref, ours = load(sys.argv[1]), load(sys.argv[2])
higher_is_better = {"GFLOP/s", "images/s"}

def speed(key):
    r, o = ref.get(key), ours.get(key)
    if not (r and o and r[0] and o[0]): return "—"
    return f"{(o[0] / r[0] if r[1] in higher_is_better else r[0] / o[0]):.2f}×"

def value(table, key): return f"{table[key][0]:g}" if key in table else "—"

keys = sorted(set(ref) | set(ours), key=lambda k: (k[1], k[0]))
print("| workload | threads | unit | PyTorch | Sharpgrad | speed vs PyTorch | PyTorch CPU | Sharpgrad CPU | CPU-time speed |")
print("|---|---:|---|---:|---:|---:|---:|---:|---:|")
for w, n in keys:
    if w.endswith("_cpu") or w.endswith("_peak_rss") or w.endswith("_process_cpu") or w == "fma_peak": continue
    c = (w + "_cpu", n)
    cpu = [value(ref, c), value(ours, c), speed(c)] if c in ref or c in ours else ["—"] * 3
    print(f"| {w} | {n} | {(ref.get((w, n)) or ours[(w, n)])[1]} | {value(ref, (w, n))} | {value(ours, (w, n))} | {speed((w, n))} | " + " | ".join(cpu) + " |")

peaks = [k for k in keys if k[0] == "fma_peak_cpu"]
if peaks:
    print("\n| threads | FMA peak, CPU time (GFLOP/s) | workload | PyTorch, fraction of peak | Sharpgrad, fraction of peak |")
    print("|---:|---:|---|---:|---:|")
    for _, n in peaks:
        peak = ours[("fma_peak_cpu", n)][0]
        for size in (1024, 1536, 2048):
            k = (f"peak_sgemm_{size}_cpu", n)
            frac = lambda t: f"{t[k][0] / peak:.0%}" if k in t else "—"
            print(f"| {n} | {peak:g} | peak_sgemm_{size} | {frac(ref)} | {frac(ours)} |")

memory = [k for k in keys if k[0].endswith("_peak_rss")]
if memory:
    print("\n| epoch | threads | PyTorch peak RSS (MB) | Sharpgrad peak RSS (MB) | Sharpgrad / PyTorch | PyTorch epoch (s) | Sharpgrad epoch (s) | PyTorch process CPU (s) | Sharpgrad process CPU (s) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for w, n in memory:
        name = w[: -len("_peak_rss")]
        r, o = ref.get((w, n)), ours.get((w, n))
        ratio = f"{o[0] / r[0]:.2f}×" if r and o else "—"
        e, p = (f"{name}_fashion_epoch", n), (f"{name}_process_cpu", n)
        print(f"| {name} | {n} | {value(ref, (w, n))} | {value(ours, (w, n))} | {ratio} | {value(ref, e)} | {value(ours, e)} | {value(ref, p)} | {value(ours, p)} |")

placements = [line.split("\t") for line in open(sys.argv[3]) if line.strip()] if len(sys.argv) > 3 else []
if placements:
    print("\n| round | threads | side | core-to-core round trip before (ns) | after (ns) |")
    print("|---:|---:|---|---:|---:|")
    for round_, n, side, before, after in placements:
        print(f"| {round_} | {n} | {side} | {before} | {after.strip()} |")
