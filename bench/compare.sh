#!/usr/bin/env bash
# Runs PyTorch's reference benchmark and Sharpgrad's on the same workloads and thread counts, in one sitting on one
# machine, and prints a markdown table of the ratios (docs/performance.md explains how to read it).
#
# Usage: bench/compare.sh [--only NAME,...] [--threads N,...] [--rounds R] [--warmup-seconds S] [--openblas-threads N|same]
#        (defaults: --only sgemm,op_overhead,mlp,lenet5,lstm,transformer --threads 1,2 --rounds 1 --warmup-seconds 0)
# With R > 1 both benchmarks run R times, alternating, and the table shows each side's median: on a shared machine the
# load changes from minute to minute, and alternating exposes both sides to the same load. --warmup-seconds is passed
# to Sharpgrad's benchmark only: it runs each operation for S seconds first, so the JIT has optimised it.
# PyTorch runs with OPENBLAS_NUM_THREADS=1, the issue's rule (torch.set_num_threads still sets PyTorch's own
# threads); --openblas-threads same gives OpenBLAS the thread count under test instead, which multithreads PyTorch's
# sgemm but oversubscribes the cores in the training epochs (OpenMP and OpenBLAS pools side by side).
# Needs /usr/bin/python3 with torch (Debian: python3-torch); OpenBLAS is unpacked by bench/fetch_openblas.sh when the
# system has none.
# PYTORCH_REFERENCE overrides the reference script's path (default: ../shared/bench/pytorch_reference.py from the
# repository root). Raw JSON lines are kept in $OUT_DIR (default: a temporary directory) as reference.jsonl and
# sharpgrad.jsonl.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
only="sgemm,op_overhead,mlp,lenet5,lstm,transformer"
threads="1,2"
rounds=1
warmup=0
openblas=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --only) only="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --warmup-seconds) warmup="$2"; shift 2 ;;
    --openblas-threads) openblas="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "compare.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
reference="${PYTORCH_REFERENCE:-$root/../shared/bench/pytorch_reference.py}"
out="${OUT_DIR:-$(mktemp -d)}"
mkdir -p "$out"
: > "$out/reference.jsonl"
: > "$out/sharpgrad.jsonl"

# Without OpenBLAS, Debian's PyTorch runs on the reference BLAS at ~6 GFLOP/s and every ratio is void (seen on a fresh
# machine: a 14x "win" on the transformer step); fetch_openblas.sh unpacks it when the system has none.
blas_path="$("$root/bench/fetch_openblas.sh" "$out")"
dotnet build "$root/bench/Sharpgrad.Bench" -c Release -v quiet -nologo > "$out/build.log" || { cat "$out/build.log"; exit 1; }
bench="$root/bench/Sharpgrad.Bench/bin/Release/net10.0/Sharpgrad.Bench.dll"

for round in $(seq 1 "$rounds"); do
  for n in ${threads//,/ }; do
    # Debian's PyTorch calls the system BLAS (OpenBLAS), which sizes its own thread pool from OPENBLAS_NUM_THREADS
    # rather than from torch.set_num_threads.
    blas=$([[ "$openblas" == same ]] && echo "$n" || echo "$openblas")
    echo "round $round, threads=$n: PyTorch reference, OPENBLAS_NUM_THREADS=$blas (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
    LD_LIBRARY_PATH="$blas_path${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" OPENBLAS_NUM_THREADS="$blas" /usr/bin/python3 "$reference" --threads "$n" --only "$only" >> "$out/reference.jsonl"
    echo "round $round, threads=$n: Sharpgrad" >&2
    dotnet "$bench" --threads "$n" --only "$only" --warmup-seconds "$warmup" >> "$out/sharpgrad.jsonl"
  done
done

/usr/bin/python3 - "$out/reference.jsonl" "$out/sharpgrad.jsonl" <<'PY'
import json, sys
from statistics import median
def load(path):
    """Each (workload, threads) → its record with the median value over the rounds."""
    runs = {}
    for r in map(json.loads, filter(str.strip, open(path))):
        runs.setdefault((r["workload"], r["threads"]), []).append(r)
    out = {}
    for key, rs in runs.items():
        rs.sort(key=lambda r: r["value"])
        out[key] = dict(rs[(len(rs) - 1) // 2], value=median(r["value"] for r in rs))
    return out
ref, ours = load(sys.argv[1]), load(sys.argv[2])
# Throughput: higher is better. Time per op/step/epoch: lower is better. "vs PyTorch" is the speed ratio, >1 when
# Sharpgrad is faster, whatever the unit; for an accuracy ("fraction") it is the difference in percentage points.
# "GC share" is the garbage collector's total pause as a share of the timed loop (the issue's target: under 5%).
higher_is_better = {"GFLOP/s"}
seconds_per_unit = {"s": 1, "ms": 1e-3}
print("| workload | threads | unit | PyTorch | Sharpgrad | vs PyTorch | GC pause (ms) | GC share | allocated/op |")
print("|---|---:|---|---:|---:|---:|---:|---:|---:|")
for key in sorted(set(ref) | set(ours), key=lambda k: (k[1], k[0])):
    r, o = ref.get(key), ours.get(key)
    unit = (r or o)["unit"]
    if r and o and unit == "fraction":
        ratio = f"{100 * (o['value'] - r['value']):+.1f} points"
    elif r and o and r["value"] and o["value"]:
        ratio = o["value"] / r["value"] if unit in higher_is_better else r["value"] / o["value"]
        ratio = f"{ratio:.2f}×"
    else:
        ratio = "—"
    fmt = lambda x: "—" if x is None else f"{x['value']:g}"
    gc = f"{o['gc_pause_ms']:g}" if o and "gc_pause_ms" in o else "—"
    share = (f"{o['gc_pause_ms'] / 1000 / (o['value'] * seconds_per_unit[unit]):.1%}"
             if o and "gc_pause_ms" in o and unit in seconds_per_unit else "—")
    alloc = f"{o['alloc_bytes_per_op']:,.0f} B" if o and "alloc_bytes_per_op" in o else "—"
    print(f"| {key[0]} | {key[1]} | {unit} | {fmt(r)} | {fmt(o)} | {ratio} | {gc} | {share} | {alloc} |")
PY
echo "raw results: $out" >&2
