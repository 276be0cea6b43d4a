using System.Text.Json;
using Sharpgrad.NN;
using Sharpgrad.Tests.Support;

namespace Sharpgrad.Tests.MathOps;

/// <summary>
/// Issue #10's elementwise maths, activations and order statistics against PyTorch 1.13 in float64
/// (Fixtures/math.json, made by make_math_fixtures.py): every output, and the gradients of Σᵢ outᵢ·Gᵢ for the fixture's
/// fixed Gᵢ, including special values (±0, ±∞, NaN, huge and tiny magnitudes) and the kinks whose one-sided derivative
/// is a convention (Hardswish at ±3, ReLU6 at 0 and 6, the shrinks at ±λ, Clamp at its bounds).
/// </summary>
public class MathFixtureTests
{
    private static readonly JsonElement Cases = Fixture.Load("math.json");

    private static readonly Dictionary<string, Func<Tensor[], Tensor[]>> Ops = new()
    {
        ["Erf"] = x => [x[0].Erf()],
        ["Erfc"] = x => [x[0].Erfc()],
        ["Erfinv"] = x => [x[0].Erfinv()],
        ["Asin"] = x => [x[0].Asin()],
        ["Acos"] = x => [x[0].Acos()],
        ["Atan"] = x => [x[0].Atan()],
        ["Tan"] = x => [x[0].Tan()],
        ["Sinh"] = x => [x[0].Sinh()],
        ["Cosh"] = x => [x[0].Cosh()],
        ["Log2"] = x => [x[0].Log2()],
        ["Log10"] = x => [x[0].Log10()],
        ["Exp2"] = x => [x[0].Exp2()],
        ["Expm1"] = x => [x[0].Expm1()],
        ["Logit"] = x => [x[0].Logit()],
        ["Logit eps"] = x => [x[0].Logit(0.2)],
        ["Atan2"] = x => [x[0].Atan2(x[1])],
        ["Hypot"] = x => [x[0].Hypot(x[1])],
        ["LogAddExp"] = x => [x[0].LogAddExp(x[1])],
        ["Xlogy"] = x => [x[0].Xlogy(x[1])],
        ["Lerp scalar"] = x => [x[0].Lerp(x[1], 0.3)],
        ["Lerp tensor"] = x => [x[0].Lerp(x[1], x[2])],
        ["Clamp tensor"] = x => [x[0].Clamp(x[1], x[2])],
        ["Clamp tensor min>max"] = x => [x[0].Clamp(x[1], x[2])],
        ["Clamp tensor min only"] = x => [x[0].Clamp(min: x[1])],
        ["Clamp tensor max only"] = x => [x[0].Clamp(max: x[1])],
        ["Frac"] = x => [x[0].Frac()],
        ["Fmod"] = x => [x[0].Fmod(x[1])],
        ["Remainder"] = x => [x[0].Remainder(x[1])],
        ["Floor"] = x => [x[0].Floor()],
        ["NanToNum"] = x => [x[0].NanToNum()],
        ["NanToNum values"] = x => [x[0].NanToNum(1, 2, -3)],
        ["Erf specials (mpmath)"] = x => [x[0].Erf()],
        ["Erfc specials (mpmath)"] = x => [x[0].Erfc()],
        ["Erf grid (mpmath)"] = x => [x[0].Erf()],
        ["Erfc grid (mpmath)"] = x => [x[0].Erfc()],
        ["Erfinv specials (mpmath)"] = x => [x[0].Erfinv()],
        ["Erfinv grid (mpmath)"] = x => [x[0].Erfinv()],
        ["Expm1 specials (mpmath)"] = x => [x[0].Expm1()],
        ["LogAddExp specials"] = x => [x[0].LogAddExp(x[1])],
        ["Xlogy specials"] = x => [x[0].Xlogy(x[1])],
        ["Log2 Log10 Exp2 specials"] = x => [x[0].Log2(), x[0].Log10(), x[0].Exp2()],
        ["Atan2 specials"] = x => [x[0].Atan2(x[1])],
        ["Hypot specials"] = x => [x[0].Hypot(x[1])],
        ["Trig specials"] = x => [x[0].Asin(), x[0].Acos(), x[0].Atan(), x[0].Tan(), x[0].Sinh(), x[0].Cosh()],
        ["Round"] = x => [x[0].Round()],
        ["Round decimals 2"] = x => [x[0].Round(2)],
        ["Round decimals -1"] = x => [x[0].Round(-1)],
        ["Floor Ceil Trunc Frac specials"] = x => [x[0].Floor(), x[0].Ceil(), x[0].Trunc(), x[0].Frac()],
        ["Fmod Remainder specials"] = x => [x[0].Fmod(x[1]), x[0].Remainder(x[1])],
        ["Fmod Remainder int64"] = x => [x[0].Fmod(x[1]), x[0].Remainder(x[1])],
        ["Predicates"] = x => [x[0].IsNan(), x[0].IsInf(), x[0].IsFinite()],
        ["NanToNum float32 defaults"] = x => [x[0].Float().NanToNum().Double()],

        ["Gelu"] = x => [Functional.Gelu(x[0])],
        ["Gelu tanh"] = x => [Functional.Gelu(x[0], approximate: "tanh")],
        ["Silu"] = x => [Functional.Silu(x[0])],
        ["Mish"] = x => [Functional.Mish(x[0])],
        ["Hardswish"] = x => [Functional.Hardswish(x[0])],
        ["Hardsigmoid"] = x => [Functional.Hardsigmoid(x[0])],
        ["Selu"] = x => [Functional.Selu(x[0])],
        ["Celu"] = x => [Functional.Celu(x[0], 1.5)],
        ["Relu6"] = x => [Functional.Relu6(x[0])],
        ["Softsign"] = x => [Functional.Softsign(x[0])],
        ["Glu"] = x => [Functional.Glu(x[0], 1)],
        ["Softmin"] = x => [Functional.Softmin(x[0], 1)],
        ["Hardshrink"] = x => [Functional.Hardshrink(x[0], 0.5)],
        ["Softshrink"] = x => [Functional.Softshrink(x[0], 0.5)],
        ["Tanhshrink"] = x => [Functional.Tanhshrink(x[0])],

        ["Amax dims (0,2) with ties"] = x => [x[0].Amax([0, 2])],
        ["Amin dim -1 keepdim with ties"] = x => [x[0].Amin(-1, keepdim: true)],
        ["Amax all"] = x => [x[0].Amax([])],
        ["Median global with ties"] = x => [x[0].Median()],
        ["Median global even count"] = x => [x[0].Median()],
        ["Median dim 1"] = x => Pair(x[0].Median(1)),
        ["Median dim 0 keepdim"] = x => Pair(x[0].Median(0, keepdim: true)),
        ["Median with NaN"] = x => Pair(x[0].Median(1)),
        ["Mode dim 1"] = x => Pair(x[0].Mode(1)),
        ["Mode dim 0 keepdim"] = x => Pair(x[0].Mode(0, keepdim: true)),
        ["Quantile 0.4 dim 1 linear"] = x => [x[0].Quantile(0.4, 1)],
        ["Quantile 0.4 dim 1 lower"] = x => [x[0].Quantile(0.4, 1, interpolation: "lower")],
        ["Quantile 0.4 dim 1 higher"] = x => [x[0].Quantile(0.4, 1, interpolation: "higher")],
        ["Quantile 0.4 dim 1 midpoint"] = x => [x[0].Quantile(0.4, 1, interpolation: "midpoint")],
        ["Quantile 0.4 dim 1 nearest"] = x => [x[0].Quantile(0.4, 1, interpolation: "nearest")],
        ["Quantile q tensor all"] = x => [x[0].Quantile(Tensor.From(new[] { 0, 0.25, 0.5, 0.9, 1 }))],
        ["Quantile q tensor dim 0 keepdim"] = x => [x[0].Quantile(Tensor.From(new[] { 0.3, 0.75 }), 0, keepdim: true)],
        ["Quantile all keepdim"] = x => [x[0].Quantile(0.6, keepdim: true)],
        ["Quantile nearest ties to even"] = x => [x[0].Quantile(Tensor.From(new[] { 0.125, 0.375, 0.625 }), interpolation: "nearest")],
        ["Quantile with NaN"] = x => [x[0].Quantile(0.5, 1)],
        ["NanSum"] = x => [x[0].NanSum()],
        ["NanSum dim 1"] = x => [x[0].NanSum([1])],
        ["NanMean dim 1"] = x => [x[0].NanMean([1])],
        ["NanMean dim 0 keepdim"] = x => [x[0].NanMean([0], keepdim: true)],
        ["VarMean dim 1"] = x => Pair(x[0].VarMean(1)),
        ["VarMean biased keepdim"] = x => Pair(x[0].VarMean([0, 1], unbiased: false, keepdim: true)),
        ["StdMean all"] = x => Pair(x[0].StdMean()),
    };

    private static Tensor[] Pair((Tensor, Tensor) outputs) => [outputs.Item1, outputs.Item2];

    public static TheoryData<string> Names => [.. Cases.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public void EveryFixtureCaseHasAnOp() => Assert.All(Cases.EnumerateObject(), p => Assert.True(Ops.ContainsKey(p.Name), p.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void MatchesPyTorch(string name)
    {
        var c = Cases.GetProperty(name);
        var dtype = name.Contains("int64") ? DType.Int64 : DType.Float64;
        bool differentiable = c.TryGetProperty("grads", out var grads);
        var inputs = c.GetProperty("inputs").EnumerateArray().Select(t => Fixture.Tensor(t, dtype)).ToArray();
        if (differentiable) foreach (var x in inputs) x.RequireGrad();
        var outputs = Ops[name](inputs);
        var expected = c.GetProperty("outputs").EnumerateArray().ToArray();
        Assert.Equal(expected.Length, outputs.Length);
        // Special values are compared relatively only (their magnitudes span 1e-300..1e300).
        double atol = name.Contains("specials") || name.Contains("mpmath") ? 0 : 1e-14;
        // PyTorch computes logaddexp as m + log(e^(a−m) + e^(b−m)), so logaddexp(0, −40) is 0 there and 4.2e-18 here.
        if (name == "LogAddExp specials") atol = 1e-17;
        // mpmath's values are exact to the last bit, so they check the accuracy Backends/Cpu/Kernels/ErrorFunction.cs documents.
        double valueRtol = name.Contains("mpmath") ? 4e-15 : 2e-14;
        for (int i = 0; i < outputs.Length; i++)
            AssertMatches(Fixture.Tensor(expected[i]), outputs[i], $"{name}, output {i}", atol, valueRtol);
        if (!differentiable) return;

        var weights = c.GetProperty("G").EnumerateArray().Select(g => Fixture.Tensor(g)).ToArray();
        var loss = outputs.Zip(weights).Where(p => p.First.RequiresGrad).Select(p => (p.First * p.Second).Sum()).Aggregate((a, b) => a + b);
        var actual = Autograd.Grad([loss], inputs, allowUnused: true);
        var wanted = grads.EnumerateArray().ToArray();
        // PyTorch 1.13's hardsigmoid_backward multiplies by 1/6 rounded to float32 (relative error 3e-8) even in float64.
        double rtol = name == "Hardsigmoid" ? 1e-7 : 2e-14;
        for (int i = 0; i < inputs.Length; i++)
            AssertMatches(Fixture.Tensor(wanted[i]), actual[i] ?? Tensor.ZerosLike(inputs[i]), $"{name}, gradient {i}", 1e-13, rtol);
    }

    /// <summary>Same shape; each element equal (NaN to NaN, zeros with their sign) or within rtol relative + atol.</summary>
    private static void AssertMatches(Tensor expected, Tensor actual, string what, double atol, double rtol = 2e-14)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var e = expected.ToDoubleArray();
        var a = actual.Double().ToDoubleArray();
        for (int i = 0; i < e.Length; i++)
        {
            bool same = e[i].Equals(a[i]) && (e[i] != 0 || double.IsNegative(e[i]) == double.IsNegative(a[i]));
            if (!same && !(Math.Abs(e[i] - a[i]) <= rtol * Math.Abs(e[i]) + atol))
                Assert.Fail($"{what}, element {i}: PyTorch gives {e[i]:R}, Sharpgrad {a[i]:R}");
        }
    }
}
