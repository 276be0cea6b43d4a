#!/usr/bin/env bash
# Times two revisions with the SAME benchmark code: bench/RevisionProbe (this checkout's copy) is built against a copy
# of each revision's src/, so a workload cannot differ between the sides, only the library under it. Each process
# warms up past tier-up (at least --warmup-seconds, then until the JIT has compiled nothing for a second) and times
# --blocks blocks of 50–150 ms. In each of --rounds rounds a before and an after process run side by side and take
# turns block by block (bench/RevisionProbe/PairedTurns.cs), so adjacent blocks of the two meet the same machine
# state; the rounds alternate which side goes first. --sequential runs whole processes one after the other instead.
# Issue #20 item 4 ("no workload slower than before the refactor beyond noise").
#
# Usage: bench/compare_probe.sh BEFORE_ROOT [--after ROOT] [--only NAME,...] [--threads N,...] [--rounds R]
#                               [--blocks B] [--warmup-seconds S] [--cpus LIST] [--sequential]
#   (defaults: --after this checkout, --only op_overhead,op_overhead_inline,mlp_small_step,mlp_step, --threads 1,2, --rounds 5,
#    --blocks 30, --warmup-seconds 3; one-thread cells pin both processes of a round to the same vCPU, round r to
#    vCPU (r-1) mod nproc, because the two vCPUs of the development VM run the same code up to 1.5x apart in speed and
#    swap roles within minutes; --cpus LIST pins every cell to LIST instead)
# Example (pre-seam against main): git worktree add /tmp/preseam 52f3d09 && bench/compare_probe.sh /tmp/preseam
# Extra environment (e.g. DOTNET_TieredPGO=0) is passed to both sides alike. Raw JSON lines stay in $OUT_DIR
# (default: a temporary directory) as before.jsonl and after.jsonl.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $# -ge 1 && -d "$1/src/Sharpgrad" ]] || { echo "compare_probe.sh: expected the root of the 'before' checkout (with src/Sharpgrad) as the first argument" >&2; exit 2; }
before="$(cd "$1" && pwd)"; shift
after="$here"
only="op_overhead,op_overhead_inline,mlp_small_step,mlp_step"
threads="1,2"
rounds=5
blocks=30
warmup=3
cpus=""
paired=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --after) after="$(cd "$2" && pwd)"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --blocks) blocks="$2"; shift 2 ;;
    --warmup-seconds) warmup="$2"; shift 2 ;;
    --cpus) cpus="$2"; shift 2 ;;
    --sequential) paired=0; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "compare_probe.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
out="${OUT_DIR:-$(mktemp -d)}"
mkdir -p "$out"
: > "$out/before.jsonl"
: > "$out/after.jsonl"

# Copy each revision's library sources (no bin/obj, so neither checkout is written to) with this checkout's probe.
for side in before after; do
  root="${!side}"
  tree="$out/tree-$side"
  rm -rf "$tree" && mkdir -p "$tree/bench"
  (cd "$root" && tar --exclude=bin --exclude=obj -cf - src Directory.Build.props) | tar -xf - -C "$tree"
  (cd "$here/bench" && tar --exclude=bin --exclude=obj -cf - RevisionProbe) | tar -xf - -C "$tree/bench"
  echo "building the probe against $root ($(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'))" >&2
  dotnet build "$tree/bench/RevisionProbe" -c Release -p:SgRoot="$tree" -o "$out/probe-$side" -v quiet -nologo \
    > "$out/build-$side.log" 2>&1 || { cat "$out/build-$side.log"; exit 1; }
done

# Sets cmd to the command line of one probe process (a plain command, so that `"${cmd[@]}" &` gives the probe's pid).
probe_command() {  # side name threads [extra probe arguments]
  local side=$1 name=$2 n=$3; shift 3
  cmd=()
  if [[ -n "$cpus" ]]; then cmd=(taskset -c "$cpus")
  elif [[ "$n" == 1 ]]; then cmd=(taskset -c $(( (round - 1) % $(nproc) )))
  fi
  cmd+=(dotnet "$out/probe-$side/RevisionProbe.dll" "$name" --threads "$n" --blocks "$blocks" --warmup-seconds "$warmup" "$@")
}

# One round of two processes taking turns: both warm up at once, then the driver, once both are ready, hands the first
# turn to $1; each writes its JSON line to its side's file.
paired_round() {  # first second name threads
  local first=$1 second=$2 name=$3 n=$4 pipes="$out/pipes" patience=$(( ${warmup%.*} + 150 ))
  rm -rf "$pipes" && mkdir -p "$pipes" && mkfifo "$pipes/to_before" "$pipes/to_after" "$pipes/ready"
  exec {ready}<>"$pipes/ready"
  probe_command before "$name" "$n" --paired "$pipes/to_before" "$pipes/to_after" "$pipes/ready"
  "${cmd[@]}" > "$pipes/before.json" &
  local pid_before=$!
  probe_command after "$name" "$n" --paired "$pipes/to_after" "$pipes/to_before" "$pipes/ready"
  "${cmd[@]}" > "$pipes/after.json" &
  local pid_after=$!
  # A probe that dies before it is ready, or mid-run, would leave the other waiting for its turn for ever.
  if ! { read -r -N 1 -t "$patience" -u "$ready" _ && read -r -N 1 -t "$patience" -u "$ready" _; }; then
    kill "$pid_before" "$pid_after" 2>/dev/null || true
    echo "compare_probe.sh: a probe did not finish its warm-up (round $round, $name, threads=$n)" >&2; exit 1
  fi
  printf t > "$pipes/to_$first"
  local status=0
  wait -n "$pid_before" "$pid_after" || status=$?
  if (( status )); then kill "$pid_before" "$pid_after" 2>/dev/null || true; fi
  wait "$pid_before" || status=$?
  wait "$pid_after" || status=$?
  exec {ready}>&-
  (( status == 0 )) || { echo "compare_probe.sh: a probe failed (round $round, $name, threads=$n)" >&2; exit 1; }
  cat "$pipes/before.json" >> "$out/before.jsonl"
  cat "$pipes/after.json" >> "$out/after.jsonl"
}

for round in $(seq 1 "$rounds"); do
  # Odd rounds run "before" first, even rounds "after" first, so neither side always gets the warmer (or cooler) slot.
  order=$([[ $((round % 2)) == 1 ]] && echo "before after" || echo "after before")
  for name in ${only//,/ }; do
    for n in ${threads//,/ }; do
      echo "round $round, $name, threads=$n: $order (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
      if (( paired )); then
        paired_round $order "$name" "$n"
      else
        for side in $order; do probe_command "$side" "$name" "$n"; "${cmd[@]}" >> "$out/$side.jsonl"; done
      fi
    done
  done
done

/usr/bin/python3 "$here/bench/probe_table.py" "$out/before.jsonl" "$out/after.jsonl"
echo "raw results: $out" >&2
