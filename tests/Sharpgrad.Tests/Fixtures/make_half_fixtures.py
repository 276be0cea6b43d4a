#!/usr/bin/env python3
"""Generate the PyTorch fixtures for float16 and bfloat16 (issue #20).

How to run (Debian, no PyPI needed):

    apt-get install -y python3-torch
    /usr/bin/python3 tests/Sharpgrad.Tests/Fixtures/make_half_fixtures.py

Writes half_conversions.json next to itself, read by tests/Sharpgrad.Tests/Tensors/HalfConversionTests.cs: a list
of float32 bit patterns (chosen edge cases, then random patterns from a fixed seed) and the bit patterns PyTorch's
float32 -> bfloat16 and float32 -> float16 conversions give for each. Bits are written as integers, so the file holds
exact values and NaN payloads without any text formatting of floats.
"""

import json
import os
import random
import struct

import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def bits_of(x):
    return struct.unpack("<I", struct.pack("<f", x))[0]


def chosen():
    """Edge cases of both formats: zeros, ties, the largest finite values, overflow, subnormal boundaries, NaN."""
    values = [0.0, -0.0, 1.0, -1.0, 0.1, 1 / 3, 65504.0, 65519.99, 65520.0, 65536.0, 1e5, 3.0e38, 3.4028234663852886e38,
              float("inf"), float("-inf"), 2.0 ** -14, 2.0 ** -24, 2.0 ** -25, 1.5 * 2.0 ** -25, 2.0 ** -26,
              2.0 ** -126, 2.0 ** -133, 2.0 ** -149, 1.0e-40, 3.14159265, -2.71828182, 1024.5, 2049.0, 2051.0]
    patterns = [bits_of(v) for v in values]
    # bfloat16 ties: low 16 bits exactly 0x8000, with the kept last bit even and odd; and just either side of a tie.
    for high in (0x3F80, 0x3F81, 0x4049, 0x7F7F, 0x0001, 0x8000, 0xBF80, 0xBF81):
        patterns += [high << 16 | 0x8000, high << 16 | 0x7FFF, high << 16 | 0x8001]
    # float16 ties: 1 + k/2048 sits exactly between two halves (13 dropped bits = 0x1000).
    for k in (1, 3, 5, 7):
        patterns += [0x3F800000 | k << 12, 0x3F800000 | (k << 12) - 1, 0x3F800000 | (k << 12) + 1]
    patterns += [0x7FC00000, 0xFFC00000, 0x7F800001, 0x7FA00000]  # quiet and signalling NaNs
    return patterns


def main():
    rng = random.Random(20)
    patterns = chosen() + [rng.getrandbits(32) for _ in range(300)]
    x = torch.tensor(patterns, dtype=torch.int64).to(torch.int32).view(torch.float32)
    bf16 = x.to(torch.bfloat16).view(torch.int16).to(torch.int64) & 0xFFFF
    f16 = x.to(torch.float16).view(torch.int16).to(torch.int64) & 0xFFFF
    out = {"float32_bits": patterns, "bfloat16_bits": bf16.tolist(), "float16_bits": f16.tolist()}
    with open(os.path.join(HERE, "half_conversions.json"), "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
