using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Tensors;

/// <summary>Elementwise functions against their closed forms (System.Math), and their behaviour at special values.</summary>
public class ElementwiseTests
{
    private static readonly double[] Xs = [-3.5, -1.25, -0.5, 0.0, 0.3, 1.0, 2.75, 6.0];

    public static TheoryData<string> UnaryNames => [.. Unary.Keys];

    private static readonly Dictionary<string, (Func<Tensor, Tensor> Op, Func<double, double> Reference, double Low)> Unary = new()
    {
        ["Neg"] = (x => -x, v => -v, double.NegativeInfinity),
        ["Abs"] = (x => x.Abs(), Math.Abs, double.NegativeInfinity),
        ["Exp"] = (x => x.Exp(), Math.Exp, double.NegativeInfinity),
        ["Log"] = (x => x.Log(), Math.Log, 0.1),
        ["Log1p"] = (x => x.Log1p(), v => Math.Log(1 + v), -0.9),
        ["Sqrt"] = (x => x.Sqrt(), Math.Sqrt, 0),
        ["Rsqrt"] = (x => x.Rsqrt(), v => 1 / Math.Sqrt(v), 0.1),
        ["Reciprocal"] = (x => x.Reciprocal(), v => 1 / v, 0.1),
        ["Sin"] = (x => x.Sin(), Math.Sin, double.NegativeInfinity),
        ["Cos"] = (x => x.Cos(), Math.Cos, double.NegativeInfinity),
        ["Tanh"] = (x => x.Tanh(), Math.Tanh, double.NegativeInfinity),
        ["Sigmoid"] = (x => x.Sigmoid(), v => 1 / (1 + Math.Exp(-v)), double.NegativeInfinity),
        ["Relu"] = (x => x.Relu(), v => Math.Max(v, 0), double.NegativeInfinity),
        ["Softplus"] = (x => x.Softplus(), v => Math.Log(1 + Math.Exp(v)), double.NegativeInfinity),
        ["LogSigmoid"] = (x => x.LogSigmoid(), v => Math.Log(1 / (1 + Math.Exp(-v))), double.NegativeInfinity),
        ["Sign"] = (x => x.Sign(), v => Math.Sign(v), double.NegativeInfinity),
        ["Square"] = (x => x.Square(), v => v * v, double.NegativeInfinity),
        ["Pow(3)"] = (x => x.Pow(3), v => v * v * v, double.NegativeInfinity),
        ["Pow(0.5)"] = (x => x.Pow(0.5), Math.Sqrt, 0),
        ["Clamp(-1, 2)"] = (x => x.Clamp(-1, 2), v => Math.Clamp(v, -1, 2), double.NegativeInfinity),
    };

    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void MatchesTheClosedFormInBothFloatDTypes(string name)
    {
        var (op, reference, low) = Unary[name];
        var xs = Xs.Where(v => v >= low).ToArray();
        var expected = xs.Select(reference).ToArray();
        Close(expected, op(Tensor.From(xs)), 1e-14);
        // 17 elements: two SIMD vectors and a scalar tail, which must agree with each other.
        var longer = Enumerable.Range(0, 17).Select(i => xs[i % xs.Length]).ToArray();
        var f32 = op(Tensor.From(longer).Float());
        Assert.Equal(DType.Float32, f32.DType);
        var got = f32.ToDoubleArray();
        for (int i = 0; i < longer.Length; i++)
        {
            double want = reference((float)longer[i]);
            Assert.True(Math.Abs(got[i] - want) <= 1e-6 * Math.Max(1, Math.Abs(want)), $"{name}({longer[i]}) = {got[i]}, expected {want}");
        }
    }

    [Fact]
    public void Float32ResultsAreCorrectlyRoundedEnough()
    {
        var xs = Enumerable.Range(0, 33).Select(i => -4 + i * 0.25).ToArray();
        var y = Tensor.From(xs).Float().Exp().ToDoubleArray();
        for (int i = 0; i < xs.Length; i++)
            Assert.True(Math.Abs(y[i] - Math.Exp((float)xs[i])) <= 2e-7 * Math.Exp(xs[i]), $"exp({xs[i]})");
    }

    [Fact]
    public void SigmoidSaturatesWithoutNaN()
    {
        // σ(−1000): e^1000 overflows to ∞ and 1/(1+∞) = 0 exactly; σ(1000) = 1 (GBC §3.10).
        Close([0, 0.5, 1], Tensor.From(new[] { -1000.0, 0, 1000 }).Sigmoid(), 0);
        Close([0, 0.5, 1], Tensor.From(new[] { -1000f, 0, 1000 }).Sigmoid(), 0);
    }

    [Fact]
    public void SoftplusAndLogSigmoidStayFiniteForLargeInputs()
    {
        // ζ(x) = log(1+eˣ) would overflow for x = 1000; the stable form gives x. log σ(x) = −ζ(−x) (GBC eq. 3.31).
        Close([1000, Math.Log(2), 0], Tensor.From(new[] { 1000.0, 0, -1000 }).Softplus(), 1e-12);
        Close([-1000, -Math.Log(2), 0], Tensor.From(new[] { -1000.0, 0, 1000 }).LogSigmoid(), 1e-12);
        Close([-1000], Tensor.From(new[] { -1000f }).LogSigmoid(), 0);
    }

    [Fact]
    public void Log1pIsAccurateForTinyInputs()
    {
        // log(1 + 1e-12) computed naively loses 4 digits; log1p keeps full precision.
        var y = Tensor.From(new[] { 1e-12, -1e-15, 1e-300 }).Log1p().ToDoubleArray();
        Assert.Equal(1e-12 - 0.5e-24, y[0], 1e-27);
        Assert.Equal(-1e-15, y[1], 1e-30);
        Assert.Equal(1e-300, y[2]);
    }

    [Fact]
    public void ReluPropagatesNaNInEveryLane()
    {
        // 9 float32 elements: 8 in a SIMD vector and one in the scalar tail. Both propagate NaN, as PyTorch does.
        var y = Tensor.Full([9], double.NaN).Relu().ToDoubleArray();
        Assert.All(y, v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void ReluDerivativeAtZeroIsZero()
    {
        // BOOKS §3: ReLU′(0) = 0, the one-sided choice of GBC §6.3.1.
        var x = Tensor.From(new[] { -1.0, 0, 2 }).RequireGrad();
        x.Relu().Sum().Backward();
        Close([0, 0, 1], x.Grad!, 0);
    }

    [Fact]
    public void AbsHasZeroSubgradientAtZero()
    {
        var x = Tensor.From(new[] { -2.0, 0, 3 }).RequireGrad();
        x.Abs().Sum().Backward();
        Close([-1, 0, 1], x.Grad!, 0);
    }

    [Fact]
    public void PowZeroHasZeroGradientEvenAtZero()
    {
        // d/dx x⁰ = 0 everywhere; 0·x⁻¹ would give NaN at x = 0. PyTorch returns 0.
        var x = Tensor.From(new[] { 0.0, 2 }).RequireGrad();
        var y = x.Pow(0);
        Close([1, 1], y, 0);
        y.Sum().Backward();
        Close([0, 0], x.Grad!, 0);
    }

    [Fact]
    public void ClampPassesGradientInsideTheClosedRange()
    {
        // As in PyTorch, the bounds themselves count as inside.
        var x = Tensor.From(new[] { -2.0, -1, 0, 1, 2 }).RequireGrad();
        var y = x.Clamp(-1, 1);
        Close([-1, -1, 0, 1, 1], y, 0);
        y.Sum().Backward();
        Close([0, 1, 1, 1, 0], x.Grad!, 0);
    }

    [Fact]
    public void ClampRejectsAnEmptyRange() =>
        Assert.Contains("Clamp", Assert.Throws<ArgumentException>(() => Tensor.Ones(2).Clamp(2, 1)).Message);

    [Fact]
    public void MaximumAndMinimumSplitTheGradientAtTies()
    {
        // PyTorch gives each operand half of the gradient where they are equal.
        var a = Tensor.From(new[] { 1.0, 2, 3 }).RequireGrad();
        var b = Tensor.From(new[] { 3.0, 2, 1 }).RequireGrad();
        var max = a.Maximum(b);
        Close([3, 2, 3], max, 0);
        max.Sum().Backward();
        Close([0, 0.5, 1], a.Grad!, 0);
        Close([1, 0.5, 0], b.Grad!, 0);
        Close([1, 2, 1], a.Detach().Minimum(b.Detach()), 0);
    }

    [Fact]
    public void IntegerOpsStayInteger()
    {
        var x = Tensor.From(new long[] { -3, 0, 5 });
        Assert.Equal(new long[] { 3, 0, 5 }, x.Abs().ToArray<long>());
        Assert.Equal(new long[] { 3, 0, -5 }, (-x).ToArray<long>());
        Assert.Equal(new long[] { 0, 0, 5 }, x.Relu().ToArray<long>());
        Assert.Equal(new long[] { -1, 0, 1 }, x.Sign().ToArray<long>());
        Assert.Equal(new long[] { -1, 0, 2 }, x.Clamp(-1.5, 2.5).ToArray<long>());
        Assert.Equal(new long[] { -6, 0, 10 }, (x * 2).ToArray<long>());
        Assert.Equal(DType.Int64, (x + x).DType);
    }

    [Fact]
    public void TranscendentalsRejectIntegerTensors()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.From(new long[] { 1, 2 }).Exp());
        Assert.Contains("Exp", e.Message);
        Assert.Contains("int64", e.Message);
    }

    [Fact]
    public void WhereAndMaskedFillChooseElementwise()
    {
        var x = Tensor.From(new[] { 1.0, -2, 3, -4 });
        Close([1, 0, 3, 0], Tensor.Where(x.Gt(0), x, 0.0), 0);
        Close([9, -2, 9, -4], x.MaskedFill(x.Gt(0), 9), 0);
        // MaskedFill keeps the tensor's dtype, as PyTorch's masked_fill does: 2.5 becomes 2 in an int64 tensor.
        var ints = Tensor.From(new long[] { 1, 2, 3 }).MaskedFill(Tensor.From(new[] { false, false, true }), 2.5);
        Assert.Equal(DType.Int64, ints.DType);
        Assert.Equal(new long[] { 1, 2, 2 }, ints.ToArray<long>());
        Assert.Equal(DType.Float32, Tensor.Ones(2).MaskedFill(Tensor.From(new[] { true, false }), 1e-3).DType);
        // The condition broadcasts: a [3] mask over [2, 3] operands.
        var a = Tensor.Ones([2, 3], DType.Float64);
        var b = Tensor.Zeros([2, 3], DType.Float64);
        Close([1, 0, 1, 1, 0, 1], Tensor.Where(Tensor.From(new[] { true, false, true }), a, b), 0);
    }

    [Fact]
    public void AllCloseUsesRelativeAndAbsoluteTolerance()
    {
        var a = Tensor.From(new[] { 1.0, 1000 });
        Assert.True(a.AllClose(Tensor.From(new[] { 1.0 + 1e-9, 1000.005 })));
        Assert.False(a.AllClose(Tensor.From(new[] { 1.0 + 1e-4, 1000 })));
        Assert.False(a.AllClose(Tensor.From(new[] { double.NaN, 1000 })));
        Assert.False(a.AllClose(Tensor.From(new[] { 1.0, 1000, 3 })));
    }
}
