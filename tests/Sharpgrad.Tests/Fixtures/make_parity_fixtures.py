#!/usr/bin/env python3
"""Generate the PyTorch golden fixture for issue #10's parity fixes (tests/Sharpgrad.Tests/Tensors/Parity*).

How to run (Debian, no PyPI needed):

    apt-get install -y python3-torch
    /usr/bin/python3 tests/Sharpgrad.Tests/Fixtures/make_parity_fixtures.py

Writes parity.json next to itself. Every tensor is {"shape": [...], "data": [...]}
flattened row-major, float64 throughout. Each case stores its inputs, the value
and the gradient of each input for the upstream gradient `upstream` (ones when
absent), so the C# side never recomputes what it is compared with.

Contents:
- gradients where the old code gave NaN or disagreed with PyTorch: prod with one
  and several zeros (full and along a dim, plus Hessian-vector products at one,
  two and three zeros), pow's exponent gradient at base 0, norm at the zero vector (p = 2, 3,
  1.5), max()/min() with ties (split evenly);
- reductions over an empty dim list (reduce all, PyTorch 1.13);
- view of strided tensors (the values and the strides PyTorch picks).
"""

import json
import os

import torch

from make_linalg_fixtures import tens  # {"shape", "data"} with exact floats, shared by the fixture scripts

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))


def case(fn, *inputs, upstream=None):
    xs = [torch.tensor(x).requires_grad_(True) for x in inputs]
    y = fn(*xs)
    up = torch.ones_like(y) if upstream is None else torch.tensor(upstream)
    grads = torch.autograd.grad(y, xs, up)
    out = {"inputs": [tens(x) for x in xs], "value": tens(y), "grads": [tens(g) for g in grads]}
    if upstream is not None:
        out["upstream"] = tens(up)
    return out


def hvp(fn, x, v):
    """d/dx <grad fn(x), v>: the second derivative along v."""
    x = torch.tensor(x).requires_grad_(True)
    (g,) = torch.autograd.grad(fn(x), x, create_graph=True)
    (h,) = torch.autograd.grad((g * torch.tensor(v)).sum(), x)
    return {"input": tens(x), "direction": tens(torch.tensor(v)), "value": tens(h)}


def prod_of_all_along_a_dim(x):
    return x.unsqueeze(1).prod(dim=0).sum()


def main():
    rows = [[2.0, 0.0, 3.0], [1.5, -2.0, 4.0], [0.0, 5.0, 0.0], [0.0, 0.0, 0.0]]   # 1, 0, 2, 3 zeros
    cases = {
        "prod_one_zero": case(lambda x: x.prod(), [2.0, -3.0, 0.0, 0.5]),
        "prod_two_zeros": case(lambda x: x.prod(), [2.0, 0.0, 0.0, 0.5]),
        "prod_no_zero": case(lambda x: x.prod(), [2.0, -3.0, 1.5, 0.5]),
        "prod_dim1": case(lambda x: x.prod(dim=1), rows, upstream=[1.0, -2.0, 0.5, 3.0]),
        "prod_dim0_keepdim": case(lambda x: x.prod(dim=0, keepdim=True), [[2.0, 0.0, 3.0], [1.5, -2.0, 4.0], [0.5, 5.0, 0.0]],
                                   upstream=[[1.0, 2.0, -1.0]]),
        "pow_base_zero": case(lambda a, b: a.pow(b), [0.0, 0.0, 0.0, 2.0, 0.5, 0.0], [2.0, 0.0, 2.5, 1.5, 3.0, 1.0]),
        "norm2_zero": case(lambda x: torch.norm(x), [0.0, 0.0, 0.0]),
        "norm3_zero": case(lambda x: torch.norm(x, p=3), [0.0, 0.0, 0.0]),
        "norm2_dim_zero_row": case(lambda x: torch.norm(x, dim=1), [[0.0, 0.0, 0.0], [1.0, -2.0, 2.0]]),
        "norm3_dim_zero_row": case(lambda x: torch.norm(x, p=3, dim=1), [[0.0, 0.0, 0.0], [1.0, -2.0, 0.0]]),
        "norm1_5_with_zero": case(lambda x: torch.norm(x, p=1.5), [0.0, 1.0, -2.0]),
        "max_ties": case(lambda x: x.max(), [[1.0, 3.0, 3.0], [2.0, 3.0, -1.0]]),
        "min_ties": case(lambda x: x.min(), [[1.0, -3.0, 3.0], [-3.0, 3.0, 2.0]]),
        "norm_inf_ties": case(lambda x: torch.norm(x, p=float("inf"), dim=1), [[1.0, -3.0, 3.0], [2.0, 0.5, -1.0]]),
    }
    x = [[1.0, 2.0, -1.0], [0.5, 3.0, 2.0]]
    empty_dims = {
        "sum": torch.tensor(x).sum(dim=[]),
        "mean": torch.tensor(x).mean(dim=[]),
        "var": torch.tensor(x).var(dim=[]),
        "std": torch.tensor(x).std(dim=[]),
        "norm": torch.norm(torch.tensor(x), dim=[]),
    }
    base = torch.arange(24.0).reshape(2, 3, 4)
    views = {
        "permuted": (base.permute(2, 0, 1), [4, 6]),
        "permuted_split": (base.permute(2, 0, 1), [2, 2, 3, 2]),
        "transposed_split": (base[0].t(), [2, 2, 3]),
        "sliced_rows": (base[:, ::2, :], [2, 2, 2, 2]),
        "sliced_merge_trailing": (base[:, 1:, :], [2, 8]),
        "unit_dims": (base[:, 1:2, :].transpose(0, 2), [4, 1, 2, 1]),
    }
    view_cases = {}
    for name, (t, shape) in views.items():
        v = t.view(shape)
        view_cases[name] = {"source_shape": list(t.shape), "source_strides": list(t.stride()),
                            "source_offset": t.storage_offset(), "shape": shape,
                            "strides": list(v.stride()), "value": tens(v)}
    for name, (t, shape) in {"transposed_flat": (base[0].t(), [12]), "sliced_flat": (base[:, ::2, :], [16])}.items():
        try:
            t.view(shape)
            raise SystemExit(f"{name}: expected torch to refuse the view")
        except RuntimeError:
            view_cases[name] = {"source_shape": list(t.shape), "source_strides": list(t.stride()),
                                "source_offset": t.storage_offset(), "shape": shape, "error": True}
    fixture = {
        "torch_version": torch.__version__,
        "cases": cases,
        # prod along a dim: torch 1.13's full prod() returns a constant zeros_like gradient with two or more zeros
        # (so no second derivative), while prod(dim) uses exclusive cumulative products, exact at any zeros.
        "hvp_prod": {
            "one_zero": hvp(prod_of_all_along_a_dim, [2.0, -3.0, 0.0, 0.5], [1.0, -1.0, 2.0, 0.5]),
            "two_zeros": hvp(prod_of_all_along_a_dim, [2.0, 0.0, 0.0, 0.5], [1.0, -1.0, 2.0, 0.5]),
            "three_zeros": hvp(prod_of_all_along_a_dim, [0.0, 0.0, 0.0, 0.5], [1.0, -1.0, 2.0, 0.5]),
        },
        "empty_dims_input": tens(torch.tensor(x)),
        "empty_dims": {k: tens(v) for k, v in empty_dims.items()},
        "views": view_cases,
    }
    with open(os.path.join(HERE, "parity.json"), "w") as f:
        json.dump(fixture, f, indent=1)


if __name__ == "__main__":
    main()
