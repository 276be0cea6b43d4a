#!/usr/bin/env bash
# Round two of the PyTorch comparison (issue #21): runs bench/pytorch_round2.py and Sharpgrad's benchmark on the same
# workloads, alternating the two sides in every round so both see the same load, at each thread count, and prints
# markdown tables (bench/round2_table.py): each side's median wall-clock and CPU figure over the rounds and the speed
# ratio of each (> 1 when Sharpgrad is faster). Suites (--suite, comma-separated; default all of them):
#   inference     MLP, LeNet-5 and ResNet-18 forward at batch 1 and 64, eval + no-grad: median and p99 latency, throughput;
#   cnn_train     one SGD step of ResNet-20 (batch 128, 3×32×32) and VGG-11 (batch 32, 3×64×64);
#   small_gemm    sgemm 32 and 64, and the batched attention product [128, 64, 32] × [128, 32, 64];
#   machine_peak  the micro-kernel's FMA peak in L1 (Sharpgrad only) and sgemm 1024–2048 on both sides as a fraction of it;
#   memory        the peak resident set (/usr/bin/time -f %M) of one process per side running the MLP and the LeNet-5
#                 Fashion-MNIST epoch of ../shared/bench/pytorch_reference.py and of Sharpgrad's mlp/lenet5 workloads,
#                 next to the epoch time.
#
# Usage: bench/compare_round2.sh [--suite NAME,...] [--threads N,...] [--rounds R]   (defaults: all, 1,2, 3)
# Needs /usr/bin/python3 with torch and torchvision (Debian: python3-torch python3-torchvision), and an optimised BLAS
# under PyTorch (bench/fetch_openblas.sh unpacks Debian's OpenBLAS when the system has none). Python's OpenMP and
# OpenBLAS pools are pinned to the thread count under test, Sharpgrad gets --threads N. Raw JSON lines stay in
# $OUT_DIR (default: a temporary directory) as reference.jsonl and sharpgrad.jsonl; PYTORCH_REFERENCE overrides the
# epoch reference script of the memory suite; WARMUP_SECONDS (default 3) is Sharpgrad's JIT warm-up per workload.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
suites="inference,cnn_train,small_gemm,machine_peak,memory"
threads="1,2"
rounds=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --suite) suites="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "compare_round2.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
timed="" memory=0
for s in ${suites//,/ }; do
  case "$s" in
    inference|cnn_train|small_gemm|machine_peak) timed="${timed:+$timed,}$s" ;;
    memory) memory=1 ;;
    *) echo "compare_round2.sh: unknown suite '$s' (expected inference, cnn_train, small_gemm, machine_peak, memory)" >&2; exit 2 ;;
  esac
done
epoch_reference="${PYTORCH_REFERENCE:-$root/../shared/bench/pytorch_reference.py}"
out="${OUT_DIR:-$(mktemp -d)}"
mkdir -p "$out"
: > "$out/reference.jsonl"
: > "$out/sharpgrad.jsonl"

dotnet build "$root/bench/Sharpgrad.Bench" -c Release -v quiet -nologo > "$out/build.log" || { cat "$out/build.log"; exit 1; }
bench="$root/bench/Sharpgrad.Bench/bin/Release/net10.0/Sharpgrad.Bench.dll"
blas_path="$("$root/bench/fetch_openblas.sh" "$out")"

# Where the host has put the two vCPUs (bench/core_to_core.c): a cache-line round trip between CPUs 0 and 1, taken
# before and after each side's run at 2 threads and more, into $out/placement.tsv (round, threads, side, ns before,
# ns after). The placement can change every few seconds, and a side's run lasts a minute or more, so two readings
# only hint at what its workloads saw: a run bracketed by readings of 300 ns and up (the vCPUs apart, on this
# project's guest) likely spent time so. A failed reading is written as "failed" and stops nothing.
placement=""
: > "$out/placement.tsv"
if command -v cc > /dev/null && [[ "$(nproc)" -ge 2 ]] && cc -O2 -pthread -o "$out/core_to_core" "$root/bench/core_to_core.c" 2> "$out/core_to_core.log"; then
  placement="$out/core_to_core"
fi
# Runs a side's command (after the first three arguments: round, threads, side), with the round trip before and after.
with_placement() {
  local round="$1" n="$2" side="$3"; shift 3
  if [[ -z "$placement" || "$n" -lt 2 ]]; then "$@"; return; fi
  local before after
  before="$("$placement" 2> /dev/null || echo failed)"
  "$@"
  after="$("$placement" 2> /dev/null || echo failed)"
  printf '%s\t%s\t%s\t%s\t%s\n' "$round" "$n" "$side" "$before" "$after" >> "$out/placement.tsv"
}

# Runs one side's epoch workload under /usr/bin/time and appends its peak resident set and CPU seconds as JSON lines.
measure_memory() {  # side-file workload threads command...
  local file="$1" workload="$2" n="$3"; shift 3
  /usr/bin/time -f '%M %U %S' -o "$out/time.txt" "$@" > "$out/epoch.jsonl"
  grep "\"${workload}_fashion_epoch\"" "$out/epoch.jsonl" >> "$file"
  awk -v w="$workload" -v n="$n" '{
    printf "{\"workload\": \"%s_peak_rss\", \"value\": %.1f, \"unit\": \"MB\", \"threads\": %d}\n", w, $1 / 1024, n
    printf "{\"workload\": \"%s_process_cpu\", \"value\": %.2f, \"unit\": \"s\", \"threads\": %d}\n", w, $2 + $3, n
  }' "$out/time.txt" >> "$file"
}

for round in $(seq 1 "$rounds"); do
  for n in ${threads//,/ }; do
    pin=(env LD_LIBRARY_PATH="$blas_path${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" OPENBLAS_NUM_THREADS="$n" OMP_NUM_THREADS="$n")
    if [[ -n "$timed" ]]; then
      echo "round $round, threads=$n: PyTorch (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
      with_placement "$round" "$n" PyTorch "${pin[@]}" /usr/bin/python3 "$root/bench/pytorch_round2.py" --threads "$n" --only "$timed" >> "$out/reference.jsonl"
      echo "round $round, threads=$n: Sharpgrad (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
      # --warmup-seconds: the .NET JIT compiles every method quickly first and replaces hot ones by optimised code in
      # the background; on a loaded machine that took seconds, and a profile of LeNet-5 inference still ran half its
      # samples in unoptimised code after 1 s. PyTorch's kernels are compiled ahead of time, so the steady state is
      # compared: Sharpgrad runs each workload for this long before the reference's own warm-up (WARMUP_SECONDS=0 to
      # measure the cold path instead).
      with_placement "$round" "$n" Sharpgrad dotnet "$bench" --threads "$n" --only "$timed" --warmup-seconds "${WARMUP_SECONDS:-3}" >> "$out/sharpgrad.jsonl"
    fi
    if [[ "$memory" == 1 ]]; then
      for w in mlp lenet5; do
        echo "round $round, threads=$n: $w epoch peak memory (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
        measure_memory "$out/reference.jsonl" "$w" "$n" "${pin[@]}" /usr/bin/python3 "$epoch_reference" --threads "$n" --only "$w"
        measure_memory "$out/sharpgrad.jsonl" "$w" "$n" dotnet "$bench" --threads "$n" --only "$w"
      done
    fi
  done
done

/usr/bin/python3 "$root/bench/round2_table.py" "$out/reference.jsonl" "$out/sharpgrad.jsonl" "$out/placement.tsv"
echo "raw results: $out" >&2
