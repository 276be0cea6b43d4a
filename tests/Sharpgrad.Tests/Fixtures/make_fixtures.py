#!/usr/bin/env python3
"""Generate PyTorch golden fixtures for the Sharpgrad C# tests.

How to run (Debian, no PyPI needed):

    apt-get install -y python3-torch libopenblas0-pthread
    /usr/bin/python3 tests/Sharpgrad.Tests/Fixtures/make_fixtures.py

The script writes, next to itself (tests/Sharpgrad.Tests/Fixtures/):

  optim_trajectories.json       10-step trajectories of torch.optim optimisers
                                (+ 3 outer steps of LBFGS/strong_wolfe) on a
                                fixed least-squares + quartic problem.
                                Besides the briefed configs it has 2 extra Adam
                                cases (betas [0.9,0.9], where amsgrad actually
                                changes the path) and 2 extra LBFGS cases whose
                                3 outer steps are all non-trivial.
  losses.json                   torch.nn.functional loss values and input
                                gradients for reductions mean/sum/none
                                (and batchmean for kl_div).
  safetensors_pytorch.safetensors
  safetensors_pytorch.json      a small state dict in safetensors format and a
                                JSON description (dtype, shape, values) of it.
  softmax_misc.json             softmax/log_softmax/logsumexp/var/std/norm
                                golden values.
  conv_fixtures.json            convolution, pooling, normalisation, padding
                                and upsampling: for each case the inputs,
                                the keyword arguments, the output, a fixed
                                random G of the output's shape and the
                                gradients of sum(output * G) w.r.t. every
                                differentiable input (and, for BatchNorm,
                                the running statistics after the step).

Conventions (all JSON files): every tensor is {"shape": [...], "data": [...]}
with data flattened row-major (C order); a 0-d tensor has shape [] and one
element in data. All floating computations are float64
(torch.set_default_dtype(torch.float64)). Floats are written with Python's
repr (shortest round-trip), so they parse back to the exact double.

Safetensors: the Python `safetensors` library is NOT available from Debian
(bookworm has no python3-safetensors package) and there is no PyPI access, so
the .safetensors file is written BY HAND by `write_safetensors` below,
following the published format exactly: 8-byte little-endian u64 header size
N, N bytes of UTF-8 JSON header (padded with trailing spaces so N is a
multiple of 8), then the raw little-endian tensor bytes. Layout mimics the
reference Rust implementation: "__metadata__" first, tensors ordered by dtype
(descending: I64, F64, F32) then by name, compact JSON separators. The script
re-reads the file with an independent parser and checks it round-trips.

Deterministic: re-running reproduces byte-identical files on the same torch
build.
"""

import json
import math
import os
import struct
import sys

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

HERE = os.path.dirname(os.path.abspath(__file__))


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------

def flat(t):
    """Row-major flat list of Python numbers."""
    t = t.detach().contiguous().reshape(-1)
    if t.dtype.is_floating_point:
        return [float(v) for v in t.tolist()]
    return [int(v) for v in t.tolist()]


def tens(t):
    return {"shape": list(t.shape), "data": flat(t)}


def write_json(name, obj):
    path = os.path.join(HERE, name)
    with open(path, "w") as f:
        json.dump(obj, f, indent=1, allow_nan=False)
        f.write("\n")
    print(f"wrote {name}: {os.path.getsize(path)} bytes")


def json_safe(v):
    """Convert optimizer.defaults values to JSON-able values (tuples -> lists)."""
    if isinstance(v, (bool, int, float, str)) or v is None:
        return v
    if isinstance(v, (tuple, list)):
        return [json_safe(x) for x in v]
    return repr(v)


# --------------------------------------------------------------------------
# 1. optimiser trajectories
# --------------------------------------------------------------------------

def make_optim():
    torch.manual_seed(0)
    X = torch.randn(8, 3)
    y = torch.randn(8, 2)
    W0 = torch.randn(2, 3) * 0.5
    b0 = torch.randn(2) * 0.5

    def loss_fn(W, b):
        return ((X @ W.T + b - y) ** 2).mean() + 0.1 * (W ** 4).sum()

    configs = [
        ("sgd", "SGD", {"lr": 0.1}),
        ("sgd_momentum", "SGD", {"lr": 0.05, "momentum": 0.9}),
        ("sgd_nesterov", "SGD", {"lr": 0.05, "momentum": 0.9, "nesterov": True}),
        ("sgd_momentum_dampening_wd", "SGD",
         {"lr": 0.05, "momentum": 0.9, "dampening": 0.1, "weight_decay": 0.01}),
        ("adam", "Adam", {"lr": 0.01}),
        ("adam_wd", "Adam", {"lr": 0.01, "weight_decay": 0.01}),
        ("adam_amsgrad", "Adam", {"lr": 0.01, "amsgrad": True}),
        ("adamw", "AdamW", {"lr": 0.01, "weight_decay": 0.1}),
        ("adagrad", "Adagrad", {"lr": 0.1}),
        ("adagrad_init_acc_lr_decay", "Adagrad",
         {"lr": 0.1, "initial_accumulator_value": 0.1, "lr_decay": 0.01}),
        ("rmsprop", "RMSprop", {"lr": 0.01}),
        ("rmsprop_centered", "RMSprop", {"lr": 0.01, "centered": True}),
        ("rmsprop_momentum", "RMSprop", {"lr": 0.01, "momentum": 0.9}),
        ("adadelta", "Adadelta", {"lr": 1.0}),
        ("nadam", "NAdam", {"lr": 0.01}),
        ("adamax", "Adamax", {"lr": 0.01}),
        # Extras (not in the original brief). With betas[1]=0.999 and lr=0.01,
        # exp_avg_sq grows monotonically for 10 steps, so "adam_amsgrad" is
        # bit-identical to "adam"; these two make the amsgrad max() matter
        # (trajectories differ from step 2 on).
        ("adam_beta2_0.9", "Adam", {"lr": 0.05, "betas": [0.9, 0.9]}),
        ("adam_amsgrad_beta2_0.9", "Adam",
         {"lr": 0.05, "betas": [0.9, 0.9], "amsgrad": True}),
    ]

    cases = []
    skipped = []
    for name, cls_name, kwargs in configs:
        cls = getattr(torch.optim, cls_name, None)
        if cls is None:
            print(f"SKIPPED optimizer case {name}: torch.optim.{cls_name} "
                  f"not available in torch {torch.__version__}")
            skipped.append(name)
            continue
        W = W0.clone().requires_grad_(True)
        b = b0.clone().requires_grad_(True)
        opt = cls([W, b], **kwargs)
        steps = []
        for _ in range(10):
            opt.zero_grad()
            loss = loss_fn(W, b)
            loss.backward()
            opt.step()
            steps.append({"W": flat(W), "b": flat(b), "loss": float(loss.item())})
        cases.append({
            "name": name,
            "optimizer": cls_name,
            "options": kwargs,
            "defaults": {k: json_safe(v) for k, v in opt.defaults.items()},
            "steps": steps,
        })

    # LBFGS with closure, 3 outer steps each. The first case is the one from
    # the brief; on this problem it converges (max|grad| <= tolerance_grad)
    # inside outer step 1, so outer steps 2-3 are no-ops. The two extras keep
    # all 3 outer steps non-trivial.
    lbfgs_configs = [
        ("lbfgs_strong_wolfe", {"lr": 1, "history_size": 10, "max_iter": 20,
                                "line_search_fn": "strong_wolfe"}),
        ("lbfgs_strong_wolfe_maxiter4", {"lr": 1, "history_size": 10, "max_iter": 4,
                                         "line_search_fn": "strong_wolfe"}),
        ("lbfgs_no_line_search", {"lr": 0.5, "history_size": 10, "max_iter": 5,
                                  "line_search_fn": None}),
    ]
    for name, lbfgs_kwargs in lbfgs_configs:
        W = W0.clone().requires_grad_(True)
        b = b0.clone().requires_grad_(True)
        opt = torch.optim.LBFGS([W, b], **lbfgs_kwargs)

        def closure():
            opt.zero_grad()
            l = loss_fn(W, b)
            l.backward()
            return l

        steps = []
        for _ in range(3):
            l0 = opt.step(closure)
            st = opt.state[opt._params[0]]
            with torch.no_grad():
                after = float(loss_fn(W, b).item())
            steps.append({"W": flat(W), "b": flat(b), "loss": float(l0.item()),
                          "loss_after": after,
                          "func_evals": int(st["func_evals"]),
                          "n_iter": int(st["n_iter"])})
        cases.append({
            "name": name,
            "optimizer": "LBFGS",
            "options": lbfgs_kwargs,
            "defaults": {k: json_safe(v) for k, v in opt.defaults.items()},
            "steps": steps,
        })

    write_json("optim_trajectories.json", {
        "torch_version": torch.__version__,
        "loss": "mean((X @ W.T + b - y)**2) + 0.1*sum(W**4)",
        "X": tens(X), "y": tens(y), "W0": tens(W0), "b0": tens(b0),
        "cases": cases,
    })
    return skipped


# --------------------------------------------------------------------------
# 2. losses
# --------------------------------------------------------------------------

def make_losses():
    torch.manual_seed(1)
    N, C = 5, 4
    logits = torch.randn(N, C) * 2.0
    labels = torch.tensor([0, 3, 1, 2, 3], dtype=torch.int64)
    class_w = torch.tensor([0.5, 1.0, 2.0, 1.5])
    logp = torch.log_softmax(torch.randn(N, C), dim=1)
    reg_in = torch.randn(4, 3) * 3.0      # scale 3 => both SmoothL1/Huber branches
    reg_tg = torch.randn(4, 3)
    bce_p = torch.sigmoid(torch.randn(4, 3) * 1.5)
    bce_tg = torch.tensor([[1., 0., 1.], [0., 0., 1.], [1., 1., 0.], [0., 1., 0.]])
    bcel_in = torch.randn(4, 3) * 2.0
    bcel_tg = torch.rand(4, 3)            # soft targets in [0,1)
    pos_w = torch.tensor([0.5, 2.0, 3.0])
    kl_in = torch.log_softmax(torch.randn(3, 4), dim=1)
    kl_tg = torch.softmax(torch.randn(3, 4), dim=1)
    mm_in = torch.randn(N, C)
    mm_w = torch.tensor([1.0, 0.5, 2.0, 1.5])

    d = (reg_in - reg_tg).abs()
    assert (d < 0.5).any() and (d > 2.0).any(), "regression inputs must hit both branches"

    # (name, fn name, callable, kwargs-for-JSON, kwargs-for-torch, input, target,
    #  target dtype, reductions)
    R3 = ["mean", "sum", "none"]
    cases = [
        ("cross_entropy", "cross_entropy", {}, logits, labels, R3),
        ("cross_entropy_weight", "cross_entropy", {"weight": class_w}, logits, labels, R3),
        ("cross_entropy_label_smoothing", "cross_entropy",
         {"label_smoothing": 0.1}, logits, labels, R3),
        ("cross_entropy_weight_label_smoothing", "cross_entropy",
         {"weight": class_w, "label_smoothing": 0.2}, logits, labels, R3),
        ("nll_loss", "nll_loss", {}, logp, labels, R3),
        ("mse_loss", "mse_loss", {}, reg_in, reg_tg, R3),
        ("l1_loss", "l1_loss", {}, reg_in, reg_tg, R3),
        ("smooth_l1_loss_beta1", "smooth_l1_loss", {"beta": 1.0}, reg_in, reg_tg, R3),
        ("smooth_l1_loss_beta0.5", "smooth_l1_loss", {"beta": 0.5}, reg_in, reg_tg, R3),
        ("huber_loss_delta1", "huber_loss", {"delta": 1.0}, reg_in, reg_tg, R3),
        ("huber_loss_delta2", "huber_loss", {"delta": 2.0}, reg_in, reg_tg, R3),
        ("binary_cross_entropy", "binary_cross_entropy", {}, bce_p, bce_tg, R3),
        ("binary_cross_entropy_with_logits", "binary_cross_entropy_with_logits", {},
         bcel_in, bcel_tg, R3),
        ("binary_cross_entropy_with_logits_pos_weight", "binary_cross_entropy_with_logits",
         {"pos_weight": pos_w}, bcel_in, bcel_tg, R3),
        ("kl_div", "kl_div", {}, kl_in, kl_tg, R3 + ["batchmean"]),
        ("multi_margin_loss", "multi_margin_loss", {"p": 1, "margin": 1.0},
         mm_in, labels, R3),
        ("multi_margin_loss_weight", "multi_margin_loss",
         {"p": 1, "margin": 1.0, "weight": mm_w}, mm_in, labels, R3),
    ]

    out = []
    for name, fn_name, kw, inp, tgt, reductions in cases:
        fn = getattr(F, fn_name)
        results = {}
        for red in reductions:
            x = inp.clone().requires_grad_(True)
            o = fn(x, tgt, reduction=red, **kw)
            o.sum().backward()
            results[red] = {"shape": list(o.shape), "value": flat(o), "grad": flat(x.grad)}
        out.append({
            "name": name,
            "fn": fn_name,
            "kwargs": {k: (tens(v) if torch.is_tensor(v) else v) for k, v in kw.items()},
            "input": tens(inp),
            "target": {**tens(tgt),
                       "dtype": "int64" if tgt.dtype == torch.int64 else "float64"},
            "results": results,
        })
    write_json("losses.json", {"torch_version": torch.__version__, "cases": out})


# --------------------------------------------------------------------------
# 3. safetensors (hand-written: library unavailable)
# --------------------------------------------------------------------------

ST_DTYPE = {torch.float32: ("F32", "<f", 4), torch.float64: ("F64", "<d", 8),
            torch.int64: ("I64", "<q", 8)}
# rank in safetensors' Dtype enum (higher = sorted first), for the 3 we use
ST_ORDER = {"F32": 0, "F64": 1, "I64": 2}


def write_safetensors(path, tensors, metadata):
    items = sorted(tensors.items(),
                   key=lambda kv: (-ST_ORDER[ST_DTYPE[kv[1].dtype][0]], kv[0]))
    header = {"__metadata__": metadata}
    blobs = []
    off = 0
    for name, t in items:
        code, fmt, size = ST_DTYPE[t.dtype]
        vals = t.contiguous().reshape(-1).tolist()
        blob = b"".join(struct.pack(fmt, v) for v in vals)
        assert len(blob) == t.numel() * size
        header[name] = {"dtype": code, "shape": list(t.shape),
                        "data_offsets": [off, off + len(blob)]}
        off += len(blob)
        blobs.append(blob)
    hbytes = json.dumps(header, separators=(",", ":")).encode("utf-8")
    hbytes += b" " * ((8 - len(hbytes) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(hbytes)))
        f.write(hbytes)
        for blob in blobs:
            f.write(blob)


def read_safetensors(path):
    """Independent minimal reader used to self-check the written file."""
    raw = open(path, "rb").read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    meta = header.pop("__metadata__", None)
    data = raw[8 + n:]
    inv = {"F32": ("<f", 4, torch.float32), "F64": ("<d", 8, torch.float64),
           "I64": ("<q", 8, torch.int64)}
    out = {}
    for name, info in header.items():
        fmt, size, dt = inv[info["dtype"]]
        b, e = info["data_offsets"]
        vals = [struct.unpack(fmt, data[i:i + size])[0] for i in range(b, e, size)]
        out[name] = torch.tensor(vals, dtype=dt).reshape(info["shape"])
    assert max(i["data_offsets"][1] for i in header.values()) == len(data)
    return out, meta, n


def make_safetensors():
    torch.manual_seed(2)
    tensors = {
        "weight": torch.randn(2, 3, dtype=torch.float32),
        "bias": torch.randn(3, dtype=torch.float32),
        "double": torch.randn(2, 2, dtype=torch.float64),
        "index": torch.tensor([3, -1, 0, 2 ** 40 + 7], dtype=torch.int64),
        "scalar": torch.tensor(3.5, dtype=torch.float32),
    }
    metadata = {"format": "pt"}
    path = os.path.join(HERE, "safetensors_pytorch.safetensors")
    try:
        from safetensors.torch import save_file  # noqa: F401
        save_file(tensors, path, metadata=metadata)
        writer = "safetensors.torch.save_file"
    except ImportError:
        write_safetensors(path, tensors, metadata)
        writer = "hand-written by make_fixtures.py (safetensors library unavailable)"
    print(f"wrote safetensors_pytorch.safetensors: {os.path.getsize(path)} bytes ({writer})")

    back, meta, n = read_safetensors(path)
    assert meta == metadata
    assert set(back) == set(tensors)
    for k, t in tensors.items():
        assert back[k].dtype == t.dtype and back[k].shape == t.shape
        assert torch.equal(back[k], t), k

    names = {torch.float32: "F32", torch.float64: "F64", torch.int64: "I64"}
    write_json("safetensors_pytorch.json", {
        "writer": writer,
        "header_size": n,
        "metadata": metadata,
        # float32 values are written as the exact double value of the float32
        "tensors": {k: {"dtype": names[t.dtype], "shape": list(t.shape),
                        "data": [float(v) for v in t.reshape(-1).tolist()]
                        if t.dtype.is_floating_point
                        else [int(v) for v in t.reshape(-1).tolist()]}
                    for k, t in tensors.items()},
    })


# --------------------------------------------------------------------------
# 4. softmax & misc reductions
# --------------------------------------------------------------------------

def make_softmax_misc():
    torch.manual_seed(3)
    s = torch.randn(3, 5)
    s[1] = torch.tensor([1.0e4, 1.0e4 + 1.0, 1.0e4 - 2.0, 1.0e4 + 0.5, 1.0e4])
    s[2] = torch.tensor([-1.0e4, 1.0e4, 0.0, -5.0e3, 1.0e4 - 3.0])
    m = torch.randn(4, 3)
    v = torch.randn(6)

    out = {}

    def add(name, op, inp, dim, res, **kwargs):
        out[name] = {"op": op, "kwargs": kwargs, "input": tens(inp), "dim": dim,
                     "output": tens(res)}

    add("softmax_dim1", "softmax", s, 1, torch.softmax(s, dim=1))
    add("log_softmax_dim1", "log_softmax", s, 1, torch.log_softmax(s, dim=1))
    add("logsumexp_dim1", "logsumexp", s, 1, torch.logsumexp(s, dim=1))
    add("logsumexp_dim0", "logsumexp", s, 0, torch.logsumexp(s, dim=0))
    for dim in (0, 1):
        add(f"var_unbiased_dim{dim}", "var", m, dim, torch.var(m, dim=dim, unbiased=True),
            unbiased=True)
        add(f"var_biased_dim{dim}", "var", m, dim, torch.var(m, dim=dim, unbiased=False),
            unbiased=False)
        add(f"std_unbiased_dim{dim}", "std", m, dim, torch.std(m, dim=dim, unbiased=True),
            unbiased=True)
        add(f"std_biased_dim{dim}", "std", m, dim, torch.std(m, dim=dim, unbiased=False),
            unbiased=False)
    add("norm_p2", "norm", v, None, torch.norm(v, p=2), p=2)
    add("norm_p1", "norm", v, None, torch.norm(v, p=1), p=1)

    for k, e in out.items():
        assert all(math.isfinite(x) for x in e["output"]["data"]), k
    write_json("softmax_misc.json", out)


# --------------------------------------------------------------------------
# 5. convolution, pooling, normalisation (conv_fixtures.json)
# --------------------------------------------------------------------------

def make_conv():
    """Each case: "inputs" (name -> tensor), "kwargs", "output", "G" and
    "grads" (name -> d sum(output * G) / d input) for the inputs listed in
    "differentiable"; extra entries ("indices", "state") where noted."""
    torch.manual_seed(5)
    out = {}

    def case(name, fn, inputs, kwargs, differentiable, extra=None):
        leaves = {k: v.clone().requires_grad_(k in differentiable) for k, v in inputs.items()}
        y = fn(**leaves, **kwargs)
        values = y[0] if isinstance(y, tuple) else y
        G = torch.randn(values.shape)
        grads = torch.autograd.grad((values * G).sum(), [leaves[k] for k in differentiable])
        entry = {"inputs": {k: tens(v) for k, v in inputs.items()},
                 "kwargs": kwargs, "output": tens(values), "G": tens(G),
                 "grads": {k: tens(g) for k, g in zip(differentiable, grads)}}
        if isinstance(y, tuple):
            entry["indices"] = tens(y[1])
        if extra:
            entry.update(extra(leaves))
        out[name] = entry

    # Conv2d on odd shapes with stride 2, padding 1, dilation 2 and groups 2.
    case("conv2d_stride2_pad1_dil2_groups2",
         lambda x, w, b, **kw: F.conv2d(x, w, b, **kw),
         {"x": torch.randn(2, 4, 7, 9), "w": torch.randn(6, 2, 3, 3), "b": torch.randn(6)},
         {"stride": 2, "padding": 1, "dilation": 2, "groups": 2}, ["x", "w", "b"])
    case("conv2d_rect_stride_pad",
         lambda x, w, **kw: F.conv2d(x, w, None, **kw),
         {"x": torch.randn(1, 3, 6, 8), "w": torch.randn(2, 3, 2, 3)},
         {"stride": [1, 2], "padding": [1, 0]}, ["x", "w"])
    # padding="same" with an even kernel pads one more zero after than before.
    case("conv2d_same_even_kernel",
         lambda x, w, b, **kw: F.conv2d(x, w, b, **kw),
         {"x": torch.randn(2, 2, 5, 6), "w": torch.randn(3, 2, 2, 4), "b": torch.randn(3)},
         {"padding": "same"}, ["x", "w", "b"])
    for mode in ("reflect", "replicate", "circular"):
        # The module pads with F.pad(mode) and then convolves without padding.
        conv = torch.nn.Conv2d(2, 3, (3, 2), padding=(2, 1), padding_mode=mode)
        case(f"conv2d_padding_mode_{mode}",
             lambda x, w, b, conv=conv: conv._conv_forward(x, w, b),
             {"x": torch.randn(1, 2, 4, 5), "w": torch.randn(3, 2, 3, 2), "b": torch.randn(3)},
             {}, ["x", "w", "b"])
    case("conv1d_stride3_dil2",
         lambda x, w, b, **kw: F.conv1d(x, w, b, **kw),
         {"x": torch.randn(2, 3, 11), "w": torch.randn(4, 3, 3), "b": torch.randn(4)},
         {"stride": 3, "padding": 2, "dilation": 2}, ["x", "w", "b"])
    case("conv3d_groups3",
         lambda x, w, b, **kw: F.conv3d(x, w, b, **kw),
         {"x": torch.randn(1, 3, 4, 5, 3), "w": torch.randn(6, 1, 2, 3, 2), "b": torch.randn(6)},
         {"stride": [1, 2, 1], "padding": [1, 1, 0], "groups": 3}, ["x", "w", "b"])

    # ConvTranspose2d with stride 2 and output padding 1, and a grouped, dilated one.
    case("conv_transpose2d_stride2_outpad1",
         lambda x, w, b, **kw: F.conv_transpose2d(x, w, b, **kw),
         {"x": torch.randn(2, 4, 5, 6), "w": torch.randn(4, 3, 3, 3), "b": torch.randn(3)},
         {"stride": 2, "padding": 1, "output_padding": 1}, ["x", "w", "b"])
    case("conv_transpose2d_groups2_dil2",
         lambda x, w, b, **kw: F.conv_transpose2d(x, w, b, **kw),
         {"x": torch.randn(1, 4, 4, 3), "w": torch.randn(4, 2, 2, 3), "b": torch.randn(4)},
         {"stride": [2, 3], "padding": [1, 0], "output_padding": [1, 0], "groups": 2, "dilation": 2}, ["x", "w", "b"])

    # Pooling.
    case("max_pool2d_k3_s2_ceil",
         lambda x, **kw: F.max_pool2d(x, **kw),
         {"x": torch.randn(2, 3, 8, 9)},
         {"kernel_size": 3, "stride": 2, "ceil_mode": True, "return_indices": True}, ["x"])
    case("max_pool2d_pad1_dil2",
         lambda x, **kw: F.max_pool2d(x, **kw),
         {"x": torch.randn(1, 2, 7, 8)},
         {"kernel_size": [2, 3], "stride": [1, 2], "padding": 1, "dilation": 2, "return_indices": True}, ["x"])
    case("max_pool1d_k2_s1",
         lambda x, **kw: F.max_pool1d(x, **kw),
         {"x": torch.randn(2, 2, 7)},
         {"kernel_size": 2, "stride": 1, "return_indices": True}, ["x"])
    case("avg_pool2d_k3_s2_pad1_ceil",
         lambda x, **kw: F.avg_pool2d(x, **kw),
         {"x": torch.randn(2, 3, 8, 9)},
         {"kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": True}, ["x"])
    case("avg_pool2d_exclude_pad_ceil",
         lambda x, **kw: F.avg_pool2d(x, **kw),
         {"x": torch.randn(1, 2, 7, 6)},
         {"kernel_size": [3, 2], "stride": 2, "padding": 1, "ceil_mode": True, "count_include_pad": False}, ["x"])
    case("lp_pool2d_p2",
         lambda x, **kw: F.lp_pool2d(x, **kw),
         {"x": torch.randn(1, 2, 6, 7)},
         {"norm_type": 2.0, "kernel_size": 2, "stride": [2, 3], "ceil_mode": False}, ["x"])
    case("adaptive_avg_pool2d_7x9_to_3x4",
         lambda x, **kw: F.adaptive_avg_pool2d(x, **kw),
         {"x": torch.randn(2, 2, 7, 9)},
         {"output_size": [3, 4]}, ["x"])
    case("adaptive_max_pool2d_7x9_to_3x4",
         lambda x, **kw: F.adaptive_max_pool2d(x, **kw),
         {"x": torch.randn(2, 2, 7, 9)},
         {"output_size": [3, 4], "return_indices": True}, ["x"])
    pooled, switches = F.max_pool2d(torch.randn(1, 2, 6, 7), 2, 2, return_indices=True)
    case("max_unpool2d",
         lambda y, indices, **kw: F.max_unpool2d(y, indices, **kw),
         {"y": pooled, "indices": switches},
         {"kernel_size": 2, "stride": 2, "output_size": [6, 7]}, ["y"])

    # Normalisation.
    def batch_norm_case(name, shape):
        C = shape[1]
        bn = torch.nn.BatchNorm2d(C) if len(shape) == 4 else torch.nn.BatchNorm1d(C)
        with torch.no_grad():
            bn.weight.copy_(torch.randn(C))
            bn.bias.copy_(torch.randn(C))
            bn.running_mean.copy_(torch.randn(C))
            bn.running_var.copy_(torch.rand(C) + 0.5)
        rm0, rv0 = bn.running_mean.clone(), bn.running_var.clone()

        def fn(x, weight, bias, **kw):
            return F.batch_norm(x, bn.running_mean, bn.running_var, weight, bias, training=True, **kw)

        def state(leaves):
            bn.eval()
            evaluated = bn(leaves["x"].detach() * 0.5 + 1.0)
            return {"running_mean_before": tens(rm0), "running_var_before": tens(rv0),
                    "running_mean_after": tens(bn.running_mean), "running_var_after": tens(bn.running_var),
                    "eval_input": tens(leaves["x"].detach() * 0.5 + 1.0), "eval_output": tens(evaluated)}
        case(name, fn, {"x": torch.randn(*shape) * 2 + 1, "weight": bn.weight.detach().clone(), "bias": bn.bias.detach().clone()},
             {"momentum": 0.1, "eps": 1e-5}, ["x", "weight", "bias"], extra=state)
    batch_norm_case("batch_norm2d_train", (4, 3, 5, 6))
    batch_norm_case("batch_norm1d_train", (6, 4))

    case("layer_norm_last2",
         lambda x, weight, bias, **kw: F.layer_norm(x, [4, 5], weight, bias, **kw),
         {"x": torch.randn(3, 4, 5) * 3 - 1, "weight": torch.randn(4, 5), "bias": torch.randn(4, 5)},
         {"eps": 1e-5}, ["x", "weight", "bias"])
    case("group_norm_3groups",
         lambda x, weight, bias, **kw: F.group_norm(x, 3, weight, bias, **kw),
         {"x": torch.randn(2, 6, 3, 4) * 2, "weight": torch.randn(6), "bias": torch.randn(6)},
         {"eps": 1e-5}, ["x", "weight", "bias"])
    case("local_response_norm_size3",
         lambda x, **kw: F.local_response_norm(x, **kw),
         {"x": torch.randn(2, 7, 3, 4) * 3},
         {"size": 3, "alpha": 0.1, "beta": 0.75, "k": 1.5}, ["x"])
    case("local_response_norm_size4",
         lambda x, **kw: F.local_response_norm(x, **kw),
         {"x": torch.randn(2, 5, 3)},
         {"size": 4, "alpha": 0.2, "beta": 0.5, "k": 2.0}, ["x"])

    # Padding and upsampling.
    for mode in ("reflect", "replicate", "circular"):
        case(f"pad_{mode}",
             lambda x, mode=mode: F.pad(x, [2, 1, 1, 2], mode=mode),
             {"x": torch.randn(1, 2, 4, 3)}, {}, ["x"])
    case("upsample_nearest_size",
         lambda x, **kw: F.interpolate(x, **kw),
         {"x": torch.randn(1, 2, 3, 4)}, {"size": [5, 7], "mode": "nearest"}, ["x"])
    case("upsample_nearest_scale2",
         lambda x, **kw: F.interpolate(x, **kw),
         {"x": torch.randn(1, 2, 3, 4)}, {"scale_factor": 2.0, "mode": "nearest"}, ["x"])
    for align in (False, True):
        case(f"upsample_bilinear_align_{str(align).lower()}",
             lambda x, **kw: F.interpolate(x, **kw),
             {"x": torch.randn(2, 2, 3, 4)}, {"size": [5, 7], "mode": "bilinear", "align_corners": align}, ["x"])
    case("upsample_bilinear_scale2",
         lambda x, **kw: F.interpolate(x, **kw),
         {"x": torch.randn(1, 1, 3, 3)}, {"scale_factor": 2.0, "mode": "bilinear", "align_corners": False}, ["x"])

    for k, e in out.items():
        assert all(math.isfinite(v) for v in e["output"]["data"]), k
    write_json("conv_fixtures.json", {"torch_version": torch.__version__, "cases": out})


def main():
    print(f"torch {torch.__version__}, python {sys.version.split()[0]}")
    skipped = make_optim()
    make_losses()
    make_safetensors()
    make_softmax_misc()
    make_conv()
    print("skipped optimizer cases:", skipped if skipped else "none")


if __name__ == "__main__":
    main()
