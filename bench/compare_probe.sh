#!/usr/bin/env bash
# Times two revisions with the SAME benchmark code: bench/RevisionProbe (this checkout's copy) is built against a copy
# of each revision's src/, so a workload cannot differ between the sides, only the library under it. Each process
# warms up past tier-up (at least --warmup-seconds, then until the JIT has compiled nothing for a second) and times
# --blocks blocks of 50–150 ms. In each of --rounds rounds a before and an after process run side by side and take
# turns block by block (bench/RevisionProbe/PairedTurns.cs), so adjacent blocks of the two meet the same machine
# state; the rounds alternate which side goes first. --sequential runs whole processes one after the other instead.
# bench/probe_table.py turns the raw lines into one table (a t interval over the rounds' ratios; see its docstring).
# Issue #20 item 4 ("no workload slower than before the refactor beyond noise").
#
# Usage: bench/compare_probe.sh BEFORE_ROOT [--after ROOT] [--only NAME,...] [--threads N,...] [--rounds R]
#                               [--blocks B] [--warmup-seconds S] [--cpus LIST] [--sequential]
#   (defaults: --after this checkout, --only op_overhead,op_overhead_inline,mlp_small_step,mlp_step, --threads 1,2,
#    --rounds 6 (keep it even: a multiple of 2 x nproc also balances the vCPUs), --blocks 30, --warmup-seconds 3;
#    one-thread cells pin both processes of a round to the same vCPU, round r to vCPU ((r-1)/2) mod nproc, so that
#    each order (before first, after first) meets each vCPU, because the two vCPUs of the development VM run the same
#    code up to 1.5x apart in speed and swap roles within minutes; --cpus LIST pins every cell to LIST instead)
# Example (pre-seam against main): git worktree add /tmp/preseam 52f3d09 && bench/compare_probe.sh /tmp/preseam
# Extra environment (e.g. DOTNET_TieredPGO=0) is passed to both sides alike. Raw JSON lines stay in $OUT_DIR
# (default: a temporary directory) as before.jsonl and after.jsonl, each line tagged with the "revision" its side
# measured (git describe --always --dirty of its root; also in revisions.json and the table's first line, with the
# probe's own checkout).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $# -ge 1 && -d "$1/src/Sharpgrad" ]] || { echo "compare_probe.sh: expected the root of the 'before' checkout (with src/Sharpgrad) as the first argument" >&2; exit 2; }
before="$(cd "$1" && pwd)"; shift
after="$here"
only="op_overhead,op_overhead_inline,mlp_small_step,mlp_step"
threads="1,2"
rounds=6
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
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { print }' "$0"; exit 0 ;;
    *) echo "compare_probe.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
(( rounds % 2 == 0 )) || echo "compare_probe.sh: --rounds $rounds is odd, so one side goes first once more often than the other" >&2
out="${OUT_DIR:-$(mktemp -d)}"
mkdir -p "$out"
: > "$out/before.jsonl"
: > "$out/after.jsonl"

# What each side measured: the commit, marked -dirty when its checkout had uncommitted changes (they are copied too).
before_rev="$(git -C "$before" describe --always --dirty 2>/dev/null || echo 'not a git checkout')"
after_rev="$(git -C "$after" describe --always --dirty 2>/dev/null || echo 'not a git checkout')"
probe_rev="$(git -C "$here" describe --always --dirty 2>/dev/null || echo 'not a git checkout')"
printf '{"before_root":"%s","before_rev":"%s","after_root":"%s","after_rev":"%s","probe_rev":"%s"}\n' \
  "$before" "$before_rev" "$after" "$after_rev" "$probe_rev" > "$out/revisions.json"

# Copy each revision's library sources (no bin/obj, so neither checkout is written to) with this checkout's probe.
for side in before after; do
  root="${!side}"
  tree="$out/tree-$side"
  rm -rf "$tree" && mkdir -p "$tree/bench"
  (cd "$root" && tar --exclude=bin --exclude=obj -cf - src Directory.Build.props) | tar -xf - -C "$tree"
  (cd "$here/bench" && tar --exclude=bin --exclude=obj -cf - RevisionProbe) | tar -xf - -C "$tree/bench"
  rev="${side}_rev"
  echo "building the probe against $root (${!rev})" >&2
  dotnet build "$tree/bench/RevisionProbe" -c Release -p:SgRoot="$tree" -o "$out/probe-$side" -v quiet -nologo \
    > "$out/build-$side.log" 2>&1 || { cat "$out/build-$side.log"; exit 1; }
done

# The vCPUs a process of this round runs on (empty: not pinned). Rounds 2k-1 and 2k (one of each order) share a vCPU.
pinned_cpus() {  # threads
  if [[ -n "$cpus" ]]; then echo "$cpus"
  elif [[ "$1" == 1 ]]; then echo $(( (round - 1) / 2 % $(nproc) ))
  fi
}

# Sets cmd to the command line of one probe process (a plain command, so that `"${cmd[@]}" &` gives the probe's pid).
probe_command() {  # side name threads [extra probe arguments]
  local side=$1 name=$2 n=$3; shift 3
  local pin
  pin="$(pinned_cpus "$n")"
  cmd=()
  if [[ -n "$pin" ]]; then cmd=(taskset -c "$pin"); fi
  cmd+=(dotnet "$out/probe-$side/RevisionProbe.dll" "$name" --threads "$n" --blocks "$blocks" --warmup-seconds "$warmup" "$@")
}

# Appends one process's JSON line to its side's file, tagged with the revision that side measured.
append_result() {  # side file
  local rev="${1}_rev"
  sed "s|^{|{\"revision\":\"${!rev}\",|" "$2" >> "$out/$1.jsonl"
}

# Stops the script, killing both probes of the round (the variables are paired_round's).
stop_round() {  # message
  kill "$pid_before" "$pid_after" 2>/dev/null || true
  echo "compare_probe.sh: $1 (round $round, $name, threads=$n)" >&2
  exit 1
}

# Collects the probes that have exited (clearing their pid); one that failed, or left during its warm-up, stops the
# round at once with its exit status.
reap_exited() {  # phase
  local side pid_var status
  for side in before after; do
    pid_var="pid_$side"
    [[ -n "${!pid_var}" ]] && ! kill -0 "${!pid_var}" 2>/dev/null || continue
    status=0
    wait "${!pid_var}" || status=$?
    (( status == 0 )) || stop_round "the $side probe exited with status $status during its $1"
    [[ "$1" == "timed blocks" ]] || stop_round "the $side probe exited during its $1 without reporting ready"
    printf -v "$pid_var" '%s' ''
  done
}

# One round of two processes taking turns: both warm up at once, then the driver, once both are ready, hands the first
# turn to $1; each writes its JSON line to its side's file. A probe that dies would leave the other waiting for its
# turn for ever (each holds its own FIFOs open for writing, so it never reads end-of-file), hence the driver polls both
# and puts a limit on each phase.
paired_round() {  # first second name threads
  local first=$1 second=$2 name=$3 n=$4 pipes="$out/pipes" patience=$(( ${warmup%.*} + 150 ))
  local limit=$(( blocks * 10 + 60 )) ready_count=0 start
  rm -rf "$pipes" && mkdir -p "$pipes" && mkfifo "$pipes/to_before" "$pipes/to_after" "$pipes/ready"
  exec {ready}<>"$pipes/ready"
  probe_command before "$name" "$n" --paired "$pipes/to_before" "$pipes/to_after" "$pipes/ready"
  "${cmd[@]}" > "$pipes/before.json" &
  local pid_before=$!
  probe_command after "$name" "$n" --paired "$pipes/to_after" "$pipes/to_before" "$pipes/ready"
  "${cmd[@]}" > "$pipes/after.json" &
  local pid_after=$!
  start=$SECONDS
  while (( ready_count < 2 )); do
    if read -r -N 1 -t 1 -u "$ready" _; then ready_count=$(( ready_count + 1 )); continue; fi
    reap_exited warm-up
    (( SECONDS - start < patience )) || stop_round "a probe did not finish its warm-up within $patience s"
  done
  exec {ready}>&-
  printf t 1<> "$pipes/to_$first"  # read-write: the open cannot block, even if neither probe still holds the FIFO
  start=$SECONDS
  while [[ -n "$pid_before$pid_after" ]]; do
    sleep 0.5
    reap_exited "timed blocks"
    [[ -z "$pid_before$pid_after" ]] || (( SECONDS - start < limit )) || stop_round "the timed blocks took more than $limit s"
  done
  append_result before "$pipes/before.json"
  append_result after "$pipes/after.json"
}

for round in $(seq 1 "$rounds"); do
  # Odd rounds run "before" first, even rounds "after" first, so neither side always gets the warmer (or cooler) slot.
  order=$([[ $((round % 2)) == 1 ]] && echo "before after" || echo "after before")
  for name in ${only//,/ }; do
    for n in ${threads//,/ }; do
      pin="$(pinned_cpus "$n")"
      echo "round $round, $name, threads=$n: $order, vCPU ${pin:-any} (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
      if (( paired )); then
        paired_round $order "$name" "$n"
      else
        for side in $order; do
          probe_command "$side" "$name" "$n"
          "${cmd[@]}" > "$out/one.json"
          append_result "$side" "$out/one.json"
        done
      fi
    done
  done
done

/usr/bin/python3 "$here/bench/probe_table.py" "$out/before.jsonl" "$out/after.jsonl" \
  --before-rev "$before_rev ($before)" --after-rev "$after_rev ($after)" --probe-rev "$probe_rev ($here/bench)"
echo "raw results: $out" >&2
