#!/usr/bin/python3
"""Runs the ONNX checker (python3-onnx, Debian: apt-get install python3-onnx) on files written by Sharpgrad's ExportOnnx.

Not part of CI. Produce the files with the parity tests, keeping what they export:

    mkdir -p /tmp/onnx && SHARPGRAD_ONNX_KEEP=/tmp/onnx dotnet test tests/Sharpgrad.Tests --filter 'FullyQualifiedName~Onnx'
    /usr/bin/python3 bench/check_onnx.py /tmp/onnx/*.onnx

The filter covers the zoo and layer parity tests and the sequence ones (OnnxRecurrentParityTests: Embedding, LSTM, GRU,
RNN; OnnxAttentionParityTests: self-attention, Transformer encoder layers and an encoder classifier), whose files have
symbolic batch and sequence axes.

full_check also runs ONNX's shape inference, so a wrong attribute or a shape that does not flow through is reported too.
Exit status: 0 when every file passes, 1 otherwise.
"""
import sys

import onnx


def main(paths):
    if not paths:
        print(__doc__)
        return 2
    failed = 0
    for path in paths:
        model = onnx.load(path)
        try:
            onnx.checker.check_model(model, full_check=True)
            opset = ", ".join(f"{o.domain or 'ai.onnx'} {o.version}" for o in model.opset_import)
            print(f"ok      {path} (IR {model.ir_version}, opset {opset}, {len(model.graph.node)} nodes)")
        except onnx.checker.ValidationError as error:
            failed += 1
            print(f"FAILED  {path}: {error}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
