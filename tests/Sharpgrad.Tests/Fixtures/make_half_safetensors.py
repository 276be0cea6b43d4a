#!/usr/bin/env python3
"""float16 and bfloat16 safetensors fixtures, both ways (issue #20).

How to run (Debian, no PyPI needed):

    apt-get install -y python3-torch
    /usr/bin/python3 tests/Sharpgrad.Tests/Fixtures/make_half_safetensors.py            # write the fixture
    /usr/bin/python3 tests/Sharpgrad.Tests/Fixtures/make_half_safetensors.py --check F   # check a file Sharpgrad wrote

Writing makes safetensors_half.safetensors (F16, BF16 and F32 tensors made by PyTorch) and safetensors_half.json
(the values, exactly: every half value is a float, so repr round-trips; and the 16-bit patterns).
The `safetensors` package is not in Debian, so the file is laid out here by hand: 8-byte little-endian header length,
the JSON header (tensors in the reference writer's order: dtype descending, then name; padded with spaces to 8
bytes), then the raw little-endian elements.

--check reads a file written by Sharpgrad's SafeTensors.Save (tests/Sharpgrad.Tests/IO/HalfSafeTensorsTests.cs
saves the same tensors) with this script's own reader, and exits non-zero unless every tensor has the same dtype
(not widened), shape and bits as the PyTorch tensors below.
"""

import json
import os
import struct
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
CODES = {torch.float16: "F16", torch.bfloat16: "BF16", torch.float32: "F32"}
DTYPES = {code: dtype for dtype, code in CODES.items()}
ORDER = {"F16": 0, "BF16": 1, "F32": 2}  # their places in safetensors' Dtype enum; files list higher ones first
METADATA = {"format": "pt"}


def tensors():
    g = torch.Generator().manual_seed(20)
    return {
        "half": (torch.randn(3, 4, generator=g) * 100).to(torch.float16),
        "half_special": torch.tensor([0.0, -0.0, float("inf"), float("-inf"), 65504.0, 2.0 ** -24, 2.0 ** -14, 1 / 3])
        .to(torch.float16),
        "brain": (torch.randn(2, 5, generator=g) * 1e30).to(torch.bfloat16),
        "brain_special": torch.tensor([-0.0, float("inf"), 3.3895313892515355e38, 2.0 ** -133, 0.1]).to(torch.bfloat16),
        "scale": torch.tensor([0.5, -2.25], dtype=torch.float32),
    }


def raw(t):
    return bytes(t.contiguous().reshape(-1).view(torch.uint8).tolist())


def write(path, items):
    ordered = sorted(items.items(), key=lambda kv: (-ORDER[CODES[kv[1].dtype]], kv[0]))
    header, blobs, offset = {"__metadata__": METADATA}, [], 0
    for name, t in ordered:
        blob = raw(t)
        header[name] = {"dtype": CODES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))
    return len(text)


def read(path):
    data = open(path, "rb").read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", None)
    body = data[8 + n:]
    out = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        dtype = DTYPES[info["dtype"]]
        out[name] = torch.frombuffer(bytearray(body[begin:end]), dtype=dtype).reshape(info["shape"])
    assert max(i["data_offsets"][1] for i in header.values()) == len(body), "trailing or missing bytes"
    return out, metadata


def number(v):
    return v if v == v and abs(v) != float("inf") else ("inf" if v > 0 else "-inf")


def make():
    items = tensors()
    path = os.path.join(HERE, "safetensors_half.safetensors")
    n = write(path, items)
    back, metadata = read(path)
    assert metadata == METADATA and all(back[k].dtype == t.dtype and raw(back[k]) == raw(t) for k, t in items.items())
    spec = {name: {"dtype": CODES[t.dtype], "shape": list(t.shape),
                   "data": [number(v) for v in t.float().reshape(-1).tolist()]} for name, t in items.items()}
    with open(os.path.join(HERE, "safetensors_half.json"), "w") as f:
        json.dump({"header_size": n, "metadata": METADATA, "tensors": spec}, f, indent=1)
    print(f"wrote safetensors_half.safetensors ({os.path.getsize(path)} bytes) and safetensors_half.json")


def check(path):
    expected = tensors()
    found, metadata = read(path)
    problems = []
    if metadata != METADATA:
        problems.append(f"metadata {metadata}")
    if set(found) != set(expected):
        problems.append(f"names {sorted(found)}, expected {sorted(expected)}")
    for name, t in expected.items():
        if name not in found:
            continue
        f = found[name]
        if f.dtype != t.dtype or f.shape != t.shape or raw(f) != raw(t):
            problems.append(f"{name}: {f.dtype} {tuple(f.shape)} {f.float().tolist()}, expected {t.dtype} {tuple(t.shape)} {t.float().tolist()}")
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print(f"OK: {len(expected)} tensors read by PyTorch {torch.__version__}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        check(sys.argv[2])
    else:
        make()
