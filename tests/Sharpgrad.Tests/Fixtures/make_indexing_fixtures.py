#!/usr/bin/env python3
"""Generate the PyTorch golden fixture for the indexing, scatter, search and product ops (issue #10).

How to run (Debian, no PyPI needed):

    apt-get install -y python3-torch
    /usr/bin/python3 tests/Sharpgrad.Tests/Fixtures/make_indexing_fixtures.py

Writes indexing.json next to itself. Every tensor is {"shape": [...], "data": [...]} flattened row-major,
float64 throughout (int64 for index tensors and integer results), floats written with repr so they parse back
exactly. Each differentiable case stores its float inputs, its int64 index tensors, the output, a fixed
weight G and the gradients of sum(out * G) with respect to each float input; the C# test
(Tensors/IndexingFixtureTests.cs) runs the same op, named by the case's key, on the stored inputs.
Deterministic: seeded.
"""

import json
import os

import torch

from make_linalg_fixtures import tens  # the shared {"shape", "data"} writer

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))


def long(*values):
    return torch.tensor(values, dtype=torch.int64)


CASES = {}


def case(name, fn, inputs, indices=()):
    """Records fn(inputs, indices), and the gradients of sum(out * G) for a random G, under name."""
    xs = [x.clone().requires_grad_(True) for x in inputs]
    out = fn(xs, list(indices))
    g = torch.randn(out.shape)
    grads = torch.autograd.grad((out * g).sum(), xs, allow_unused=True)
    CASES[name] = {
        "inputs": [tens(x) for x in inputs],
        "indices": [tens(i) for i in indices],
        "out": tens(out),
        "G": tens(g),
        "grads": [tens(torch.zeros_like(x) if gr is None else gr) for x, gr in zip(inputs, grads)],
    }


VALUES = {}


def value(name, result):
    VALUES[name] = tens(result)


def einsum_cases():
    r = torch.randn
    equations = [
        ("ij,jk->ik", [r(3, 4), r(4, 2)]),
        ("ij,jk", [r(3, 4), r(4, 2)]),
        ("bij,bjk->bik", [r(2, 3, 4), r(2, 4, 5)]),
        ("i,i->", [r(5), r(5)]),
        ("i,i", [r(5), r(5)]),
        ("i,j->ij", [r(3), r(4)]),
        ("ii->i", [r(4, 4)]),
        ("ii", [r(4, 4)]),
        ("iij->j", [r(3, 3, 2)]),
        ("ij->ji", [r(3, 4)]),
        ("ij->", [r(3, 4)]),
        ("ij->j", [r(3, 4)]),
        ("ba", [r(3, 4)]),
        ("Ab,ba", [r(2, 3), r(3, 2)]),
        ("...ij->...ji", [r(2, 3, 4)]),
        ("...ij,...jk->...ik", [r(2, 1, 3, 4), r(5, 4, 2)]),
        ("...ij->ij", [r(2, 3, 4)]),
        ("i...->...", [r(3, 2, 2)]),
        ("bn,anm,bm->ba", [r(2, 3), r(4, 3, 5), r(2, 5)]),
        ("ij,jk,kl->il", [r(2, 3), r(3, 4), r(4, 2)]),
        ("bhqd,bhkd->bhqk", [r(2, 2, 3, 4), r(2, 2, 5, 4)]),
        ("i,i,i->i", [r(4), r(4), r(4)]),
        ("ij,ij->ij", [r(3, 4), r(3, 4)]),
        ("ij,kj->ik", [r(3, 4), r(2, 4)]),
        ("iji,j->j", [r(3, 2, 3), r(2)]),
        ("ijk,jil->kl", [r(2, 3, 4), r(3, 2, 5)]),
        ("bij,j->bi", [r(2, 3, 4), r(4)]),
        ("i,j", [r(3), r(1)]),
        ("ab,cd->abcd", [r(2, 1), r(3, 2)]),
        ("bi,bi->b", [r(1, 4), r(3, 4)]),
        (" i j , j k -> i k ", [r(2, 3), r(3, 2)]),
    ]
    for k, (eq, ops) in enumerate(equations):
        case(f"einsum {eq.strip()}", lambda xs, _, eq=eq: torch.einsum(eq, *xs), ops)


def scatter_cases():
    x = torch.tensor([[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]])
    index = long([0, 0, 2], [3, 1, 3])
    src = torch.tensor([[0.5, 9.0, -1.0], [8.0, 6.0, 8.0]])  # ties: 9 > 1; row 1 puts 8, 8 on position 3 (= self's 8)
    for reduce in ["sum", "prod", "mean", "amax", "amin"]:
        for include_self in [True, False]:
            case(f"scatter_reduce {reduce} include_self={include_self}",
                 lambda xs, ix, reduce=reduce, inc=include_self: xs[0].scatter_reduce(1, ix[0], xs[1], reduce, include_self=inc),
                 [x, src], [index])
    case("scatter_reduce amax dim 0",
         lambda xs, ix: xs[0].scatter_reduce(0, ix[0], xs[1], "amax"),
         [torch.randn(3, 2), torch.randn(2, 2)], [long([2, 0], [2, 1])])
    case("index_fill negative", lambda xs, ix: xs[0].index_fill(1, ix[0], -2.5), [torch.randn(2, 4)], [long(-1, 0)])
    case("index_fill tensor value", lambda xs, ix: xs[0].index_fill(0, ix[0], xs[1]), [torch.randn(3, 2), torch.randn(())], [long(2)])
    case("index_copy", lambda xs, ix: xs[0].index_copy(1, ix[0], xs[1]), [torch.randn(2, 4), torch.randn(2, 2)], [long(3, 1)])
    case("masked_fill tensor value",
         lambda xs, ix: xs[0].masked_fill(ix[0].bool(), xs[1]), [torch.randn(2, 3), torch.randn(())], [long([1, 0, 1], [0, 0, 1])])
    case("index_put", lambda xs, ix: xs[0].index_put((ix[0], ix[1]), xs[1]),
         [torch.randn(3, 4), torch.randn(2)], [long(0, -1), long(-1, 2)])
    case("index_put accumulate repeats", lambda xs, ix: xs[0].index_put((ix[0],), xs[1], accumulate=True),
         [torch.randn(3, 2), torch.randn(3, 2)], [long(1, -2, 0)])
    case("index_put broadcast value", lambda xs, ix: xs[0].index_put((ix[0],), xs[1]),
         [torch.randn(4, 3), torch.randn(3)], [long([0], [2])])
    case("where broadcasts all three", lambda xs, ix: torch.where(ix[0].bool(), xs[0], xs[1]),
         [torch.randn(2, 1), torch.randn(3)], [long([[1, 0, 1]], [[0, 1, 1]], [[1, 1, 0]]).reshape(3, 1, 3)])


def advanced_indexing_cases():
    r = torch.randn
    case("x[idx2d]", lambda xs, ix: xs[0][ix[0]], [r(4, 3)], [long([0, -1], [2, 0])])
    case("x[:, idx2d]", lambda xs, ix: xs[0][:, ix[0]], [r(2, 4, 3)], [long([1, -1], [2, 2])])
    case("x[i, j] broadcast", lambda xs, ix: xs[0][ix[0], ix[1]], [r(3, 4)], [long([0], [2]), long(1, -1, 3)])
    case("x[i, :, j] separated", lambda xs, ix: xs[0][ix[0], :, ix[1]], [r(3, 2, 4)], [long(0, 2), long(-1, 1)])
    case("x[:, i, j] adjacent", lambda xs, ix: xs[0][:, ix[0], ix[1]], [r(2, 3, 4, 2)], [long(0, 2), long(-1, 1)])
    case("x[0, :, i] int and tensor", lambda xs, ix: xs[0][0, :, ix[0]], [r(2, 3, 4)], [long(3, 0)])
    case("x[mask] leading dims", lambda xs, ix: xs[0][ix[0].bool()], [r(2, 3, 2)], [long([1, 0, 1], [0, 1, 0])])
    case("x[:, mask1d]", lambda xs, ix: xs[0][:, ix[0].bool()], [r(2, 3, 2)], [long(1, 0, 1)])
    case("x[idx, None, 1:]", lambda xs, ix: xs[0][ix[0], None, 1:], [r(3, 4)], [long(-2, 0, 2)])


def product_cases():
    r = torch.randn
    case("kron 2-D", lambda xs, _: torch.kron(xs[0], xs[1]), [r(2, 3), r(3, 2)])
    case("kron ranks differ", lambda xs, _: torch.kron(xs[0], xs[1]), [r(2), r(2, 3)])
    case("tensordot 2", lambda xs, _: torch.tensordot(xs[0], xs[1], 2), [r(2, 3, 4), r(3, 4, 2)])
    case("tensordot pairs", lambda xs, _: torch.tensordot(xs[0], xs[1], ([0, 2], [2, 1])), [r(2, 3, 4), r(5, 4, 2)])
    case("tensordot 0", lambda xs, _: torch.tensordot(xs[0], xs[1], 0), [r(2), r(3)])
    case("outer", lambda xs, _: torch.outer(xs[0], xs[1]), [r(3), r(4)])
    case("cross dim -1 broadcast", lambda xs, _: torch.linalg.cross(xs[0], xs[1]), [r(2, 3), r(1, 3)])
    case("cross dim 0", lambda xs, _: torch.linalg.cross(xs[0], xs[1], dim=0), [r(3, 2), r(3, 2)])
    a = r(3, 4)
    b = torch.cat([r(1, 4), a[1:2]])  # b[1] == a[1]: a zero distance
    for p in [2.0, 1.0, 3.0, 1.5, 0.5, 0.0, float("inf")]:
        case(f"cdist p={p}", lambda xs, _, p=p: torch.cdist(xs[0], xs[1], p=p), [a, b])
    case("cdist batched", lambda xs, _: torch.cdist(xs[0], xs[1]), [r(2, 3, 4), r(2, 2, 4)])


def search_values():
    value("nonzero", torch.tensor([[0.0, 1.5, 0.0], [2.0, 0.0, -1.0]]).nonzero())
    value("bincount", torch.bincount(long(1, 3, 1, 0, 3, 3)))
    value("bincount minlength", torch.bincount(long(1, 3, 1), minlength=6))
    value("bincount weights", torch.bincount(long(1, 3, 1, 0), weights=torch.tensor([0.5, 1.0, 2.0, -1.0])))
    seq = torch.tensor([1.0, 3.0, 3.0, 5.0, 7.0])
    vals = torch.tensor([[0.0, 3.0, 4.0], [7.0, 8.0, 5.0]])
    value("searchsorted left", torch.searchsorted(seq, vals))
    value("searchsorted right", torch.searchsorted(seq, vals, right=True))
    bseq = torch.tensor([[1.0, 2.0, 4.0], [0.0, 5.0, 6.0]])
    value("searchsorted batched", torch.searchsorted(bseq, torch.tensor([[2.0, 0.0], [5.0, 7.0]])))
    value("searchsorted batched right", torch.searchsorted(bseq, torch.tensor([[2.0, 0.0], [5.0, 7.0]]), right=True))
    value("bucketize", torch.bucketize(vals, seq))
    value("bucketize right", torch.bucketize(vals, seq, right=True))


def main():
    torch.manual_seed(0)
    einsum_cases()
    scatter_cases()
    advanced_indexing_cases()
    product_cases()
    search_values()
    with open(os.path.join(HERE, "indexing.json"), "w") as f:
        json.dump({"cases": CASES, "values": VALUES}, f)


if __name__ == "__main__":
    main()
