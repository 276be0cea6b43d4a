#!/usr/bin/env bash
# Runs scikit-learn's reference and Sharpgrad's benchmark on the same classic-ML workloads (issue #21), in one sitting
# on one machine, alternating the two sides in every round so both see the same load, at each thread count, and prints
# markdown tables: each side's median wall-clock and CPU seconds, the speed ratio (scikit-learn's time / Sharpgrad's,
# > 1 when Sharpgrad is faster), and each estimator's results next to the reference's with the tolerance they must meet
# (docs/performance.md explains the tolerances). Two suites share this driver:
#   --suite estimators (default): PCA, kNN, KMeans against bench/sklearn_reference.py;
#   --suite models: t-SNE (exact and Barnes–Hut), SVC, LogisticRegression, GaussianMixture against
#                   bench/sklearn_reference_models.py (bench/compare_sklearn_models.sh is this with --suite models).
#
# Usage: bench/compare_sklearn.sh [--suite estimators|models] [--only NAME,...] [--threads N,...] [--rounds R]
#        [--warmup-seconds S] [--bench [LABEL=]BUILD]... [--no-jit]
#        (defaults: the suite's workloads, --threads 1,2 --rounds 3, no warm-up, the JIT build of bench/Sharpgrad.Bench)
# --warmup-seconds S runs Sharpgrad's workload untimed for S seconds first (the reference has no warm-up; label such
# numbers "warm"); --bench runs another build of the benchmark: a .dll (JIT, or a ReadyToRun publish from
# bench/publish_r2r.sh) or a NativeAOT executable (bench/publish_aot.sh). The argument is split at its first `=`: a
# LABEL cannot contain one, a path can. Given several times, every build runs in every round after the reference, the
# order rotating by one build per round, and each table has a row per build, named by LABEL (default: the kind of
# build read from the file, NativeAOT, ReadyToRun or JIT, and its path). Name the build and its settings honestly,
# e.g. --bench "NativeAOT x86-64-v4=/tmp/sharpgrad-aot-bench/bench/Sharpgrad.Bench". With any --bench the script also
# builds the JIT build (Release) and adds it as the last row, so that its line is always there and current; --no-jit
# leaves it out. Every build runs with --exact, and a column says whether each build's results (accuracy, objective,
# …; every round) are the JIT build's bit for bit (without the JIT build: the first build's); on a mismatch it says NO
# and the script exits with status 1 after printing the tables.
# The short model fits (svc, logistic_regression) also time a second fit in the same process; a second table sets its
# ratio (warm) beside the first fit's (cold, the headline: the reference, too, fits once per process).
# Needs /usr/bin/python3 with scikit-learn and threadpoolctl (Debian: python3-sklearn) and an optimised BLAS under
# numpy: with the reference BLAS numpy runs at about 3 GFLOP/s and the comparison would be meaningless. When the
# system has no OpenBLAS, the script unpacks Debian's libopenblas0-pthread into $OUT_DIR (apt-get download; nothing
# is installed) and puts it first on LD_LIBRARY_PATH for the reference only. Python's BLAS/OpenMP pools are pinned to
# the thread count under test; Sharpgrad gets --threads N. Raw JSON lines stay in $OUT_DIR (default: a temporary
# directory) as reference.jsonl and sharpgrad.jsonl (sharpgrad.2.jsonl, … for the second and further --bench builds).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
suite=estimators
only=""
threads="1,2"
rounds=3
warmup=0
labels=()
builds=()
with_jit=true
while [[ $# -gt 0 ]]; do
  case "$1" in
    --suite) suite="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --warmup-seconds) warmup="$2"; shift 2 ;;
    --bench) if [[ "$2" == *=* ]]; then labels+=("${2%%=*}"); builds+=("${2#*=}"); else labels+=(""); builds+=("$2"); fi; shift 2 ;;
    --no-jit) with_jit=false; shift ;;
    -h|--help) sed -n '2,32p' "$0"; exit 0 ;;
    *) echo "compare_sklearn.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
case "$suite" in
  estimators) reference="$root/bench/sklearn_reference.py"; only="${only:-sklearn_pca,sklearn_knn,sklearn_kmeans}" ;;
  models) reference="$root/bench/sklearn_reference_models.py"; only="${only:-tsne_exact,tsne_barnes_hut,svc,logistic_regression,gmm}" ;;
  *) echo "compare_sklearn.sh: unknown suite '$suite' (expected estimators or models)" >&2; exit 2 ;;
esac
source "$root/bench/deployment.sh"
out="${OUT_DIR:-$(mktemp -d)}"
mkdir -p "$out"
: > "$out/reference.jsonl"

# Every build by its full path, checked before anything runs; an unlabelled one is named by its kind and path.
for i in "${!builds[@]}"; do
  builds[$i]="$(realpath -m -- "${builds[$i]}")"
  require_build "${builds[$i]}" || exit 1
  [[ -n "${labels[$i]}" ]] || labels[$i]="$(build_kind "${builds[$i]}") (${builds[$i]})"
done
# The JIT build is the last row (or the only one), built now so its line is never stale: the reference for the others' bits.
jit="$(jit_build_path "$root")"
if $with_jit || [[ ${#builds[@]} -eq 0 ]]; then
  build_jit "$root" "$out/jit.build.log" || exit 1
  if [[ " ${builds[*]} " != *" $jit "* ]]; then
    labels+=("JIT (Release build; TrainingRuntime.props: CallCountingDelayMs=0, TieredPGO on)"); builds+=("$jit")
  fi
fi
# The index of the build the others' results must equal bit for bit: the JIT build where it runs, else the first.
reference_build=0 reference_name="the first build"
for i in "${!builds[@]}"; do [[ "${builds[$i]}" == "$jit" ]] && { reference_build=$i; reference_name="the JIT build"; }; done
# One results file per build: sharpgrad.jsonl for the first, sharpgrad.2.jsonl, ... for the others.
results_file() { if [[ $1 -eq 0 ]]; then echo "$out/sharpgrad.jsonl"; else echo "$out/sharpgrad.$(( $1 + 1 )).jsonl"; fi; }
table_args=()
for i in "${!builds[@]}"; do : > "$(results_file "$i")"; table_args+=("${labels[$i]}" "$(results_file "$i")"); done

blas_path="$("$root/bench/fetch_openblas.sh" "$out")"

for round in $(seq 1 "$rounds"); do
  for n in ${threads//,/ }; do
    echo "round $round, threads=$n: scikit-learn (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
    LD_LIBRARY_PATH="$blas_path${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" OPENBLAS_NUM_THREADS="$n" OMP_NUM_THREADS="$n" MKL_NUM_THREADS="$n" \
      /usr/bin/python3 "$reference" --threads "$n" --only "$only" >> "$out/reference.jsonl"
    # The builds' order rotates by one per round, so that none always runs right after the reference.
    for k in "${!builds[@]}"; do
      i=$(( (k + round - 1) % ${#builds[@]} ))
      echo "round $round, threads=$n: Sharpgrad, ${labels[$i]}" >&2
      run_build "${builds[$i]}" --threads "$n" --only "$only" --warmup-seconds "$warmup" --exact >> "$(results_file "$i")"
    done
  done
done

echo "raw results: $out" >&2
# Each suite reports its own results: the estimators' records are named per workload, the models' per metric.
if [[ "$suite" == estimators ]]; then
/usr/bin/python3 - "$root/bench" "$reference_build $reference_name" "$out/reference.jsonl" "${table_args[@]}" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from build_results import load, SameBits
ref = load(sys.argv[3])
builds = [(label, load(path)) for label, path in zip(sys.argv[4::2], sys.argv[5::2])]  # (label, results), in the order given
same = SameBits(sys.argv[5::2], *sys.argv[2].split(" ", 1))
# time workload → (its result records, how they must agree)
results = {
    "sklearn_pca_fit": [("sklearn_pca_explained_variance_percent", "±0.01 points"), ("sklearn_pca_first_variance", "1e-6 relative")],
    "sklearn_knn_predict": [("sklearn_knn_accuracy", "±0.001 (ties)")],
    "sklearn_kmeans_fit": [("sklearn_kmeans_inertia", "1% relative (different k-means++ draws)"), ("sklearn_kmeans_iterations", "equal")],
}
print("| workload | threads | Sharpgrad build | scikit-learn s | Sharpgrad s | speed ratio | scikit-learn CPU s | Sharpgrad CPU s | CPU ratio |")
print("|---|---:|---|---:|---:|---:|---:|---:|---:|")
threads = sorted({t for _, t in ref}.union(*({t for _, t in ours} for _, ours in builds)))
ratio = lambda a, b: f"{a / b:.2f}×" if a and b else "—"
fmt = lambda x: "—" if x is None else f"{x:.3f}"
for t in threads:
    for name in results:
        for label, ours in builds:
            r, o = ref.get((name, t)), ours.get((name, t))
            rc, oc = ref.get((name + "_cpu", t)), ours.get((name + "_cpu", t))
            if r is None and o is None: continue
            print(f"| {name} | {t} | {label} | {fmt(r)} | {fmt(o)} | {ratio(r, o)} | {fmt(rc)} | {fmt(oc)} | {ratio(rc, oc)} |")
print()
print(f"| result | threads | Sharpgrad build | scikit-learn | Sharpgrad | must agree to | same bits as {same.name} |")
print("|---|---:|---|---:|---:|---|---|")
for t in threads:
    for name, checks in results.items():
        for result, tolerance in checks:
            for b, (label, ours) in enumerate(builds):
                r, o = ref.get((result, t)), ours.get((result, t))
                if r is None and o is None: continue
                print(f"| {result} | {t} | {label} | {r if r is not None else '—'} | {o if o is not None else '—'} | {tolerance} | "
                      f"{same.column(b, [result], t)} |")
same.exit()
PY
else
/usr/bin/python3 - "$root/bench" "$reference_build $reference_name" "$only" "$out/reference.jsonl" "${table_args[@]}" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from build_results import load, SameBits
ref = load(sys.argv[4])
builds = [(label, load(path)) for label, path in zip(sys.argv[5::2], sys.argv[6::2])]  # (label, results), in the order given
same = SameBits(sys.argv[6::2], *sys.argv[2].split(" ", 1))
# The results each pair must agree on, and the documented tolerance (docs: the design notes of issue #21).
results = {"tsne_exact": [("kl", 0.05)], "tsne_barnes_hut": [("kl", 0.05)], "svc": [("accuracy", 0.01)],
           "logistic_regression": [("objective", 1e-3), ("accuracy", 0.005)], "gmm": [("log_likelihood", 0.15)]}
print(f"| workload | threads | Sharpgrad build | scikit-learn s (CPU s) | Sharpgrad s (CPU s) | speed ratio wall (CPU) | results (scikit-learn / Sharpgrad) | agree | same bits as {same.name} |")
print("|---|---:|---|---:|---:|---:|---|---|---|")
# Short fits also report a second fit in the same process ({name}_warm, cold21): its ratio is printed below the table,
# next to the first (cold) fit's, which stays the headline number since the reference, too, fits once per process.
warm_lines = []
for name in sys.argv[3].split(","):
    for n in sorted({t for (w, t) in ref if w == name}.union(*({t for (w, t) in ours if w == name} for _, ours in builds))):
        for b, (label, ours) in enumerate(builds):
            r, o = ref.get((name, n)), ours.get((name, n))
            rc, oc = ref.get((name + "_cpu", n)), ours.get((name + "_cpu", n))
            bits = same.column(b, [f"{name}_{metric}" for metric, _ in results.get(name, [])], n)
            if r is None or o is None:
                print(f"| {name} | {n} | {label} | {r} | {o} | — | — | — | {bits} |"); continue
            checks, agree = [], True
            for metric, tolerance in results.get(name, []):
                a, b = ref.get((f"{name}_{metric}", n)), ours.get((f"{name}_{metric}", n))
                ok = a is not None and b is not None and abs(a - b) <= tolerance
                agree &= ok
                checks.append(f"{metric} {a:.4f} / {b:.4f}")
            print(f"| {name} | {n} | {label} | {r:.3f} ({rc:.3f}) | {o:.3f} ({oc:.3f}) | {r / o:.2f}× ({rc / oc:.2f}×) | "
                  f"{'; '.join(checks)} | {'yes' if agree else 'NO'} | {bits} |")
            w, wc = ours.get((name + "_warm", n)), ours.get((name + "_warm_cpu", n))
            if w is not None and wc is not None:
                warm_lines.append(f"| {name} | {n} | {label} | {r:.3f} ({rc:.3f}) | {o:.3f} ({oc:.3f}) | {r / o:.2f}× ({rc / oc:.2f}×) | "
                                  f"{w:.3f} ({wc:.3f}) | {r / w:.2f}× ({rc / wc:.2f}×) |")
if warm_lines:
    print()
    print("| workload | threads | Sharpgrad build | scikit-learn s (CPU s) | Sharpgrad first fit, cold | ratio cold wall (CPU) | Sharpgrad second fit, warm | ratio warm wall (CPU) |")
    print("|---|---:|---|---:|---:|---:|---:|---:|")
    print("\n".join(warm_lines))
same.exit()
PY
fi
