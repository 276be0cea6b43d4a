#!/usr/bin/env bash
# Runs scikit-learn's reference (bench/sklearn_reference.py) and Sharpgrad's benchmark on the same classic-ML
# workloads, in one sitting on one machine, alternating the two sides in every round so both see the same load, at
# each thread count, and prints a markdown table: each side's median wall-clock and CPU seconds, the speed ratio
# (scikit-learn's time / Sharpgrad's, > 1 when Sharpgrad is faster), and each estimator's result next to the
# reference's, with the tolerance it must meet (docs/performance.md explains the tolerances).
#
# Usage: bench/compare_sklearn.sh [--only NAME,...] [--threads N,...] [--rounds R]
#        (defaults: --only sklearn_pca,sklearn_knn,sklearn_kmeans --threads 1,2 --rounds 3)
# Needs /usr/bin/python3 with scikit-learn and threadpoolctl (Debian: python3-sklearn) and an optimised BLAS under
# numpy: with the reference BLAS numpy runs at about 3 GFLOP/s and the comparison would be meaningless. When the
# system has no OpenBLAS, the script unpacks Debian's libopenblas0-pthread into $OUT_DIR (apt-get download; nothing
# is installed) and puts it first on LD_LIBRARY_PATH for the reference only. Raw JSON lines stay in $OUT_DIR
# (default: a temporary directory) as reference.jsonl and sharpgrad.jsonl.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
only="sklearn_pca,sklearn_knn,sklearn_kmeans"
threads="1,2"
rounds=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --only) only="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "compare_sklearn.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
out="${OUT_DIR:-$(mktemp -d)}"
mkdir -p "$out"
: > "$out/reference.jsonl"
: > "$out/sharpgrad.jsonl"

dotnet build "$root/bench/Sharpgrad.Bench" -c Release -v quiet -nologo > "$out/build.log" || { cat "$out/build.log"; exit 1; }
bench="$root/bench/Sharpgrad.Bench/bin/Release/net10.0/Sharpgrad.Bench.dll"

blas_path=""
if ! ls /usr/lib/x86_64-linux-gnu/openblas*/libblas.so.3 > /dev/null 2>&1; then
  ( cd "$out" && apt-get download libopenblas0-pthread > /dev/null 2>&1 && dpkg-deb -x libopenblas0-pthread_*.deb openblas ) \
    || { echo "compare_sklearn.sh: no OpenBLAS installed and apt-get download libopenblas0-pthread failed" >&2; exit 1; }
  blas_path="$out/openblas/usr/lib/x86_64-linux-gnu/openblas-pthread"
fi

for round in $(seq 1 "$rounds"); do
  for n in ${threads//,/ }; do
    echo "round $round, threads=$n: scikit-learn (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
    LD_LIBRARY_PATH="$blas_path${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" OPENBLAS_NUM_THREADS="$n" OMP_NUM_THREADS="$n" \
      /usr/bin/python3 "$root/bench/sklearn_reference.py" --threads "$n" --only "$only" >> "$out/reference.jsonl"
    echo "round $round, threads=$n: Sharpgrad" >&2
    dotnet "$bench" --threads "$n" --only "$only" >> "$out/sharpgrad.jsonl"
  done
done

/usr/bin/python3 - "$out/reference.jsonl" "$out/sharpgrad.jsonl" <<'PY'
import json, sys
from statistics import median
def load(path):
    runs = {}
    for r in map(json.loads, filter(str.strip, open(path))):
        runs.setdefault((r["workload"], r["threads"]), []).append(r["value"])
    return {key: median(values) for key, values in runs.items()}
ref, ours = load(sys.argv[1]), load(sys.argv[2])
# time workload → (its result records, how they must agree)
results = {
    "sklearn_pca_fit": [("sklearn_pca_explained_variance_percent", "±0.01 points"), ("sklearn_pca_first_variance", "1e-6 relative")],
    "sklearn_knn_predict": [("sklearn_knn_accuracy", "±0.001 (ties)")],
    "sklearn_kmeans_fit": [("sklearn_kmeans_inertia", "1% relative (different k-means++ draws)"), ("sklearn_kmeans_iterations", "equal")],
}
print("| workload | threads | scikit-learn s | Sharpgrad s | speed ratio | scikit-learn CPU s | Sharpgrad CPU s | CPU ratio |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
threads = sorted({t for _, t in ref} | {t for _, t in ours})
for t in threads:
    for name in results:
        r, o = ref.get((name, t)), ours.get((name, t))
        rc, oc = ref.get((name + "_cpu", t)), ours.get((name + "_cpu", t))
        if r is None and o is None: continue
        ratio = lambda a, b: f"{a / b:.2f}×" if a and b else "—"
        fmt = lambda x: "—" if x is None else f"{x:.3f}"
        print(f"| {name} | {t} | {fmt(r)} | {fmt(o)} | {ratio(r, o)} | {fmt(rc)} | {fmt(oc)} | {ratio(rc, oc)} |")
print()
print("| result | threads | scikit-learn | Sharpgrad | must agree to |")
print("|---|---:|---:|---:|---|")
for t in threads:
    for name, checks in results.items():
        for result, tolerance in checks:
            r, o = ref.get((result, t)), ours.get((result, t))
            if r is None and o is None: continue
            print(f"| {result} | {t} | {r if r is not None else '—'} | {o if o is not None else '—'} | {tolerance} |")
PY
echo "raw results: $out" >&2
