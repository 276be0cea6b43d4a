"""PyTorch 1.13 (and mpmath) golden values for issue #10's elementwise maths, activations and order statistics (math.json).

Each case stores its inputs, its outputs and, for differentiable cases, the gradients of sum_i(out_i * G_i) with
respect to every floating-point input, for fixed pseudo-random G_i. The "mpmath" cases hold erf, erfc, erfinv and
expm1 evaluated by mpmath at 50 digits and rounded once, because PyTorch's own erfinv is off by up to ~1e-12 relative
near +-1 (erfinv(0.999999) = 3.458910737283175 in torch, 3.4589107372754988 exactly). Special values (NaN, +-inf) are written as the
strings "nan", "inf", "-inf", since JSON has no literal for them. Run: /usr/bin/python3 make_math_fixtures.py
"""
import json
import math
import mpmath
import torch
import torch.nn.functional as F

torch.manual_seed(0)
D = torch.float64
cases = {}


def encode(t):
    def number(v):
        if isinstance(v, bool):
            return 1.0 if v else 0.0
        v = float(v)
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return v
    return {"shape": list(t.shape), "data": [number(v) for v in t.detach().reshape(-1).tolist()]}


def case(name, fn, *inputs, grad=True):
    inputs = [x.clone().requires_grad_(grad and x.is_floating_point()) for x in inputs]
    out = fn(*inputs)
    outs = list(out) if isinstance(out, tuple) else [out]
    gs = [torch.rand(o.shape, dtype=D) + 0.5 for o in outs]
    entry = {"inputs": [encode(x) for x in inputs], "outputs": [encode(o) for o in outs]}
    if grad:
        loss = sum((o * g).sum() for o, g in zip(outs, gs) if o.is_floating_point() and o.requires_grad)
        wrt = [x for x in inputs if x.requires_grad]
        grads = torch.autograd.grad(loss, wrt, allow_unused=True)
        entry["G"] = [encode(g) for g in gs]
        entry["grads"] = [encode(g if g is not None else torch.zeros_like(x)) for g, x in zip(grads, wrt)]
    cases[name] = entry


def t(*values):
    return torch.tensor(values, dtype=D)


def uniform(lo, hi, *shape):
    return torch.rand(shape, dtype=D) * (hi - lo) + lo


nan, inf = float("nan"), float("inf")

# ---- elementwise, differentiable, on random inputs inside the domain
case("Erf", torch.erf, torch.randn(3, 4, dtype=D) * 1.5)
case("Erfc", torch.erfc, torch.randn(3, 4, dtype=D) * 1.5)
case("Erfinv", torch.erfinv, uniform(-0.99, 0.99, 3, 4))
case("Asin", torch.asin, uniform(-0.95, 0.95, 3, 4))
case("Acos", torch.acos, uniform(-0.95, 0.95, 3, 4))
case("Atan", torch.atan, torch.randn(3, 4, dtype=D) * 2)
case("Tan", torch.tan, uniform(-1.3, 1.3, 3, 4))
case("Sinh", torch.sinh, torch.randn(3, 4, dtype=D) * 2)
case("Cosh", torch.cosh, torch.randn(3, 4, dtype=D) * 2)
case("Log2", torch.log2, uniform(0.1, 10, 3, 4))
case("Log10", torch.log10, uniform(0.1, 10, 3, 4))
case("Exp2", torch.exp2, torch.randn(3, 4, dtype=D) * 3)
case("Expm1", torch.expm1, torch.randn(3, 4, dtype=D) * 2)
case("Logit", torch.logit, uniform(0.05, 0.95, 3, 4))
case("Logit eps", lambda x: torch.logit(x, eps=0.2), t(0.05, 0.1, 0.3, 0.5, 0.7, 0.85, 0.95))
case("Atan2", torch.atan2, torch.randn(3, 1, dtype=D), torch.randn(1, 4, dtype=D))
case("Hypot", torch.hypot, torch.randn(3, 4, dtype=D), torch.randn(4, dtype=D))
case("LogAddExp", torch.logaddexp, torch.randn(3, 4, dtype=D) * 3, torch.randn(3, 1, dtype=D) * 3)
case("Xlogy", torch.xlogy, t(0, 0, 1.5, -2, 0.5, 3), t(0.5, 2, 0.25, 4, 1, 7))
case("Lerp scalar", lambda a, b: torch.lerp(a, b, 0.3), torch.randn(3, 4, dtype=D), torch.randn(4, dtype=D))
case("Lerp tensor", torch.lerp, torch.randn(3, 4, dtype=D), torch.randn(3, 1, dtype=D), uniform(-0.5, 1.5, 4))
case("Clamp tensor", torch.clamp, t(-2, -0.5, 0.2, 0.8, 1.5, 3), t(-1, -1, 0, 0, 1, 1), t(1, 0.5, 1, 2, 1.2, 2))
case("Clamp tensor min>max", torch.clamp, t(-2, 0.5, 3), t(1, 1, 1), t(0, 0, 0))
case("Clamp tensor min only", lambda x, lo: torch.clamp(x, min=lo), torch.randn(3, 4, dtype=D), torch.randn(4, dtype=D))
case("Clamp tensor max only", lambda x, hi: torch.clamp(x, max=hi), torch.randn(3, 4, dtype=D), torch.randn(3, 1, dtype=D))
case("Frac", torch.frac, t(-2.75, -0.5, 0.25, 1.5, 3.125))
case("Fmod", torch.fmod, t(7.5, -7.5, 7.5, -7.5, 2.25), t(2, 2, -2, -2, 0.5))
case("Remainder", torch.remainder, t(7.5, -7.5, 7.5, -7.5, 2.25), t(2, 2, -2, -2, 0.5))
case("Floor", torch.floor, t(-2.5, -0.5, 0.3, 1.5, 2.7))
case("NanToNum", torch.nan_to_num, t(nan, inf, -inf, 1.5, -2))
case("NanToNum values", lambda x: torch.nan_to_num(x, nan=1.0, posinf=2.0, neginf=-3.0), t(nan, inf, -inf, 1.5, -2))

# ---- special values, no gradient
mpmath.mp.dps = 50


def exact(fn):
    """fn evaluated by mpmath at 50 digits, rounded once; special inputs are mapped by fn's own rules."""
    def apply(x):
        out = []
        for v in x.tolist():
            if math.isnan(v):
                out.append(nan)
            elif math.isinf(v):
                out.append(float(fn(mpmath.mpf(v))))
            else:
                r = fn(mpmath.mpf(v))
                out.append(math.copysign(0.0, v) if r == 0 and v == 0 else float(r))
        return torch.tensor(out, dtype=D)
    return apply


def mp_erfinv(v):
    if abs(v) > 1:
        return mpmath.mpf("nan")
    return mpmath.erfinv(v) if abs(v) < 1 else mpmath.inf * mpmath.sign(v)


specials = t(0, -0.0, inf, -inf, nan, 1e-300, 1e-20, 1e-8, 0.5, 1, 2, 3, 5, 5.9, 6, 10, 26, 27.2, -0.5, -1, -3)
grid = torch.cat([t(*[k / 8 for k in range(-48, 49)]), t(0.3, 0.7, 1.1, 1.3, 1.7, 1.9, 2.1, 2.9, 4.1, 8.5, 15, 20)])
case("Erf specials (mpmath)", exact(mpmath.erf), specials, grad=False)
case("Erfc specials (mpmath)", exact(mpmath.erfc), specials, grad=False)
case("Erf grid (mpmath)", exact(mpmath.erf), grid, grad=False)
case("Erfc grid (mpmath)", exact(mpmath.erfc), grid, grad=False)
case("Erfinv specials (mpmath)", exact(mp_erfinv),
     t(0, -0.0, 1, -1, 1.5, -2, nan, 1e-300, 1e-10, 0.1, 0.5, 0.9, 0.999, 0.999999, 1 - 1e-12, 0.9999999999999999, -0.3, -0.9999),
     grad=False)
case("Erfinv grid (mpmath)", exact(mp_erfinv), t(*[k / 64 for k in range(-63, 64)]), grad=False)
case("Expm1 specials (mpmath)", exact(mpmath.expm1),
     t(0, -0.0, 1e-300, 1e-10, -1e-10, 1e-5, -1e-5, 0.5, -0.5, 1, -1, 30, 709, 710, -40, -800, inf, -inf, nan), grad=False)
case("LogAddExp specials", torch.logaddexp,
     t(inf, -inf, inf, -inf, nan, 1e308, -1000, 0, 800, -800, 3),
     t(inf, -inf, -inf, 5, 1, 1e308, -1000, -40, 800, 1, nan), grad=False)
case("Xlogy specials", torch.xlogy, t(0, 0, 0, 0, 1, 2, -1, 1), t(0, inf, nan, -1, 0, inf, 0, -1), grad=False)
case("Log2 Log10 Exp2 specials", lambda x: (torch.log2(x), torch.log10(x), torch.exp2(x)),
     t(0, -0.0, 1, 2, 1024, 1e-300, -1, inf, -inf, nan, 0.001), grad=False)
case("Atan2 specials", torch.atan2, t(0, -0.0, 0, -0.0, 1, -1, inf, inf, nan), t(0, 0, -0.0, -0.0, 0, 0, inf, -inf, 1), grad=False)
case("Hypot specials", torch.hypot, t(1e200, 1e-200, 3, inf, nan, 0), t(1e200, 1e-200, 4, nan, inf, -0.0), grad=False)
case("Trig specials", lambda x: (torch.asin(x), torch.acos(x), torch.atan(x), torch.tan(x), torch.sinh(x), torch.cosh(x)),
     t(0, -0.0, 1, -1, 1.5, 1e-10, 800, -800, inf, nan), grad=False)
halves = t(0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.49999999999999994, 2.675, -7.25, 1e300, inf, -inf, nan, -0.0)
case("Round", torch.round, halves, grad=False)
case("Round decimals 2", lambda x: torch.round(x, decimals=2), t(2.675, 1.005, -0.125, 0.135, 1234.5678, -0.0049), grad=False)
case("Round decimals -1", lambda x: torch.round(x, decimals=-1), t(15, 25, -35, 14.9, 1234.5), grad=False)
case("Floor Ceil Trunc Frac specials", lambda x: (torch.floor(x), torch.ceil(x), torch.trunc(x), torch.frac(x)),
     t(-2.5, -0.5, -0.0, 0.3, 2.5, 1e300, inf, -inf, nan), grad=False)
case("Fmod Remainder specials", lambda a, b: (torch.fmod(a, b), torch.remainder(a, b)),
     t(5, -5, 5, -5, 0, -0.0, 5, inf, 5, 1e300), t(3, 3, -3, -3, 3, 3, 0, 3, inf, 3), grad=False)
case("Fmod Remainder int64", lambda a, b: (torch.fmod(a, b), torch.remainder(a, b)),
     torch.tensor([7, -7, 7, -7, 0, 9]), torch.tensor([3, 3, -3, -3, 5, 9]), grad=False)
case("Predicates", lambda x: (torch.isnan(x), torch.isinf(x), torch.isfinite(x)), t(0, 1, nan, inf, -inf, -0.0), grad=False)
case("NanToNum float32 defaults", lambda x: torch.nan_to_num(x.float()).double(), t(nan, inf, -inf, 1.5), grad=False)

# ---- activations (kinks included where PyTorch's convention is the point)
x = torch.randn(3, 4, dtype=D) * 2
case("Gelu", F.gelu, x)
case("Gelu tanh", lambda v: F.gelu(v, approximate="tanh"), x)
case("Silu", F.silu, x)
case("Mish", F.mish, x)
case("Hardswish", F.hardswish, t(-4, -3, -1.5, 0, 1, 3, 4.5))
case("Hardsigmoid", F.hardsigmoid, t(-4, -3, -1.5, 0, 1, 3, 4.5))
case("Selu", F.selu, t(-2, -0.5, 0, 0.5, 2))
case("Celu", lambda v: F.celu(v, alpha=1.5), t(-2, -0.5, 0, 0.5, 2))
case("Relu6", F.relu6, t(-1, 0, 0.5, 3, 6, 7))
case("Softsign", F.softsign, t(-3, -0.5, 0, 0.5, 3))
case("Glu", lambda v: F.glu(v, 1), torch.randn(2, 6, 3, dtype=D))
case("Softmin", lambda v: F.softmin(v, 1), torch.randn(3, 4, dtype=D))
case("Hardshrink", lambda v: F.hardshrink(v, 0.5), t(-1, -0.5, -0.25, 0, 0.5, 0.75))
case("Softshrink", lambda v: F.softshrink(v, 0.5), t(-1, -0.5, -0.25, 0, 0.5, 0.75))
case("Tanhshrink", F.tanhshrink, x)

# ---- order statistics and NaN-aware reductions
ties = t(1, 3, 3, 2, 0, 3, 1, 2, 3, 0, 2, 1).reshape(2, 3, 2)
case("Amax dims (0,2) with ties", lambda v: torch.amax(v, (0, 2)), ties)
case("Amin dim -1 keepdim with ties", lambda v: torch.amin(v, -1, keepdim=True), ties)
case("Amax all", lambda v: torch.amax(v, ()), ties)
case("Median global with ties", torch.median, t(4, 1, 2, 2, 5, 2, 7, 0))
case("Median global even count", torch.median, t(4, 1, 2, 5))
case("Median dim 1", lambda v: torch.median(v, 1), torch.randn(3, 5, dtype=D))
case("Median dim 0 keepdim", lambda v: torch.median(v, 0, keepdim=True), torch.randn(4, 3, dtype=D))
case("Median with NaN", lambda v: torch.median(v, 1), t(3, nan, 1, nan, 2, 1, 5, 4).reshape(2, 4), grad=False)
case("Mode dim 1", lambda v: torch.mode(v, 1), t(3, 1, 3, 1, 2, 5, 5, 4, 4, 4).reshape(2, 5))
case("Mode dim 0 keepdim", lambda v: torch.mode(v, 0, keepdim=True), t(1, 2, 2, 1, 2, 2, 7, 1, 3).reshape(3, 3))
qx = torch.randn(3, 5, dtype=D)
for interp in ["linear", "lower", "higher", "midpoint", "nearest"]:
    case(f"Quantile 0.4 dim 1 {interp}", lambda v: torch.quantile(v, 0.4, dim=1, interpolation=interp), qx)
case("Quantile q tensor all", lambda v: torch.quantile(v, t(0, 0.25, 0.5, 0.9, 1)), qx)
case("Quantile q tensor dim 0 keepdim", lambda v: torch.quantile(v, t(0.3, 0.75), dim=0, keepdim=True), qx)
case("Quantile all keepdim", lambda v: torch.quantile(v, 0.6, keepdim=True), qx)
case("Quantile nearest ties to even", lambda v: torch.quantile(v, t(0.125, 0.375, 0.625), interpolation="nearest"),
     t(0, 10, 20, 30, 40))
case("Quantile with NaN", lambda v: torch.quantile(v, 0.5, dim=1), t(1, nan, 3, 4, 5, 6).reshape(2, 3), grad=False)
nans = t(1, nan, 2, 4, nan, nan, 3, 0.5).reshape(2, 4)
case("NanSum", torch.nansum, nans)
case("NanSum dim 1", lambda v: torch.nansum(v, 1), nans)
case("NanMean dim 1", lambda v: torch.nanmean(v, 1), nans)
case("NanMean dim 0 keepdim", lambda v: torch.nanmean(v, 0, keepdim=True), nans)
case("VarMean dim 1", lambda v: torch.var_mean(v, 1), torch.randn(3, 4, dtype=D))
case("VarMean biased keepdim", lambda v: torch.var_mean(v, (0, 1), unbiased=False, keepdim=True), torch.randn(3, 4, dtype=D))
case("StdMean all", torch.std_mean, torch.randn(3, 4, dtype=D))

with open("math.json", "w") as f:
    json.dump(cases, f, separators=(",", ":"))
