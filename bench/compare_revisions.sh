#!/usr/bin/env bash
# Runs Sharpgrad's benchmark for this checkout ("after") and for another checkout of the repository ("before", e.g.
# a worktree at the commit before a refactor), alternating rounds in one sitting on one machine, and prints a markdown
# table of each side's median and the after/before speed ratio. The check behind "no workload slower than before
# beyond noise" (issue #20): on a shared machine the load changes from minute to minute, and alternating exposes both
# sides to the same load.
#
# Usage: bench/compare_revisions.sh BEFORE_ROOT [--only NAME,...] [--threads N,...] [--rounds R] [--warmup-seconds S]
#        (defaults: --only sgemm,op_overhead,mlp,lenet5 --threads 1,2 --rounds 3 --warmup-seconds 1)
# Example: git worktree add /tmp/before HEAD~5 && bench/compare_revisions.sh /tmp/before
# Raw JSON lines are kept in $OUT_DIR (default: a temporary directory) as before.jsonl and after.jsonl.
set -euo pipefail

after="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $# -ge 1 && -d "$1" ]] || { echo "compare_revisions.sh: expected the root of the 'before' checkout as the first argument" >&2; exit 2; }
before="$(cd "$1" && pwd)"; shift
only="sgemm,op_overhead,mlp,lenet5"
threads="1,2"
rounds=3
warmup=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --only) only="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --warmup-seconds) warmup="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "compare_revisions.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
out="${OUT_DIR:-$(mktemp -d)}"
mkdir -p "$out"
: > "$out/before.jsonl"
: > "$out/after.jsonl"

for side in before after; do
  root="${!side}"
  dotnet build "$root/bench/Sharpgrad.Bench" -c Release -v quiet -nologo > "$out/build-$side.log" || { cat "$out/build-$side.log"; exit 1; }
done

for round in $(seq 1 "$rounds"); do
  # Odd rounds run "before" first, even rounds "after" first, so neither side always gets the warmer (or cooler) slot.
  order=$([[ $((round % 2)) == 1 ]] && echo "before after" || echo "after before")
  for n in ${threads//,/ }; do
    for side in $order; do
      root="${!side}"
      echo "round $round, threads=$n: $side ($root; load average $(cut -d' ' -f1 /proc/loadavg))" >&2
      dotnet "$root/bench/Sharpgrad.Bench/bin/Release/net10.0/Sharpgrad.Bench.dll" --threads "$n" --only "$only" \
        --warmup-seconds "$warmup" >> "$out/$side.jsonl"
    done
  done
done

/usr/bin/python3 - "$out/before.jsonl" "$out/after.jsonl" <<'PY'
import json, sys
from statistics import median
def load(path):
    runs = {}
    for r in map(json.loads, filter(str.strip, open(path))):
        runs.setdefault((r["workload"], r["threads"]), []).append(r)
    return {k: (rs[0]["unit"], median(r["value"] for r in rs), min(r["value"] for r in rs), max(r["value"] for r in rs))
            for k, rs in runs.items()}
before, after = load(sys.argv[1]), load(sys.argv[2])
print("| workload | threads | unit | before (median, range) | after (median, range) | after vs before |")
print("|---|---:|---|---:|---:|---:|")
for key in sorted(set(before) & set(after), key=lambda k: (k[1], k[0])):
    unit, b, blo, bhi = before[key]
    _, a, alo, ahi = after[key]
    if unit == "fraction":
        ratio = f"{100 * (a - b):+.1f} points"
    else:
        speed = a / b if unit == "GFLOP/s" else b / a   # > 1: after is faster
        ratio = f"{speed:.3f}×"
    print(f"| {key[0]} | {key[1]} | {unit} | {b:g} ({blo:g}–{bhi:g}) | {a:g} ({alo:g}–{ahi:g}) | {ratio} |")
PY
echo "raw results: $out" >&2
