# Shared by the scripts that publish or run a deployment build of the benchmark (bench/publish_r2r.sh,
# bench/publish_aot.sh, bench/compare_sklearn.sh); sourced, not run. A "build" is either a .dll (the JIT build or a
# ReadyToRun publish, started by `dotnet`) or a NativeAOT executable (started directly).

# The instruction set a publish compiles for: v4 (AVX-512) only where this machine has it, so a v3 machine never gets
# code it must reject (ReadyToRun: the runtime JITs such a method instead; NativeAOT: the binary refuses to start).
default_instruction_set() {
  if grep -qw avx512f /proc/cpuinfo 2>/dev/null; then echo x86-64-v4; else echo x86-64-v3; fi
}

# The JIT (Release) build of the benchmark under ROOT: the build every other build's results are checked against.
jit_build_path() { echo "$1/bench/Sharpgrad.Bench/bin/Release/net10.0/Sharpgrad.Bench.dll"; }

# build_jit ROOT LOG: builds the JIT benchmark (Release) with its output in LOG, and prints LOG when the build fails.
build_jit() {
  local root="$1" log="$2"
  dotnet build "$root/bench/Sharpgrad.Bench" -c Release -v quiet -nologo >"$log" 2>&1 \
    || { cat "$log" >&2; echo "the JIT build of bench/Sharpgrad.Bench failed (log: $log)" >&2; return 1; }
}

# require_build BUILD: fails with a message unless BUILD is a file.
require_build() {
  [[ -f "$1" ]] || { echo "$1 is missing (build or publish did not produce it)" >&2; return 1; }
}

# run_build BUILD ARGS...: runs the benchmark BUILD with ARGS. A relative BUILD is resolved against the current
# directory first, so a bare name (Sharpgrad.Bench) is never looked up on PATH instead.
run_build() {
  local build; build="$(realpath -m -- "$1")"; shift
  require_build "$build" || return 1
  if [[ "$build" == *.dll ]]; then dotnet "$build" "$@"; else "$build" "$@"; fi
}

# build_kind BUILD: "NativeAOT", "ReadyToRun" or "JIT", read from the file. An ELF file is a NativeAOT executable unless
# a .dll of the same name lies beside it (then it is the app host of that .dll); a .dll is ReadyToRun when its CLI
# header points to a ReadyToRun header (ManagedNativeHeader, ECMA-335 §II.25.3.3; the header starts with "RTR").
build_kind() {
  local build="$1"
  if [[ "$build" != *.dll ]]; then
    if [[ -f "$build.dll" ]]; then build="$build.dll"; else echo NativeAOT; return; fi
  fi
  /usr/bin/python3 - "$build" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
pe = struct.unpack_from("<I", data, 0x3C)[0]
sections, optional_size = struct.unpack_from("<HxxxxxxxxxxxxH", data, pe + 6)
optional = pe + 24
directories = optional + (112 if struct.unpack_from("<H", data, optional)[0] == 0x20B else 96)
def offset(rva):  # a relative virtual address as a file offset, through the section table
    for s in range(sections):
        virtual_size, virtual_address, raw_size, raw_pointer = struct.unpack_from("<IIII", data, optional + optional_size + 40 * s + 8)
        if virtual_address <= rva < virtual_address + max(virtual_size, raw_size):
            return rva - virtual_address + raw_pointer
    return None
cli_rva = struct.unpack_from("<I", data, directories + 14 * 8)[0]  # data directory 14: the CLI header
native_rva = struct.unpack_from("<I", data, offset(cli_rva) + 64)[0] if cli_rva else 0  # its ManagedNativeHeader
native = offset(native_rva) if native_rva else None
print("ReadyToRun" if native is not None and data[native:native + 4] == b"RTR\0" else "JIT")
PY
}

# exact_results BUILD: the svc and logistic_regression results of BUILD, written with --exact, one "name,value" a line.
exact_results() {
  run_build "$1" --threads 1 --only svc,logistic_regression --exact \
    | grep -E '"(svc_accuracy|logistic_regression_objective|logistic_regression_accuracy)"' | cut -d, -f1,2
}

# check_same_results ROOT BUILD LABEL OUT_DIR: builds the JIT benchmark (Release; its log kept in OUT_DIR/jit.build.log and
# printed when it fails), runs svc and logistic_regression on it and on BUILD with --exact, and fails unless accuracy
# and objective are the same bits.
check_same_results() {
  local root="$1" build="$2" label="$3" out="$4"
  local jit; jit="$(jit_build_path "$root")"
  build_jit "$root" "$out/jit.build.log" || return 1
  require_build "$jit" && require_build "$build" || return 1
  local a b
  a="$(exact_results "$jit")" || return 1
  b="$(exact_results "$build")" || return 1
  [[ -n "$a" ]] || { echo "no result lines (svc_accuracy, logistic_regression_*) in the JIT build's output" >&2; return 1; }
  echo "JIT:   $(echo $a)"; echo "$label: $(echo $b)"
  [[ "$a" == "$b" ]] || { echo "the $label build's results differ from the JIT build's" >&2; return 1; }
  echo "results bitwise equal"
}
