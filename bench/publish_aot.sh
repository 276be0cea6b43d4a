#!/usr/bin/env bash
# Publishes the benchmark (bench/Sharpgrad.Bench) as a NativeAOT executable for one instruction set (issue #21, branch
# cold21b): the deployment a one-job app should pick for a cold fit. No method is JIT-compiled at run time, so the first
# fit in a process costs about what the second does (docs/performance.md, "NativeAOT for one-job apps: cold fits (branch
# cold21b)").
# The bench scripts take its output through their --bench option:
#   bench/compare_sklearn.sh --suite models --only svc,logistic_regression \
#     --bench "NativeAOT x86-64-v4=OUT_DIR/bench/Sharpgrad.Bench"     (the JIT build is added as the last row)
# (bench/native_aot.sh publishes the sharpgrad command the same way and checks that it trains, evaluates and exports.)
#
# Usage: bench/publish_aot.sh [--instruction-set ISA] [--check] [OUT_DIR]   (default OUT_DIR /tmp/sharpgrad-aot-bench)
#   --instruction-set ISA  the ILCompiler's target (IlcInstructionSet; default: x86-64-v4 when this machine's /proc/cpuinfo
#                          lists avx512f, else x86-64-v3 = AVX2 + FMA). Unlike ReadyToRun there is no JIT to fall back
#                          on: Vector256/Vector512.IsHardwareAccelerated are constants of the binary, so the kernels'
#                          SIMD path is fixed at publish time, and the binary refuses to start on a CPU without the ISA
#                          (the runtime's documented check; not tested here). Publish for the machines you run on.
#                          An instruction set is always passed, and checked in the ILCompiler's response file: it also
#                          fixes the width of Vector<T> (the JIT build's is 32 bytes on this AVX-512 machine); without
#                          one ILC targets the x86-64 baseline, probably with 16-byte vectors (not tried), and the sums
#                          over Vector<T> (HostDot, the SVM kernel rows, softmax cross-entropy) would add in another
#                          order: other bits than the JIT build's.
#   --check                afterwards, run svc and logistic_regression on the JIT build (Release) and on the published
#                          one with --exact, and fail unless their results (accuracy, objective) are the same bits.
# Needs gcc or clang (the linker) and the NuGet packages Microsoft.DotNet.ILCompiler and
# runtime.linux-x64.Microsoft.DotNet.ILCompiler of the installed SDK's runtime version in the package cache or feed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/deployment.sh"
isa="$(default_instruction_set)"
check=false
out=/tmp/sharpgrad-aot-bench
while [[ $# -gt 0 ]]; do
  case "$1" in
    --check) check=true; shift ;;
    --instruction-set) isa="$2"; shift 2 ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    -*) echo "publish_aot.sh: unknown option '$1'" >&2; exit 2 ;;
    *) out="$1"; shift ;;
  esac
done
[[ -n "$isa" ]] || { echo "publish_aot.sh: no instruction set (--instruction-set ISA, e.g. x86-64-v4); refusing to publish for the baseline" >&2; exit 2; }
linker=$(command -v clang >/dev/null && echo clang || echo gcc)

mkdir -p "$out"
start=$(date +%s)
dotnet publish "$root/bench/Sharpgrad.Bench" -c Release -r linux-x64 -p:PublishAot=true -p:CppCompilerAndLinker="$linker" \
  -p:IlcInstructionSet="$isa" -o "$out/bench" -nologo >"$out/publish.log" 2>&1 \
  || { echo "publish failed; see $out/publish.log" >&2; exit 1; }
# The ILCompiler's response file records the options it was given: refuse a binary that was not compiled for $isa.
rsp="$root/bench/Sharpgrad.Bench/obj/Release/net10.0/linux-x64/native/Sharpgrad.Bench.ilc.rsp"
grep -qx -- "--instruction-set:$isa" "$rsp" \
  || { echo "publish_aot.sh: $rsp does not pass --instruction-set:$isa to the ILCompiler; the binary's SIMD width is unknown" >&2; exit 1; }
echo "bench/Sharpgrad.Bench -> $out/bench/Sharpgrad.Bench ($isa; executable $(du -h "$out/bench/Sharpgrad.Bench" | cut -f1)," \
  "published in $(( $(date +%s) - start )) s)"

if $check; then check_same_results "$root" "$out/bench/Sharpgrad.Bench" "NativeAOT $isa" "$out"; fi
