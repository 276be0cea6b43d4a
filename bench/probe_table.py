"""Summarises bench/compare_probe.sh's raw lines: one row per workload, thread count and clock (wall, process CPU).

Per side: the median over processes of each process's median block, and the range of those process medians.
"after vs before" is a speed ratio (> 1: after is faster), computed per round and then combined:
- a round's ratio: paired rounds (the two processes took turns block by block) take the median of the block-by-block
  ratios before[i] / after[i]; sequential rounds (whole processes one after the other) take median(before's blocks) /
  median(after's blocks) of that round's two processes;
- the point estimate is the geometric mean of the round ratios, and the interval a Student t interval on their logs
  (n - 1 degrees of freedom), so both are the same statistic over the same round ratios. Its level (95%) is real
  when the rounds' log ratios are independent and roughly normal: each is a median of many blocks, and the rounds
  alternate which side goes first (and, for one thread, meet each vCPU in both orders). `--self-test` checks the
  false-resolve rate by simulation. With 2 rounds the interval is wide (t = 12.7); use 6 or more.
- verdict: "after faster" / "after slower" when the interval excludes 1; otherwise "not slower than M%" when the
  interval's lower end is >= 1 - M (the equivalence margin, --margin, default 3%), else "not resolved". An interval
  that holds 1 alone is no evidence of "not slower".
A round in which either process's warm-up did not settle (the JIT still compiling) is left out of the ratio and the
verdict says how many were.

Usage: probe_table.py BEFORE.jsonl AFTER.jsonl [--margin 0.03] [--before-rev REV] [--after-rev REV] [--probe-rev REV]
       probe_table.py --self-test
"""
import argparse
import json
import math
import random
import sys
from functools import lru_cache
from statistics import NormalDist, mean, median, stdev

LEVEL = 0.95


@lru_cache(maxsize=None)
def t_quantile(p, df):
    """The p-quantile of Student's t with df degrees of freedom (bisection on its CDF; Simpson's rule on the density)."""
    log_norm = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)

    def cdf(x):  # for x >= 0
        steps = 2000
        h = x / steps
        density = [math.exp(log_norm - (df + 1) / 2 * math.log1p((i * h) ** 2 / df)) for i in range(steps + 1)]
        integral = h / 3 * (density[0] + density[-1] + 4 * sum(density[1:-1:2]) + 2 * sum(density[2:-1:2]))
        return 0.5 + integral

    lo, hi = 0.0, 1.0
    while cdf(hi) < p:
        lo, hi = hi, hi * 2
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if cdf(mid) < p else (lo, mid)
    return (lo + hi) / 2


def ratio_interval(round_ratios):
    """(geometric mean, lower, upper) of the round ratios; the interval is the 95% t interval on their logs."""
    logs = [math.log(r) for r in round_ratios]
    centre = mean(logs)
    if len(logs) < 2:
        return math.exp(centre), 0.0, math.inf
    half = t_quantile(1 - (1 - LEVEL) / 2, len(logs) - 1) * stdev(logs) / math.sqrt(len(logs))
    return math.exp(centre), math.exp(centre - half), math.exp(centre + half)


def verdict(lo, hi, margin):
    if lo > 1:
        return "after faster"
    if hi < 1:
        return "after slower"
    if lo >= 1 - margin:
        return f"not slower than {margin:.0%}"
    return "not resolved"


def load(path):
    runs = {}
    for line in open(path):
        if line.strip():
            r = json.loads(line)
            runs.setdefault((r["workload"], r["threads"]), []).append(r)
    return runs


def round_ratio(before_run, after_run, clock):
    if before_run.get("paired") and after_run.get("paired"):
        return median(b / a for b, a in zip(before_run[clock], after_run[clock]))
    return median(before_run[clock]) / median(after_run[clock])


def cell(values):
    return f"{median(values):.4g} ({min(values):.4g}–{max(values):.4g})"


def table(before, after, margin, revisions):
    print("; ".join(f"{side}: {rev}" for side, rev in revisions.items()))
    print()
    print(f"| workload | threads | clock | before: median (range of process medians) | after | after vs before "
          f"(geometric mean of round ratios) | {LEVEL:.0%} t interval | rounds | verdict |")
    print("|---|---:|---|---:|---:|---:|---:|---|---|")
    notes = []
    for key in sorted(set(before) & set(after)):
        runs_b, runs_a = before[key], after[key]
        if len(runs_b) != len(runs_a):
            sys.exit(f"probe_table.py: {key[0]} threads={key[1]} has {len(runs_b)} before and {len(runs_a)} after "
                     "processes; the rounds cannot be paired")
        # The k-th process of each side ran in the same round (compare_probe.sh appends both after each round).
        rounds = [(b, a) for b, a in zip(runs_b, runs_a) if b["warmup_settled"] and a["warmup_settled"]]
        excluded = len(runs_b) - len(rounds)
        for clock in ("wall", "cpu"):
            ratios = [round_ratio(b, a, clock) for b, a in rounds]
            b_med = [median(r[clock]) for r in runs_b]
            a_med = [median(r[clock]) for r in runs_a]
            if ratios:
                ratio, lo, hi = ratio_interval(ratios)
                estimate, interval, text = f"{ratio:.3f}×", f"{lo:.3f}–{hi:.3f}", verdict(lo, hi, margin)
            else:
                estimate, interval, text = "–", "–", "not resolved"
            if len(ratios) < 2:
                text += " (fewer than 2 usable rounds)"
            if excluded:
                text += f" ({excluded} round(s) left out: warm-up not settled)"
            mode = "" if all(r.get("paired") for r in runs_b + runs_a) else " (sequential)"
            listed = " ".join(f"{r:.3f}" for r in ratios) + mode
            print(f"| {key[0]} ({runs_b[0]['unit']}) | {key[1]} | {clock} | {cell(b_med)} | {cell(a_med)} | "
                  f"{estimate} | {interval} | {listed} | {text} |")
        for side, runs in (("before", runs_b), ("after", runs_a)):
            unsettled = sum(not r["warmup_settled"] for r in runs)
            compiled = sum(r["methods_compiled_in_blocks"] for r in runs)
            if unsettled:
                notes.append(f"{key[0]} t={key[1]} {side}: {unsettled} of {len(runs)} processes ended the warm-up "
                             "with the JIT still compiling (their rounds are left out)")
            notes.append(f"{key[0]} t={key[1]} {side}: {median(r['bytes_per_op'] for r in runs):g} bytes allocated "
                         f"per op; {compiled} methods compiled inside timed blocks over {len(runs)} processes")
    print()
    print(f"processes per cell: {min(len(v) for v in before.values())}–{max(len(v) for v in before.values())} before, "
          f"{min(len(v) for v in after.values())}–{max(len(v) for v in after.values())} after; "
          f"blocks per process: {len(next(iter(before.values()))[0]['wall'])}; equivalence margin {margin:.0%}")
    for note in notes:
        print(f"- {note}")


def self_test():
    """Simulated rounds with no difference (and with after exactly `margin` slower): the interval must resolve a
    difference (and claim "not slower than M%") at about its nominal rate."""
    rng = random.Random(1)
    gauss = NormalDist()
    trials = 4000

    def simulated_round_ratio(true_log_ratio, spread):
        # A round's shared state (vCPU speed, load) moves both sides alike; what is left is the round's own error
        # plus block-to-block noise, and the round ratio is the median of 20 block ratios.
        round_error = spread(rng)
        return median(math.exp(true_log_ratio + round_error + rng.gauss(0, 0.08)) for _ in range(20))

    spreads = {"normal": lambda r: r.gauss(0, 0.02),
               "heavy-tailed (Laplace)": lambda r: r.choice((-1, 1)) * r.expovariate(1 / 0.015)}
    failed = False
    for name, spread in spreads.items():
        for n in (2, 3, 4, 6, 10):
            resolved = claimed = 0
            for _ in range(trials):
                _, lo, hi = ratio_interval([simulated_round_ratio(0.0, spread) for _ in range(n)])
                resolved += lo > 1 or hi < 1
                _, lo, hi = ratio_interval([simulated_round_ratio(math.log(0.97), spread) for _ in range(n)])
                claimed += lo >= 0.97
            rate, claim_rate = resolved / trials, claimed / trials
            # Binomial standard error at 4000 trials is 0.0034; allow about 4 of them (and a little for the
            # t interval's slight conservatism with heavy tails).
            ok = abs(rate - (1 - LEVEL)) < 0.02 and claim_rate < (1 - LEVEL) / 2 + 0.015
            failed |= not ok
            print(f"{name:24} {n:2} rounds: false 'faster/slower' {rate:.3f} (nominal {1 - LEVEL:.3f}); "
                  f"'not slower than 3%' when 3% slower {claim_rate:.3f} (nominal ≤ {(1 - LEVEL) / 2:.3f})"
                  f"{'' if ok else '  <-- FAILED'}")
    # The t quantiles against the normal limit and a few known values.
    assert abs(t_quantile(0.975, 1) - 12.706) < 1e-3 and abs(t_quantile(0.975, 5) - 2.571) < 1e-3
    assert abs(t_quantile(0.975, 1000) - gauss.inv_cdf(0.975)) < 3e-3
    sys.exit(1 if failed else 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", nargs="?")
    parser.add_argument("after", nargs="?")
    parser.add_argument("--margin", type=float, default=0.03, help="equivalence margin for 'not slower' (fraction)")
    parser.add_argument("--before-rev", default="?", help="what the before side measured (git describe)")
    parser.add_argument("--after-rev", default="?", help="what the after side measured (git describe)")
    parser.add_argument("--probe-rev", default="?", help="the probe's own checkout (git describe)")
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    if args.self_test:
        self_test()
    if not (args.before and args.after):
        parser.error("expected BEFORE.jsonl and AFTER.jsonl")
    revisions = {"before": args.before_rev, "after": args.after_rev, "probe": args.probe_rev}
    table(load(args.before), load(args.after), args.margin, revisions)


if __name__ == "__main__":
    main()
