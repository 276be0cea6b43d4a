#!/usr/bin/env python3
"""Generate the PyTorch golden fixture for Sharpgrad.Linalg (tests/Sharpgrad.Tests/Linalg).

How to run (Debian, no PyPI needed):

    apt-get install -y python3-torch libopenblas0-pthread
    /usr/bin/python3 tests/Sharpgrad.Tests/Fixtures/make_linalg_fixtures.py

Writes linalg.json next to itself. Same conventions as make_fixtures.py: every
tensor is {"shape": [...], "data": [...]} flattened row-major, float64
throughout, floats written with repr so they parse back exactly. The inputs
are stored in the file too, so the C# tests never regenerate them.

Contents: torch.linalg values (solve, inv, det, slogdet, lu, lu_factor,
cholesky, qr, eigvalsh, svdvals, pinv, lstsq, matrix_rank, matrix_norm,
vector_norm, cond) and autograd gradients of scalar losses through det,
slogdet, inv, solve, cholesky, eigh, svd, qr and pinv. Losses through
eigenvectors and singular vectors use V*V (elementwise), which does not depend
on the arbitrary sign of each vector. Deterministic: seeded.
"""

import json
import os

import torch

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
LA = torch.linalg


def flat(t):
    t = torch.as_tensor(t).detach().contiguous().reshape(-1)
    if t.dtype.is_floating_point:
        return [float(v) for v in t.tolist()]
    return [int(v) for v in t.tolist()]


def tens(t):
    t = torch.as_tensor(t)
    return {"shape": list(t.shape), "data": flat(t)}


def grad_of(fn, *inputs):
    xs = [x.clone().requires_grad_(True) for x in inputs]
    fn(*xs).backward()
    return [x.grad for x in xs]


def main():
    torch.manual_seed(0)
    A = torch.randn(4, 4)
    B = torch.randn(4, 2)
    b = torch.randn(4)
    X = torch.randn(5, 5)
    S = X.T @ X + 5 * torch.eye(5)
    tall = torch.randn(6, 3)
    wide = torch.randn(3, 5)
    deficient = torch.randn(6, 2) @ torch.randn(2, 4)
    rhs6 = torch.randn(6, 2)
    rhs3 = torch.randn(3, 2)
    singular = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])
    batch = torch.randn(2, 3, 3)
    sym = (X + X.T) / 2
    v = torch.randn(7)
    W44 = torch.randn(4, 4)
    W42 = torch.randn(4, 2)
    W55 = torch.randn(5, 5)
    c5 = torch.randn(5)
    W63 = torch.randn(6, 3)
    W33 = torch.randn(3, 3)
    c3 = torch.randn(3)
    W36 = torch.randn(3, 6)

    out = {"inputs": {k: tens(t) for k, t in dict(
        A=A, B=B, b=b, X=X, S=S, tall=tall, wide=wide, deficient=deficient, rhs6=rhs6, rhs3=rhs3,
        singular=singular, batch=batch, sym=sym, v=v, W44=W44, W42=W42, W55=W55, c5=c5, W63=W63,
        W33=W33, c3=c3, W36=W36).items()}}

    values = {}
    values["solve"] = tens(LA.solve(A, B))
    values["solve_vector"] = tens(LA.solve(A, b))
    values["inv"] = tens(LA.inv(A))
    values["det"] = tens(LA.det(A))
    values["det_batch"] = tens(LA.det(batch))
    sign, logabs = LA.slogdet(A)
    values["slogdet_sign"] = tens(sign)
    values["slogdet_logabsdet"] = tens(logabs)
    for name, M in (("A", A), ("tall", tall), ("wide", wide)):
        P, L, U = LA.lu(M)
        values[f"lu_{name}_P"], values[f"lu_{name}_L"], values[f"lu_{name}_U"] = tens(P), tens(L), tens(U)
    LU, piv = LA.lu_factor(A)
    values["lu_factor_LU"], values["lu_factor_pivots"] = tens(LU), tens(piv.long())
    values["cholesky"] = tens(LA.cholesky(S))
    for name, M in (("tall", tall), ("wide", wide)):
        Q, R = LA.qr(M)
        values[f"qr_{name}_Q"], values[f"qr_{name}_R"] = tens(Q), tens(R)
    Qc, Rc = LA.qr(tall, mode="complete")
    values["qr_tall_complete_Q"], values["qr_tall_complete_R"] = tens(Qc), tens(Rc)
    values["eigvalsh_sym"] = tens(LA.eigvalsh(sym))
    values["svdvals_tall"] = tens(LA.svdvals(tall))
    values["svdvals_wide"] = tens(LA.svdvals(wide))
    for name, M in (("deficient", deficient), ("tall", tall), ("singular", singular), ("wide", wide)):
        values[f"pinv_{name}"] = tens(LA.pinv(M))
    sol = LA.lstsq(tall, rhs6, driver="gelsd")
    values["lstsq_tall_solution"] = tens(sol.solution)
    values["lstsq_tall_residuals"] = tens(((tall @ sol.solution - rhs6) ** 2).sum(0))
    values["lstsq_deficient_solution"] = tens(LA.lstsq(deficient, rhs6, driver="gelsd").solution)
    values["lstsq_wide_solution"] = tens(LA.lstsq(wide, rhs3, driver="gelsd").solution)
    for name, M in (("deficient", deficient), ("singular", singular), ("A", A)):
        values[f"matrix_rank_{name}"] = tens(LA.matrix_rank(M))
    for ord_name, o in (("fro", "fro"), ("nuc", "nuc"), ("1", 1), ("-1", -1), ("2", 2), ("-2", -2),
                        ("inf", float("inf")), ("-inf", float("-inf"))):
        values[f"matrix_norm_A_{ord_name}"] = tens(LA.matrix_norm(A, ord=o))
        values[f"matrix_norm_tall_{ord_name}"] = tens(LA.matrix_norm(tall, ord=o))
    for ord_name, o in (("2", 2), ("1", 1), ("inf", float("inf")), ("-inf", float("-inf")), ("0", 0),
                        ("3", 3), ("-1", -1), ("0.5", 0.5)):
        values[f"vector_norm_{ord_name}"] = tens(LA.vector_norm(v, ord=o))
    for p_name, p in (("None", None), ("1", 1), ("-1", -1), ("inf", float("inf")), ("-inf", float("-inf")),
                      ("fro", "fro"), ("nuc", "nuc"), ("2", 2), ("-2", -2)):
        values[f"cond_A_{p_name}"] = tens(LA.cond(A, p))
    values["cond_tall_None"] = tens(LA.cond(tall))
    out["values"] = values

    grads = {}
    grads["det_A"] = tens(grad_of(lambda a: LA.det(a), A)[0])
    grads["slogdet_A"] = tens(grad_of(lambda a: LA.slogdet(a)[1], A)[0])
    grads["inv_A"] = tens(grad_of(lambda a: (LA.inv(a) * W44).sum(), A)[0])
    gA, gB = grad_of(lambda a, bb: (LA.solve(a, bb) * W42).sum(), A, B)
    grads["solve_A"], grads["solve_B"] = tens(gA), tens(gB)
    grads["cholesky_X"] = tens(grad_of(lambda x: (LA.cholesky(x.T @ x + 5 * torch.eye(5)) * W55).sum(), X)[0])

    def eigh_loss(x):
        w, V = LA.eigh((x + x.T) / 2)
        return (w * c5).sum() + ((V * V) * W55).sum()
    grads["eigh_X"] = tens(grad_of(eigh_loss, X)[0])

    def svd_loss(m, W_u, W_v, c):
        U, s, Vh = LA.svd(m, full_matrices=False)
        return (s * c).sum() + ((U * U) * W_u).sum() + ((Vh * Vh) * W_v).sum()
    grads["svd_tall"] = tens(grad_of(lambda m: svd_loss(m, W63, W33, c3), tall)[0])
    grads["svd_wide"] = tens(grad_of(lambda m: svd_loss(m, W33, torch.ones(3, 5) * 0.5 + W36[:, :5], c3), wide)[0])

    def qr_loss(m):
        Q, R = LA.qr(m)
        return (Q * W63).sum() + (R * W33).sum()
    grads["qr_tall"] = tens(grad_of(qr_loss, tall)[0])
    grads["pinv_tall"] = tens(grad_of(lambda m: (LA.pinv(m) * W36).sum(), tall)[0])
    out["grads"] = grads

    path = os.path.join(HERE, "linalg.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1, allow_nan=False)
        f.write("\n")
    print(f"wrote linalg.json: {os.path.getsize(path)} bytes (torch {torch.__version__})")


if __name__ == "__main__":
    main()
