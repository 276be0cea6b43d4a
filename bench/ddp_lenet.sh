#!/usr/bin/env bash
# Issue #19's benchmark: a data-parallel LeNet-5 epoch on Fashion-MNIST, Sharpgrad (`sharpgrad train` under mpirun)
# against PyTorch DDP over Gloo (bench/ddp_pytorch.py), at 1 and 2 ranks of 1 thread each, the same global batch (64),
# SGD lr 0.01 momentum 0.9, no schedule; then the allreduce bandwidth of Sharpgrad's MPI binding against mpicc-built C
# (bench/allreduce.c, compiled into a temporary folder).
#
# Usage: bench/ddp_lenet.sh [--rounds R] [--data-root DIR]     (defaults: 2 rounds, /usr/share/datasets/fashion-mnist)
# The sides run alternately, R rounds, so a shared machine's load falls on both; the table shows each side's median.
# Samples/s = 60 000 / the epoch's seconds, where the epoch includes the test-set pass (`sharpgrad train` prints the
# epoch time with its test evaluation; ddp_pytorch.py times the same span). Scaling efficiency = 2-rank samples/s /
# (2 x 1-rank samples/s). Needs OpenMPI (openmpi-bin libopenmpi-dev) and /usr/bin/python3 with torch.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds=2
data="/usr/share/datasets/fashion-mnist"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --data-root) data="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "ddp_lenet.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
batch=64
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "building (Release) ..." >&2
dotnet build "$root/src/Sharpgrad.Cli" -c Release -v quiet -nologo > "$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; exit 1; }
dotnet build "$root/tests/Sharpgrad.Distributed.TestProgram" -c Release -v quiet -nologo >> "$tmp/build.log" 2>&1 \
  || { cat "$tmp/build.log"; exit 1; }
cli="$root/src/Sharpgrad.Cli/bin/Release/net10.0/Sharpgrad.Cli.dll"
testprogram="$root/tests/Sharpgrad.Distributed.TestProgram/bin/Release/net10.0/Sharpgrad.Distributed.TestProgram.dll"
mpicc -O2 -o "$tmp/allreduce" "$root/bench/allreduce.c"
# Debian's PyTorch calls the system BLAS for its Linear layers: OpenBLAS, not the reference BLAS (see fetch_openblas.sh).
blas_path="$("$root/bench/fetch_openblas.sh" "$tmp")"

# One thread per rank: Sharpgrad's pool (SHARPGRAD_NUM_THREADS), OpenMP/OpenBLAS for PyTorch (and set_num_threads(1)
# in the script); DOTNET_TieredPGO left at its default. mpirun -x passes the variables to every rank.
export SHARPGRAD_NUM_THREADS=1 OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
# OpenMPI binds each rank to a core by default (2 ranks on 2 cores need no --oversubscribe).
mpi=(mpirun --allow-run-as-root -x SHARPGRAD_NUM_THREADS -x OMP_NUM_THREADS)

# Prints the samples/s of one `sharpgrad train` epoch at $1 ranks, from the "(12.3s)" at the end of its epoch line.
sharpgrad_epoch() {
  local ranks="$1" launch=()
  (( ranks > 1 )) && launch=("${mpi[@]}" -np "$ranks")
  "${launch[@]}" dotnet "$cli" train --model lenet5 --dataset fashion-mnist --data-root "$data" --epochs 1 \
    --batch-size "$batch" --optimizer sgd --lr 0.01 --schedule none --seed 0 --out "$tmp/run-$ranks-$RANDOM" \
    > "$tmp/sharpgrad.log" 2>&1 || { cat "$tmp/sharpgrad.log" >&2; exit 1; }
  local seconds
  # Not anchored: under mpirun, dotnet may put a terminal escape sequence before the line.
  seconds="$(grep -aoE 'epoch [0-9]+/[0-9]+ .*\([0-9.]+s\)' "$tmp/sharpgrad.log" | tail -1 | grep -oE '[0-9.]+s\)$' | tr -d 's)')"
  [[ -n "$seconds" ]] || { echo "no epoch time in sharpgrad's output:" >&2; cat "$tmp/sharpgrad.log" >&2; exit 1; }
  awk -v s="$seconds" 'BEGIN { printf "%.1f\n", 60000 / s }'
}

pytorch_epoch() {
  LD_LIBRARY_PATH="$blas_path${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" /usr/bin/python3 "$root/bench/ddp_pytorch.py" --ranks "$1" --batch-size "$batch" --data-root "$data" \
    | grep -oE 'samples/s=[0-9.]+' | cut -d= -f2
}

: > "$tmp/results"
for ((round = 1; round <= rounds; round++)); do
  for ranks in 1 2; do
    s="$(sharpgrad_epoch "$ranks")"; echo "round $round sharpgrad ranks=$ranks samples/s=$s" >&2
    echo "sharpgrad $ranks $s" >> "$tmp/results"
    p="$(pytorch_epoch "$ranks")"; echo "round $round pytorch ranks=$ranks samples/s=$p" >&2
    echo "pytorch $ranks $p" >> "$tmp/results"
  done
done

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo
echo "| side | 1 rank samples/s | 2 ranks samples/s | scaling efficiency |"
echo "|---|---:|---:|---:|"
for side in sharpgrad pytorch; do
  one="$(awk -v s="$side" '$1 == s && $2 == 1 { print $3 }' "$tmp/results" | median)"
  two="$(awk -v s="$side" '$1 == s && $2 == 2 { print $3 }' "$tmp/results" | median)"
  awk -v s="$side" -v a="$one" -v b="$two" 'BEGIN { printf "| %s | %.1f | %.1f | %.2f |\n", s, a, b, b / (2 * a) }'
done

echo
echo "| allreduce of 1 M float32, 2 ranks | ms | GB/s |"
echo "|---|---:|---:|"
for side in c sharpgrad; do
  if [[ "$side" == c ]]; then out="$("${mpi[@]}" -np 2 "$tmp/allreduce")"
  else out="$("${mpi[@]}" -np 2 dotnet "$testprogram" allreduce-bandwidth)"; fi
  # Rank 0's "0|key|value" lines; dotnet may prefix a terminal escape sequence to a line, hence the pattern on field 1.
  ms="$(awk -F'|' '$1 ~ /(^|[^0-9])0$/ && $2 == "allreduce-1M-float-ms" { print $3 }' <<< "$out")"
  gbs="$(awk -F'|' '$1 ~ /(^|[^0-9])0$/ && $2 == "allreduce-1M-float-GB/s" { print $3 }' <<< "$out")"
  echo "| $side | $ms | $gbs |"
done
