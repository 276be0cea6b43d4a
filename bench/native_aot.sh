#!/usr/bin/env bash
# Publishes the sharpgrad command as a NativeAOT binary (issue #18) and records what a user gets: the binary's size, its
# start-up time against the JIT build's, and that it trains, evaluates and exports on its own. Not run by CI (a publish
# takes minutes); CI instead builds with the trimming and AOT analyzers on, which catch what would break the binary.
#
# Usage: bench/native_aot.sh [OUT_DIR]   (default /tmp/sharpgrad-aot; needs gcc or clang, and the NuGet feed for ILCompiler)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-/tmp/sharpgrad-aot}"
linker=$(command -v clang >/dev/null && echo clang || echo gcc)

dotnet publish "$root/src/Sharpgrad.Cli" -c Release -r linux-x64 -p:PublishAot=true -p:CppCompilerAndLinker="$linker" -o "$out/bin" >"$out.publish.log" 2>&1 \
  || { echo "publish failed; see $out.publish.log" >&2; exit 1; }
dotnet build "$root/src/Sharpgrad.Cli" -c Release >/dev/null
native="$out/bin/Sharpgrad.Cli"
jit="$root/src/Sharpgrad.Cli/bin/Release/net10.0/Sharpgrad.Cli"

echo "binary: $(du -h "$native" | cut -f1) ($native); folder with native libraries: $(du -sh --exclude='*.dbg' --exclude='*.pdb' --exclude='*.xml' "$out/bin" | cut -f1)"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
startup() { for _ in 1 2 3 4 5 6 7; do /usr/bin/time -f %e "$@" --version 2>&1 >/dev/null | tail -1; done | median; }
echo "start-up (sharpgrad --version, median of 7): native $(startup "$native") s, JIT $(startup "$jit") s"

run="$out/run"; rm -rf "$run"
/usr/bin/time -f "train (digits MLP, 3 epochs): %e s, peak %M KB" "$native" train --epochs 3 --out "$run" >/dev/null
"$native" eval --model-file "$run/model.safetensors" | tail -1
"$native" export --model-file "$run/model.safetensors" --out "$run/model.onnx" | tail -1
