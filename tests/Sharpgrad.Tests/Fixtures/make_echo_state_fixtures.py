#!/usr/bin/env python3
"""PyTorch golden fixtures for the echo state network's spectral radius (issue #12).

Run with the Debian PyTorch (1.13):

    /usr/bin/python3 tests/Sharpgrad.Tests/Fixtures/make_echo_state_fixtures.py

It writes echo_state.json next to itself: real square matrices, their eigenvalues from torch.linalg.eigvals (LAPACK
geev) sorted by modulus then real then imaginary part, and the spectral radius max |lambda|. The cases include the ones
power iteration cannot do: a dominant complex pair, a rotation (all eigenvalues of equal modulus), a reservoir-like
uniform matrix, a defective (Jordan) block, and a nilpotent matrix.
"""
import json
import os

import torch

torch.set_default_dtype(torch.float64)
gen = torch.Generator().manual_seed(1712)


def tens(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def case(name, a):
    values = torch.linalg.eigvals(a).tolist()
    values.sort(key=lambda z: (abs(z), z.real, z.imag))
    return {
        "name": name,
        "matrix": tens(a),
        "eigenvalues_real": [z.real for z in values],
        "eigenvalues_imag": [z.imag for z in values],
        "radius": max(abs(z) for z in values),
    }


rotation = torch.tensor([[0.0, -2.0], [2.0, 0.0]])
jordan = torch.tensor([[0.5, 1.0, 0.0], [0.0, 0.5, 1.0], [0.0, 0.0, 0.5]])
nilpotent = torch.triu(torch.randn(4, 4, generator=gen), diagonal=1)
pair = torch.tensor([[0.2, -1.1, 0.3], [1.3, 0.1, 0.0], [0.0, 0.4, -0.5]])
cases = [
    case("rotation", rotation),
    case("jordan", jordan),
    case("nilpotent", nilpotent),
    case("complex pair", pair),
    case("gaussian 7", torch.randn(7, 7, generator=gen)),
    case("uniform reservoir 40", torch.rand(40, 40, generator=gen) * 2 - 1),
]
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "echo_state.json"), "w") as f:
    json.dump({"cases": cases}, f)
