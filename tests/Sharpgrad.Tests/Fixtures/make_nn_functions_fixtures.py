#!/usr/bin/env python3
"""PyTorch golden fixtures for the neural-network functions and losses of issue #10.

Run with the Debian PyTorch (1.13):

    /usr/bin/python3 tests/Sharpgrad.Tests/Fixtures/make_nn_functions_fixtures.py

It writes nn_functions.json next to itself. Every tensor is {"shape": [...], "data": [...]} (row-major, float64,
Python repr so the doubles round-trip). Each case holds its inputs, the output, a fixed random G of the output's
shape and the gradients of sum(output * G) w.r.t. the differentiable inputs ("grad_<name>"). Integer inputs
(targets, lengths) are stored as float data and converted back by the tests.
"""
import json
import math
import os

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
gen = torch.Generator().manual_seed(1234)


def randn(*shape):
    return torch.randn(tuple(shape), generator=gen)


def uniform(low, high, *shape):
    return torch.rand(tuple(shape), generator=gen) * (high - low) + low


def tens(t):
    t = t.detach()
    data = [float(v) for v in t.reshape(-1).tolist()]
    for v in data:
        assert math.isfinite(v), "fixtures hold finite values only"
    return {"shape": list(t.shape), "data": data}


def case(fn, inputs, constants=None, params=None):
    """Evaluates fn(**inputs) (constants are stored for the tests); returns the JSON case with output, G and gradients of sum(out*G)."""
    leaves = {k: v.clone().requires_grad_(True) for k, v in inputs.items()}
    out = fn(**leaves)
    g = randn(*out.shape)
    grads = torch.autograd.grad((out * g).sum(), list(leaves.values()), allow_unused=True)
    result = {k: tens(v) for k, v in inputs.items()}
    for k, v in (constants or {}).items():
        if torch.is_tensor(v):
            result[k] = tens(v)
    result["out"] = tens(out)
    result["G"] = tens(g)
    for k, gr in zip(leaves, grads):
        result["grad_" + k] = tens(gr if gr is not None else torch.zeros_like(leaves[k]))
    if params:
        result["params"] = params
    return result


def distance_cases():
    return {
        "normalize_p2_dim1": case(lambda x: F.normalize(x, p=2.0, dim=1), {"x": randn(3, 4)}),
        "normalize_p1_dim0": case(lambda x: F.normalize(x, p=1.0, dim=0), {"x": randn(3, 4)}),
        "normalize_p3_dim-1_3d": case(lambda x: F.normalize(x, p=3.0, dim=-1), {"x": randn(2, 3, 4)}),
        "cosine_similarity_dim1": case(lambda x1, x2: F.cosine_similarity(x1, x2, dim=1), {"x1": randn(3, 5), "x2": randn(3, 5)}),
        "cosine_similarity_broadcast_dim-1": case(lambda x1, x2: F.cosine_similarity(x1, x2, dim=-1),
                                                  {"x1": randn(2, 1, 4), "x2": randn(3, 4)}),
        "pairwise_distance_p2": case(lambda x1, x2: F.pairwise_distance(x1, x2), {"x1": randn(3, 4), "x2": randn(3, 4)}),
        "pairwise_distance_p1_keepdim": case(lambda x1, x2: F.pairwise_distance(x1, x2, p=1.0, keepdim=True),
                                             {"x1": randn(3, 4), "x2": randn(3, 4)}),
        "pairwise_distance_p3_eps": case(lambda x1, x2: F.pairwise_distance(x1, x2, p=3.0, eps=1e-3),
                                         {"x1": randn(2, 3, 4), "x2": randn(3, 4)}),
    }


def shuffle_cases():
    return {
        "pixel_shuffle_r2": case(lambda x: F.pixel_shuffle(x, 2), {"x": randn(1, 8, 2, 3)}),
        "pixel_shuffle_r3_unbatched": case(lambda x: F.pixel_shuffle(x, 3), {"x": randn(9, 2, 2)}),
        "pixel_unshuffle_r2": case(lambda x: F.pixel_unshuffle(x, 2), {"x": randn(1, 2, 4, 6)}),
    }


def sampling_cases():
    cases = {}
    for align in (False, True):
        theta = randn(2, 2, 3)
        cases[f"affine_grid_align{align}"] = case(
            lambda theta: F.affine_grid(theta, [2, 3, 4, 5], align_corners=align), {"theta": theta}, params={"align_corners": align})
    x = randn(1, 2, 4, 5)
    grid = uniform(-1.25, 1.25, 1, 2, 4, 2)
    for mode in ("bilinear", "nearest"):
        for padding in ("zeros", "border", "reflection"):
            for align in (False, True):
                cases[f"grid_sample_{mode}_{padding}_align{align}"] = case(
                    lambda x, grid: F.grid_sample(x, grid, mode=mode, padding_mode=padding, align_corners=align),
                    {"x": x, "grid": grid}, params={"mode": mode, "padding_mode": padding, "align_corners": align})
    # Far outside: reflection folds several times.
    far = uniform(-3.7, 3.7, 1, 2, 3, 2)
    for align in (False, True):
        cases[f"grid_sample_bilinear_reflection_far_align{align}"] = case(
            lambda x, grid: F.grid_sample(x, grid, mode="bilinear", padding_mode="reflection", align_corners=align),
            {"x": x, "grid": far}, params={"align_corners": align})
    return cases


def instance_norm_cases():
    x = randn(2, 3, 3, 4)
    rm, rv = randn(3), uniform(0.5, 2, 3)
    result = {}
    for use_input_stats in (True, False):
        mean, var = rm.clone(), rv.clone()
        c = case(lambda x, weight, bias: F.instance_norm(x, mean, var, weight, bias, use_input_stats=use_input_stats,
                                                         momentum=0.2, eps=1e-5),
                 {"x": x, "weight": randn(3), "bias": randn(3)}, params={"use_input_stats": use_input_stats, "momentum": 0.2})
        c["running_mean_before"], c["running_var_before"] = tens(rm), tens(rv)
        c["running_mean_after"], c["running_var_after"] = tens(mean), tens(var)
        result[f"instance_norm_stats{use_input_stats}"] = c
    result["instance_norm_plain_3d"] = case(lambda x: F.instance_norm(x), {"x": randn(2, 3, 6)})
    return result


def loss_cases():
    a, p, n = randn(4, 5), randn(4, 5), randn(4, 5)
    cases = {}
    for swap in (False, True):
        for norm in (1.0, 2.0):
            cases[f"triplet_p{norm:g}_swap{swap}"] = case(
                lambda a, p, n: F.triplet_margin_loss(a, p, n, margin=1.5, p=norm, swap=swap, reduction="none"),
                {"a": a, "p": p, "n": n}, params={"p": norm, "swap": swap, "margin": 1.5})
    cases["triplet_mean"] = case(lambda a, p, n: F.triplet_margin_loss(a, p, n), {"a": a, "p": p, "n": n})
    y = torch.tensor([1.0, -1.0, 1.0, -1.0, 1.0, -1.0])
    cases["margin_ranking"] = case(lambda x1, x2: F.margin_ranking_loss(x1, x2, y, margin=0.3, reduction="none"),
                                   {"x1": randn(6), "x2": randn(6)}, constants={"y": y})
    cases["margin_ranking_mean"] = case(lambda x1, x2: F.margin_ranking_loss(x1, x2, y, margin=0.3),
                                        {"x1": randn(6), "x2": randn(6)}, constants={"y": y})
    ye = torch.tensor([1.0, -1.0, -1.0, 1.0, -1.0])
    cases["cosine_embedding"] = case(lambda x1, x2: F.cosine_embedding_loss(x1, x2, ye, margin=-0.2, reduction="none"),
                                     {"x1": randn(5, 3), "x2": randn(5, 3)}, constants={"y": ye})
    cases["cosine_embedding_mean"] = case(lambda x1, x2: F.cosine_embedding_loss(x1, x2, ye, margin=0.1),
                                          {"x1": randn(5, 3), "x2": randn(5, 3)}, constants={"y": ye})
    target = torch.tensor([[0.0, 1.0, 2.0, 3.5], [0.5, 7.0, 1.5, 0.0]])
    for log_input in (True, False):
        for full in (False, True):
            x = randn(2, 4) if log_input else uniform(0.2, 3, 2, 4)
            cases[f"poisson_log{log_input}_full{full}"] = case(
                lambda x: F.poisson_nll_loss(x, target, log_input=log_input, full=full, reduction="none"),
                {"x": x}, constants={"target": target}, params={"log_input": log_input, "full": full})
    cases["poisson_mean"] = case(lambda x: F.poisson_nll_loss(x, target), {"x": randn(2, 4)}, constants={"target": target})
    gx, gt = randn(3, 4), randn(3, 4)
    for name, var in (("same", uniform(0.5, 2, 3, 4)), ("dropped_last", uniform(0.5, 2, 3)), ("last_one", uniform(0.5, 2, 3, 1))):
        cases[f"gaussian_nll_{name}"] = case(lambda x, var: F.gaussian_nll_loss(x, gt, var, reduction="none"),
                                             {"x": gx, "var": var}, constants={"target": gt})
    cases["gaussian_nll_full_mean"] = case(lambda x, var: F.gaussian_nll_loss(x, gt, var, full=True),
                                           {"x": gx, "var": uniform(0.5, 2, 3, 4)}, constants={"target": gt})
    cases["gaussian_nll_clamped_sum"] = case(lambda x, var: F.gaussian_nll_loss(x, gt, var, eps=0.1, reduction="sum"),
                                             {"x": gx, "var": uniform(0.01, 0.3, 3, 4)}, constants={"target": gt})
    return cases


def ctc_cases():
    """CTC through log_softmax of raw logits: PyTorch's ctc_loss gradient is defined for normalised log-probs."""
    cases = {}
    T, N, C = 6, 3, 5
    logits = randn(T, N, C)
    padded = torch.tensor([[1, 1, 2, 0], [3, 4, 0, 0], [2, 2, 2, 0]])
    target_lengths = torch.tensor([3, 2, 2])
    input_lengths = torch.tensor([6, 4, 5])
    concatenated = torch.cat([padded[i, :target_lengths[i]] for i in range(N)])
    for reduction in ("none", "sum", "mean"):
        for layout, targets in (("padded", padded), ("concatenated", concatenated)):
            cases[f"ctc_{layout}_{reduction}"] = case(
                lambda z: F.ctc_loss(z.log_softmax(2), targets, input_lengths, target_lengths, reduction=reduction),
                {"z": logits}, constants={"targets": targets.double(), "input_lengths": input_lengths.double(),
                                          "target_lengths": target_lengths.double()}, params={"reduction": reduction})
    # Blank 4, an empty target, and a sample with no possible alignment: [2, 2, 2] needs 5 steps, it gets 3.
    padded2 = torch.tensor([[0, 1, 0], [0, 0, 0], [2, 2, 2]])
    lengths2 = torch.tensor([3, 0, 3])
    inputs2 = torch.tensor([6, 2, 3])
    cases["ctc_blank4_zero_infinity_none"] = case(
        lambda z: F.ctc_loss(z.log_softmax(2), padded2, inputs2, lengths2, blank=4, reduction="none", zero_infinity=True),
        {"z": logits}, constants={"targets": padded2.double(), "input_lengths": inputs2.double(), "target_lengths": lengths2.double()})
    cases["ctc_blank4_zero_infinity_mean"] = case(
        lambda z: F.ctc_loss(z.log_softmax(2), padded2, inputs2, lengths2, blank=4, reduction="mean", zero_infinity=True),
        {"z": logits}, constants={"targets": padded2.double(), "input_lengths": inputs2.double(), "target_lengths": lengths2.double()})
    # PyTorch's own gradient w.r.t. the log-probs (not through log_softmax), to pin the documented difference.
    lp = logits.log_softmax(2).requires_grad_(True)
    loss = F.ctc_loss(lp, padded, input_lengths, target_lengths, reduction="sum")
    (raw,) = torch.autograd.grad(loss, [lp])
    cases["ctc_raw_logprob_grad_sum"] = {"lp": tens(lp), "targets": tens(padded.double()), "input_lengths": tens(input_lengths.double()),
                                         "target_lengths": tens(target_lengths.double()), "out": tens(loss), "grad_lp": tens(raw)}
    return cases


def parity_cases():
    cases = {}
    shapes = []
    # (input H, W, kernel, stride, padding): edge shapes where ceil mode's last window would start in the padding.
    for h, w, k, s, pad in ((5, 5, 2, 2, 1), (6, 7, 3, 2, 1), (4, 4, 3, 2, 1), (7, 5, 3, 3, 1), (5, 6, 2, 3, 0), (3, 3, 3, 2, 1)):
        x = randn(1, 1, h, w)
        params = {"kernel": k, "stride": s, "padding": pad}
        for ceil in (False, True):
            cases[f"max_pool_{h}x{w}_k{k}s{s}p{pad}_ceil{ceil}"] = case(
                lambda x: F.max_pool2d(x, k, s, pad, ceil_mode=ceil), {"x": x}, params={**params, "ceil_mode": ceil})
            for include in ((True, False) if ceil else (True,)):
                cases[f"avg_pool_{h}x{w}_k{k}s{s}p{pad}_ceil{ceil}_include{include}"] = case(
                    lambda x: F.avg_pool2d(x, k, s, pad, ceil_mode=ceil, count_include_pad=include), {"x": x},
                    params={**params, "ceil_mode": ceil, "count_include_pad": include})
            if pad == 0:
                cases[f"lp_pool_{h}x{w}_k{k}s{s}_ceil{ceil}"] = case(
                    lambda x: F.lp_pool2d(x, 2.0, k, s, ceil_mode=ceil), {"x": uniform(0.5, 2, 1, 1, h, w)},
                    params={"kernel": k, "stride": s, "ceil_mode": ceil})
    zeros = uniform(0.5, 2, 1, 1, 4, 4)
    zeros[0, 0, :2, :2] = 0
    cases["lp_pool_zero_window"] = case(lambda x: F.lp_pool2d(x, 2.0, 2), {"x": zeros})
    cases["lp_pool_zero_window_p3"] = case(lambda x: F.lp_pool2d(x, 3.0, 2, 1), {"x": zeros})
    xs = torch.tensor([25.0, 20.5, 20.0, 19.9, 10.5, 9.0, -30.0, 0.0, 3.0])
    cases["softplus_default"] = case(lambda x: F.softplus(x), {"x": xs})
    cases["softplus_beta2"] = case(lambda x: F.softplus(x, beta=2.0), {"x": xs}, params={"beta": 2.0})
    cases["softplus_beta0.5_threshold5"] = case(lambda x: F.softplus(x, beta=0.5, threshold=5.0), {"x": xs},
                                                params={"beta": 0.5, "threshold": 5.0})
    cases["linear_0d_bias"] = case(lambda x, w, b: F.linear(x, w, b), {"x": randn(3, 4), "w": randn(2, 4), "b": randn()})
    cases["linear_1elem_bias"] = case(lambda x, w, b: F.linear(x, w, b), {"x": randn(2, 3, 4), "w": randn(2, 4), "b": randn(1)})
    return cases


def main():
    out = {}
    for part in (distance_cases, shuffle_cases, sampling_cases, instance_norm_cases, loss_cases, ctc_cases, parity_cases):
        out.update(part())
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "nn_functions.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"), allow_nan=False)
    print(f"wrote {len(out)} cases, {os.path.getsize(path)} bytes to {path}")


if __name__ == "__main__":
    main()
