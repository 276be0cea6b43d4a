#!/usr/bin/env python3
"""Generate the PyTorch golden fixture for the sorting, running, rearranging and shape ops (issue #10).

How to run (Debian, no PyPI needed):

    apt-get install -y python3-torch
    /usr/bin/python3 tests/Sharpgrad.Tests/Fixtures/make_sorting_fixtures.py

Writes sorting.json next to itself; read by tests/Sharpgrad.Tests/Tensors/SortingFixtureTests.cs, which maps
every case name below to the same call in Sharpgrad. Conventions as make_fixtures.py: tensors are
{"shape": [...], "data": [...]} flattened row-major, float64, floats written with repr so they parse back
exactly.

Each case stores its inputs, every output of the op ("outputs": values, then indices/inverse/counts, or
the list an op like unbind returns), and, for differentiable ops, the gradients of sum(primary * G) w.r.t.
each input for a fixed random G. The primary output is the first output, or all of them stacked for ops
that return a list (unbind, meshgrid). Inputs are chosen without ties where PyTorch leaves the tie order
unspecified (topk, kthvalue); sort cases with ties use stable=True, whose order is specified.
"""

import json
import os

import torch

from make_linalg_fixtures import tens  # {"shape", "data"} with exact floats, shared by the fixture scripts

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))


def distinct(*shape):
    """A random permutation of 0..n-1, scaled: distinct values, no ties."""
    n = 1
    for s in shape:
        n *= s
    return (torch.randperm(n).double() * 0.5 - n / 4).reshape(shape)


CASES = {}


def case(name, fn, *inputs, differentiable=True):
    xs = [x.clone().requires_grad_(differentiable and x.dtype.is_floating_point) for x in inputs]
    result = fn(*xs)
    outputs = [result] if isinstance(result, torch.Tensor) else list(result)
    primary = torch.stack(outputs) if name.startswith(("unbind", "meshgrid")) else outputs[0]
    entry = {"inputs": [tens(x) for x in inputs], "outputs": [tens(o) for o in outputs]}
    if differentiable:
        G = torch.randn(primary.shape)
        wrt = [x for x in xs if x.requires_grad]
        grads = torch.autograd.grad((primary * G).sum(), wrt, allow_unused=True)
        entry["G"] = tens(G)
        entry["grads"] = [tens(g if g is not None else torch.zeros_like(x)) for g, x in zip(grads, wrt)]
    CASES[name] = entry


def main():
    torch.manual_seed(0)
    ties = torch.tensor([[2.0, 1.0, 2.0, 0.5, 1.0], [3.0, 3.0, -1.0, 3.0, 0.0]])

    # Sorting and selection
    case("sort_last", lambda x: torch.sort(x), distinct(3, 5))
    case("sort_dim0_descending", lambda x: torch.sort(x, dim=0, descending=True), distinct(4, 3))
    case("sort_3d_dim-2", lambda x: torch.sort(x, dim=-2), distinct(2, 4, 3))
    case("sort_ties_stable", lambda x: torch.sort(x, dim=1, stable=True), ties)
    case("sort_ties_stable_descending", lambda x: torch.sort(x, dim=1, descending=True, stable=True), ties)
    case("argsort_dim0", lambda x: torch.argsort(x, dim=0), distinct(4, 3), differentiable=False)
    case("topk_2_last", lambda x: torch.topk(x, 2), distinct(3, 5))
    case("topk_3_dim0_smallest", lambda x: torch.topk(x, 3, dim=0, largest=False), distinct(4, 3))
    case("kthvalue_2_last", lambda x: torch.kthvalue(x, 2), distinct(3, 5))
    case("kthvalue_1_dim0_keepdim", lambda x: torch.kthvalue(x, 1, dim=0, keepdim=True), distinct(4, 3))
    case("kthvalue_3_dim-2", lambda x: torch.kthvalue(x, 3, dim=-2), distinct(2, 4, 3))
    ints = torch.tensor([[3, 1, 3], [2, 1, 3], [3, 1, 3], [0, 5, 2]])
    case("unique_flat", lambda x: torch.unique(x, return_inverse=True, return_counts=True), ints, differentiable=False)
    case("unique_dim0", lambda x: torch.unique(x, dim=0, return_inverse=True, return_counts=True), ints, differentiable=False)
    case("unique_dim1", lambda x: torch.unique(x, dim=1, return_inverse=True, return_counts=True),
         torch.tensor([[1, 2, 1, 0], [3, 4, 3, 9]]), differentiable=False)
    case("unique_float", lambda x: torch.unique(x, return_inverse=True, return_counts=True),
         torch.tensor([0.5, -1.0, 0.5, 2.0, -1.0, 0.5]), differentiable=False)

    # Running ops
    case("cumsum_dim0", lambda x: torch.cumsum(x, 0), torch.randn(4, 3))
    case("cumsum_dim-1", lambda x: torch.cumsum(x, -1), torch.randn(3, 5))
    case("cumsum_3d_dim1", lambda x: torch.cumsum(x, 1), torch.randn(2, 3, 4))
    case("cumsum_int", lambda x: torch.cumsum(x, 1), ints, differentiable=False)
    case("cumprod_dim1", lambda x: torch.cumprod(x, 1), torch.rand(3, 4) + 0.5)
    case("cumprod_dim0", lambda x: torch.cumprod(x, 0), torch.randn(4, 3))
    case("cumprod_one_zero", lambda x: torch.cumprod(x, -1),
         torch.tensor([[1.5, 0.0, 2.0, -0.5], [0.7, 1.2, -1.1, 0.0], [0.0, 2.0, 3.0, 4.0]]))
    case("cumprod_two_zeros", lambda x: torch.cumprod(x, 0),
         torch.tensor([[2.0, 0.0], [0.0, 0.0], [3.0, 1.5], [0.5, 2.0]]))
    case("logcumsumexp_last", lambda x: torch.logcumsumexp(x, -1), torch.randn(3, 5))
    case("logcumsumexp_dim0_large", lambda x: torch.logcumsumexp(x, 0), torch.randn(4, 3) * 300 + 1000)
    case("logcumsumexp_3d_dim1", lambda x: torch.logcumsumexp(x, 1), torch.randn(2, 4, 3))

    # Moving and reshaping
    case("roll_1_dim1", lambda x: torch.roll(x, 1, 1), torch.randn(3, 4))
    case("roll_pair", lambda x: torch.roll(x, (2, -1), (0, 1)), torch.randn(3, 4))
    case("roll_flat", lambda x: torch.roll(x, 3), torch.randn(2, 3))
    case("roll_negative_dim_large_shift", lambda x: torch.roll(x, -7, -1), torch.randn(2, 3))
    case("flip_dim0", lambda x: torch.flip(x, (0,)), torch.randn(3, 4))
    case("flip_dims_0_2", lambda x: torch.flip(x, (0, -1)), torch.randn(2, 3, 4))
    case("tril", lambda x: torch.tril(x), torch.randn(3, 4))
    case("tril_1", lambda x: torch.tril(x, 1), torch.randn(4, 3))
    case("triu_-1_batched", lambda x: torch.triu(x, -1), torch.randn(2, 3, 3))
    case("triu_2", lambda x: torch.triu(x, 2), torch.randn(3, 5))
    case("diag_vector", lambda x: torch.diag(x), torch.randn(3))
    case("diag_vector_1", lambda x: torch.diag(x, 1), torch.randn(3))
    case("diag_vector_-2", lambda x: torch.diag(x, -2), torch.randn(2))
    case("diag_matrix", lambda x: torch.diag(x), torch.randn(3, 4))
    case("diag_matrix_1", lambda x: torch.diag(x, 1), torch.randn(3, 4))
    case("diag_matrix_-1", lambda x: torch.diag(x, -1), torch.randn(3, 4))
    case("diag_embed", lambda x: torch.diag_embed(x), torch.randn(2, 3))
    case("diag_embed_1_dims_0_2", lambda x: torch.diag_embed(x, 1, 0, 2), torch.randn(2, 3))
    case("diag_embed_-1_dims_-1_0", lambda x: torch.diag_embed(x, -1, -1, 0), torch.randn(2, 3))
    case("diagonal_1", lambda x: torch.diagonal(x, 1), torch.randn(3, 4))
    case("diagonal_-1_dims_2_0", lambda x: torch.diagonal(x, -1, 2, 0), torch.randn(2, 3, 4))
    case("repeat_interleave_2", lambda x: torch.repeat_interleave(x, 2), torch.randn(2, 2))
    case("repeat_interleave_tensor_dim0", lambda x: torch.repeat_interleave(x, torch.tensor([1, 0, 2]), dim=0), torch.randn(3, 2))
    case("repeat_interleave_3_dim-1", lambda x: torch.repeat_interleave(x, 3, dim=-1), torch.randn(2, 2))
    case("tile_2", lambda x: torch.tile(x, (2,)), torch.randn(2, 3))
    case("tile_2_1_2", lambda x: torch.tile(x, (2, 1, 2)), torch.randn(2, 3))
    case("unfold_3_2", lambda x: x.unfold(0, 3, 2), torch.randn(7))
    case("unfold_dim1_overlap", lambda x: x.unfold(1, 2, 1), torch.randn(2, 5))
    case("unfold_dim-2_whole", lambda x: x.unfold(-2, 5, 3), torch.randn(5, 3))

    # Shape ops
    case("movedim_0_2", lambda x: torch.movedim(x, 0, 2), torch.randn(2, 3, 4))
    case("movedim_pairs", lambda x: torch.movedim(x, (0, 1), (2, 0)), torch.randn(2, 3, 4))
    case("movedim_negative", lambda x: torch.movedim(x, -1, 0), torch.randn(2, 3, 4))
    case("swapaxes", lambda x: torch.swapaxes(x, 0, -1), torch.randn(2, 3, 4))
    case("unbind_dim1", lambda x: torch.unbind(x, 1), torch.randn(2, 3))
    case("meshgrid_ij", lambda a, b, c: torch.meshgrid(a, b, c, indexing="ij"), torch.randn(2), torch.randn(3), torch.randn(4))
    case("meshgrid_xy", lambda a, b, c: torch.meshgrid(a, b, c, indexing="xy"), torch.randn(2), torch.randn(3), torch.randn(4))
    case("broadcast_to", lambda x: torch.broadcast_to(x, (2, 3, 4)), torch.randn(3, 1))

    path = os.path.join(HERE, "sorting.json")
    with open(path, "w") as f:
        json.dump({"torch_version": torch.__version__, "cases": CASES}, f, separators=(",", ":"))
    print(f"wrote {path}: {len(CASES)} cases, {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
