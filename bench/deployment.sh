# Shared by the scripts that publish or run a deployment build of the benchmark (bench/publish_r2r.sh,
# bench/publish_aot.sh, bench/compare_sklearn.sh); sourced, not run. A "build" is either a .dll (the JIT build or a
# ReadyToRun publish, started by `dotnet`) or a NativeAOT executable (started directly).

# The instruction set a publish compiles for: v4 (AVX-512) only where this machine has it, so a v3 machine never gets
# code it must reject (ReadyToRun: the runtime JITs such a method instead; NativeAOT: the binary refuses to start).
default_instruction_set() {
  if grep -qw avx512f /proc/cpuinfo 2>/dev/null; then echo x86-64-v4; else echo x86-64-v3; fi
}

# run_build BUILD ARGS...: runs the benchmark BUILD with ARGS.
run_build() {
  local build="$1"; shift
  [[ -f "$build" ]] || { echo "$build is missing (build or publish did not produce it)" >&2; return 1; }
  if [[ "$build" == *.dll ]]; then dotnet "$build" "$@"; else "$build" "$@"; fi
}

# check_same_results ROOT BUILD LABEL: builds the JIT benchmark (Release), runs svc and logistic_regression on it and on
# BUILD with --exact, and fails unless accuracy and objective are the same bits.
check_same_results() {
  local root="$1" build="$2" label="$3"
  local jit="$root/bench/Sharpgrad.Bench/bin/Release/net10.0/Sharpgrad.Bench.dll"
  dotnet build "$root/bench/Sharpgrad.Bench" -c Release -v quiet -nologo >/dev/null 2>&1 \
    || { echo "the JIT build of bench/Sharpgrad.Bench failed" >&2; return 1; }
  results() {
    run_build "$1" --threads 1 --only svc,logistic_regression --exact \
      | grep -E '"(svc_accuracy|logistic_regression_objective|logistic_regression_accuracy)"' | cut -d, -f1,2
  }
  local a b
  a="$(results "$jit")" || return 1
  b="$(results "$build")" || return 1
  echo "JIT:   $(echo $a)"; echo "$label: $(echo $b)"
  [[ -n "$a" && "$a" == "$b" ]] || { echo "the $label build's results differ from the JIT build's" >&2; return 1; }
  echo "results bitwise equal"
}
