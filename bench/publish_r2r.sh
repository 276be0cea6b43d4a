#!/usr/bin/env bash
# Publishes the benchmark (bench/Sharpgrad.Bench) and the sharpgrad command (src/Sharpgrad.Cli) precompiled with
# ReadyToRun (issue #21, branch r2r), so that a fresh process runs precompiled code instead of JIT-compiling the
# ~400–1,000 methods a short fit touches first. The default `dotnet build`/`dotnet test` are untouched; this script is
# the only place ReadyToRun is switched on. The bench scripts take its output through their --bench option:
#   bench/compare_sklearn.sh --suite models --only svc,logistic_regression --bench OUT_DIR/bench/Sharpgrad.Bench.dll
#
# Usage: bench/publish_r2r.sh [--composite] [--one-shot] [--instruction-set ISA] [--check] [OUT_DIR]
#        (default OUT_DIR /tmp/sharpgrad-r2r)
#   --one-shot             runtime settings for a process that runs one short job (a cold fit, `sharpgrad eval`): tiered
#                          PGO off and .NET's default call-counting delay (100 ms) instead of src/TrainingRuntime.props'
#                          0. Both change only when code is compiled, never what it computes. Without them the
#                          precompiled code of every method called 30 times is at once recompiled (with PGO: twice), and
#                          ReadyToRun saves nothing on a fit of 0.1 s (docs: /work/notes/r2r-performance.md). The same
#                          settings on a JIT build: DOTNET_TieredPGO=0 DOTNET_TC_CallCountingDelayMs=100.
#   --check                afterwards, run svc and logistic_regression on the JIT build (Release) and on the published
#                          one with --exact, and fail unless their results (accuracy, objective) are the same bits.
#   --instruction-set ISA  crossgen2's target (default: x86-64-v4 when this machine's /proc/cpuinfo lists avx512f, else
#                          x86-64-v3 = AVX2 + FMA). Only x86-64-v4 was measured (r2r-performance.md, on a Zen 5 with
#                          AVX-512); the v3 default was never measured. Code compiled for an ISA decides
#                          Vector256/Vector512.IsHardwareAccelerated at publish time; on a machine whose answer differs
#                          the runtime rejects that method's precompiled code and JITs it (correct, only slower; not
#                          tested here: every machine at hand has AVX-512). Publish for the machines you run on.
#   --composite            self-contained, one composite image of the app and the .NET framework together
#                          (cross-assembly inlining, generic instantiations over framework types precompiled;
#                          ~130 MB, a 15-minute publish on a loaded 2-core machine).
# Needs the NuGet packages Microsoft.NETCore.App.Crossgen2.linux-x64 (and, with --composite,
# Microsoft.NETCore.App.Runtime.linux-x64) of the installed runtime's version in the package cache or feed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
composite=false
one_shot=false
check=false
source "$root/bench/deployment.sh"
isa="$(default_instruction_set)"
out=/tmp/sharpgrad-r2r
while [[ $# -gt 0 ]]; do
  case "$1" in
    --composite) composite=true; shift ;;
    --check) check=true; shift ;;
    --one-shot) one_shot=true; shift ;;
    --instruction-set) isa="$2"; shift 2 ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    -*) echo "publish_r2r.sh: unknown option '$1'" >&2; exit 2 ;;
    *) out="$1"; shift ;;
  esac
done

args=(-c Release -r linux-x64 -p:PublishReadyToRun=true "-p:PublishReadyToRunCrossgen2ExtraArgs=--instruction-set:$isa")
if $composite; then args+=(--self-contained true -p:PublishReadyToRunComposite=true)
else args+=(--self-contained false); fi
if $one_shot; then args+=(-p:TieredPGO=false -p:SharpgradCallCountingDelayMs=100); fi

mkdir -p "$out"
for project in bench/Sharpgrad.Bench src/Sharpgrad.Cli; do
  # Lower-case only the project's own part (Bench -> bench), never the user's OUT_DIR.
  name="$(basename "$project")"; sub="${name#Sharpgrad.}"; dir="$out/${sub,,}"
  dotnet publish "$root/$project" "${args[@]}" -o "$dir" -nologo >"$out/$name.publish.log" 2>&1 \
    || { echo "publish of $project failed; see $out/$name.publish.log" >&2; exit 1; }
  echo "$project -> $dir ($(du -sh "$dir" | cut -f1))"
done
# The publish has no copy of the launcher named sharpgrad (the CLI project adds it on build only).
echo "benchmark: $out/bench/Sharpgrad.Bench.dll (for --bench); command: $out/cli/Sharpgrad.Cli"

if $check; then check_same_results "$root" "$out/bench/Sharpgrad.Bench.dll" ReadyToRun "$out"; fi
