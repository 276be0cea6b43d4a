#!/usr/bin/env python3
"""PyTorch golden fixtures for torch.nn.functional.embedding (issue #12).

Run with the Debian PyTorch (1.13):

    /usr/bin/python3 tests/Sharpgrad.Tests/Fixtures/make_embedding_fixtures.py

It writes embedding.json next to itself. Each case holds the weight before the call, the int64 indices (as float
data), the options, the output, the weight after the call (max_norm renormalises in place), a fixed random G of the
output's shape and the gradient of sum(output * G) with respect to the weight.
"""
import json
import os

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
gen = torch.Generator().manual_seed(2024)


def tens(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def case(name, rows, dim, indices, **options):
    weight = (torch.randn(rows, dim, generator=gen) * 1.5).requires_grad_()
    before = weight.detach().clone()
    index = torch.tensor(indices, dtype=torch.long)
    out = F.embedding(index, weight, **options)
    g = torch.randn(out.shape, generator=gen)
    (out * g).sum().backward()
    return {
        "name": name,
        "weight": tens(before),
        "indices": tens(index.double()),
        "options": {k: v for k, v in options.items()},
        "output": tens(out),
        "weight_after": tens(weight),
        "g": tens(g),
        "grad_weight": tens(weight.grad),
    }


cases = [
    case("plain 2-D indices with repeats", 6, 3, [[0, 2, 2], [5, 1, 2]]),
    case("padding index", 5, 4, [[1, 4, 4, 0], [4, 2, 1, 1]], padding_idx=4),
    case("negative padding index", 5, 2, [3, 4, 3, 0], padding_idx=-2),
    case("scale grad by frequency", 4, 3, [[3, 3, 3], [0, 1, 3]], scale_grad_by_freq=True),
    case("scale and padding", 4, 2, [0, 0, 2, 1, 0], scale_grad_by_freq=True, padding_idx=1),
    case("max norm 1", 5, 3, [[0, 1], [1, 3]], max_norm=1.0),
    case("max norm 0.5, p = 1", 4, 3, [2, 0, 2], max_norm=0.5, norm_type=1.0),
]

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "embedding.json"), "w") as f:
    json.dump(cases, f)
