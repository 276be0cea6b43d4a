"""Summarises bench/compare_probe.sh's raw lines: one row per workload, thread count and clock (wall, process CPU).

Per side: the median over processes of each process's median block, and the range of those process medians.
"after vs before" is a speed ratio (> 1: after is faster):
- paired rounds (the processes took turns block by block): the median over all rounds of the block-by-block ratios
  before[i] / after[i]; the interval is a 95% bootstrap over rounds of each round's median ratio, and "rounds" lists
  the rounds' median ratios;
- sequential rounds: median(before) / median(after) of the process medians, bootstrap over processes.
The verdict says "no difference resolved" when the interval contains 1.

Usage: probe_table.py BEFORE.jsonl AFTER.jsonl
"""
import json
import random
import sys
from statistics import median


def load(path):
    runs = {}
    for line in open(path):
        if line.strip():
            r = json.loads(line)
            runs.setdefault((r["workload"], r["threads"]), []).append(r)
    return runs


def bootstrap(values, statistic, draws=2000):
    rng = random.Random(0)
    stats = sorted(statistic(rng.choices(values, k=len(values))) for _ in range(draws))
    return stats[int(0.025 * draws)], stats[int(0.975 * draws) - 1]


def compare(before_runs, after_runs, clock):
    """(ratio, interval, per-round ratios or None)."""
    if all(r.get("paired") for r in before_runs + after_runs) and len(before_runs) == len(after_runs):
        rounds = [[b / a for b, a in zip(rb[clock], ra[clock])] for rb, ra in zip(before_runs, after_runs)]
        per_round = [median(r) for r in rounds]
        ratio = median([x for r in rounds for x in r])
        return ratio, bootstrap(per_round, median), per_round
    b = [median(r[clock]) for r in before_runs]
    a = [median(r[clock]) for r in after_runs]
    rng = random.Random(0)
    draws = sorted(median(rng.choices(b, k=len(b))) / median(rng.choices(a, k=len(a))) for _ in range(2000))
    return median(b) / median(a), (draws[50], draws[1949]), None


def cell(values):
    return f"{median(values):.4g} ({min(values):.4g}–{max(values):.4g})"


before, after = load(sys.argv[1]), load(sys.argv[2])
print("| workload | threads | clock | before: median (range of process medians) | after | after vs before | 95% interval | rounds | verdict |")
print("|---|---:|---|---:|---:|---:|---:|---|---|")
notes = []
for key in sorted(set(before) & set(after)):
    for clock in ("wall", "cpu"):
        ratio, (lo, hi), per_round = compare(before[key], after[key], clock)
        verdict = "after faster" if lo > 1 else "after slower" if hi < 1 else "no difference resolved"
        rounds = " ".join(f"{r:.3f}" for r in per_round) if per_round else "sequential"
        unit = before[key][0]["unit"]
        b = [median(r[clock]) for r in before[key]]
        a = [median(r[clock]) for r in after[key]]
        print(f"| {key[0]} ({unit}) | {key[1]} | {clock} | {cell(b)} | {cell(a)} | {ratio:.3f}× | {lo:.3f}–{hi:.3f} | {rounds} | {verdict} |")
    for side, runs in (("before", before[key]), ("after", after[key])):
        unsettled = sum(not r["warmup_settled"] for r in runs)
        compiled = sum(r["methods_compiled_in_blocks"] for r in runs)
        if unsettled:
            notes.append(f"{key[0]} t={key[1]} {side}: {unsettled} of {len(runs)} processes ended the warm-up with the JIT still compiling")
        notes.append(f"{key[0]} t={key[1]} {side}: {median(r['bytes_per_op'] for r in runs):g} bytes allocated per op; "
                     f"{compiled} methods compiled inside timed blocks over {len(runs)} processes")
print()
print(f"processes per cell: {min(len(v) for v in before.values())}–{max(len(v) for v in before.values())} before, "
      f"{min(len(v) for v in after.values())}–{max(len(v) for v in after.values())} after; "
      f"blocks per process: {len(next(iter(before.values()))[0]['wall'])}")
for note in notes:
    print(f"- {note}")
