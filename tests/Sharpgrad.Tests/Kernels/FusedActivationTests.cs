using Sharpgrad.NN;
using static Sharpgrad.Tests.Tensors.TensorAssert;
using Sharpgrad.Tests.Support;

namespace Sharpgrad.Tests.Kernels;

/// <summary>
/// The fused pointwise activations (Backends/Cpu/Kernels/ActivationOps.cs) against the composite formulation each replaced, written
/// out here from tensor ops (or, where only the backward changed, from the old backward rule in a custom Function):
/// forward values and input gradients must be bitwise identical, on odd sizes, non-square and transposed inputs, the
/// kinks included, in float32 and float64. Both are also compared with a plain per-element reference of f and f′, and
/// checked by finite differences in float64, to first order (the fused backward) and to second order (the composite
/// backward that runs when the backward is recorded).
/// </summary>
public class FusedActivationTests
{
    /// <summary>One activation: the library's op, its composite formulation, and f, f′ for the plain reference.</summary>
    public sealed record Case(Func<Tensor, Tensor> Fused, Func<Tensor, Tensor> Composite, Func<double, double> F, Func<double, double> Derivative);

    /// <summary>A custom function with a given forward and the old backward rule g ↦ rule(x, y, g).</summary>
    private sealed class OldRule(Func<Tensor, Tensor> forward, Func<Tensor, Tensor, Tensor, Tensor> backward) : Function
    {
        protected override Tensor Forward(FunctionContext ctx, Tensor[] inputs)
        {
            var y = forward(inputs[0]);
            ctx.SaveForBackward(inputs[0], y);
            return y;
        }

        protected override Tensor?[] Backward(FunctionContext ctx, Tensor g) => [backward(ctx.Saved[0], ctx.Saved[1], g)];
    }

    private static Func<Tensor, Tensor> Rule(Func<Tensor, Tensor> forward, Func<Tensor, Tensor, Tensor, Tensor> backward)
        => x => new OldRule(forward, backward).Apply(x);

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["Relu"] = new(x => x.Relu(), Rule(x => x.Relu(), (x, y, g) => g * x.Gt(0).To(g.DType)),
            x => Math.Max(x, 0), x => x > 0 ? 1 : 0),
        ["Sigmoid"] = new(x => x.Sigmoid(), Rule(x => x.Sigmoid(), (x, y, g) => g * y * (1 - y)),
            Sigmoid, x => Sigmoid(x) * (1 - Sigmoid(x))),
        ["Tanh"] = new(x => x.Tanh(), Rule(x => x.Tanh(), (x, y, g) => g * (1 - y * y)),
            Math.Tanh, x => 1 - Math.Tanh(x) * Math.Tanh(x)),
        ["Tensor.Softplus"] = new(x => x.Softplus(), Rule(x => x.Softplus(), (x, y, g) => g * x.Sigmoid()),
            Softplus, Sigmoid),
        ["Clamp"] = new(x => x.Clamp(-0.5, 0.75), Rule(x => x.Clamp(-0.5, 0.75), (x, y, g) => g * (x.Ge(-0.5).To(g.DType) * x.Le(0.75).To(g.DType))),
            x => Math.Clamp(x, -0.5, 0.75), x => x >= -0.5 && x <= 0.75 ? 1 : 0),
        ["LeakyRelu"] = new(x => Functional.LeakyRelu(x, 0.1), x => Tensor.Where(x.Gt(0), x, x * 0.1),
            x => x > 0 ? x : 0.1 * x, x => x > 0 ? 1 : 0.1),
        ["Elu"] = new(x => Functional.Elu(x, 0.7), x => Tensor.Where(x.Gt(0), x, (x.Clamp(max: 0).Exp() - 1) * 0.7),
            x => x > 0 ? x : 0.7 * (Math.Exp(x) - 1), x => x > 0 ? 1 : 0.7 * Math.Exp(x)),
        ["Softplus"] = new(x => Functional.Softplus(x), x => Tensor.Where(x.Gt(20), x, x.Softplus()),
            x => x > 20 ? x : Softplus(x), x => x > 20 ? 1 : Sigmoid(x)),
        ["Softplus(β 2, threshold 3)"] = new(x => Functional.Softplus(x, 2, 3), x => Tensor.Where((x * 2).Gt(3), x, (x * 2).Softplus() / 2),
            x => 2 * x > 3 ? x : Softplus(2 * x) / 2, x => 2 * x > 3 ? 1 : Sigmoid(2 * x)),
        ["Hardtanh"] = new(x => Functional.Hardtanh(x, -0.75, 0.875), x => Tensor.Where(x.Le(-0.75), -0.75, Tensor.Where(x.Ge(0.875), 0.875, x)),
            x => Math.Clamp(x, -0.75, 0.875), x => x > -0.75 && x < 0.875 ? 1 : 0),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    /// <summary>Odd lengths around the SIMD widths, a non-square matrix, and the same matrix read transposed.</summary>
    private static IEnumerable<(string Name, Func<DType, Tensor> Make)> Inputs()
    {
        foreach (var n in new[] { 1, 7, 17, 33, 65, 129 })
            yield return ($"[{n}]", dtype => Values(n, dtype, seed: n));
        yield return ("[7, 13]", dtype => Values(91, dtype, seed: 3).Reshape(7, 13));
        yield return (Transposed, dtype => Values(91, dtype, seed: 4).Reshape(13, 7).T);
    }

    private const string Transposed = "[13, 7]ᵀ";

    /// <summary>
    /// Normal values spread to ±4, led by every kink and threshold of the cases (0, the clamp bounds, β·x = 3, x = 20),
    /// chosen exact in float32 so that the plain reference sees the same kinks as the float32 ops.
    /// </summary>
    private static Tensor Values(int n, DType dtype, int seed)
    {
        double[] kinks = [0, -0.5, 0.75, -0.75, 0.875, 1.5, -1e-3, 25];
        var values = (Tensor.Randn([n], DType.Float64, new Generator(seed)) * 2).ToArray<double>();
        for (int i = 0; i < Math.Min(n, kinks.Length); i++) values[i] = kinks[i];
        return Tensor.FromArray(values).To(dtype);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void FusedEqualsTheCompositeBitForBit(string name)
    {
        var c = Cases[name];
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            foreach (var (shape, make) in Inputs())
            {
                var (y, dx) = ValueAndGradient(c.Fused, make(dtype));
                var (yOld, dxOld) = ValueAndGradient(c.Composite, make(dtype));
                try
                {
                    if (shape == Transposed)
                    {
                        // The composites materialised contiguous intermediates (x·β, Clamp(x)) before exp, which then took
                        // the SIMD path; the fused op reads the strided input in place, on the scalar path, and a SIMD
                        // exp can differ from the scalar one in the last bit. Contiguous inputs take the same paths.
                        double tol = dtype == DType.Float32 ? 1e-6 : 1e-15;
                        Close(yOld, y, tol);
                        Close(dxOld, dx, tol);
                    }
                    else
                    {
                        BitwiseEqual(yOld, y);
                        BitwiseEqual(dxOld, dx);
                    }
                }
                catch (Exception e)
                {
                    throw new Xunit.Sdk.XunitException($"{name} {dtype.Name()} {shape}: {e.Message}");
                }
            }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void FusedMatchesThePlainReference(string name)
    {
        var c = Cases[name];
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            foreach (var (shape, make) in Inputs())
            {
                var x = make(dtype);
                var (y, dx) = ValueAndGradient(c.Fused, x);
                var xs = x.ToDoubleArray();
                var u = Upstream(x).ToDoubleArray();
                double tol = dtype == DType.Float32 ? 2e-6 : 1e-14;
                var yv = y.ToDoubleArray();
                var dv = dx.ToDoubleArray();
                for (int i = 0; i < xs.Length; i++)
                {
                    double f = c.F(xs[i]), d = u[i] * c.Derivative(xs[i]);
                    Assert.True(Math.Abs(yv[i] - f) <= tol * (1 + Math.Abs(f)), $"{name} {dtype.Name()} {shape} f({xs[i]:R}): {yv[i]:R} vs {f:R}");
                    Assert.True(Math.Abs(dv[i] - d) <= tol * (1 + Math.Abs(d)), $"{name} {dtype.Name()} {shape} f′({xs[i]:R})·u: {dv[i]:R} vs {d:R}");
                }
            }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void GradCheckFirstAndSecondOrder(string name)
    {
        var c = Cases[name];
        // At least 0.05 from every kink: 0, −0.5, 0.75, −0.75, 0.875, and x = 1.5 where β·x = 3.
        var x = Tensor.From(new[] { -1.2, -0.65, -0.3, 0.2, 0.6, 0.8, 1.1, 1.7, -2.5, 2.4 }).Reshape(2, 5).RequireGrad();
        GradCheck.Run(t => c.Fused(t[0]), [x]).ThrowIfFailed();
        GradCheck.RunSecondOrder(t => c.Fused(t[0]), [x]).ThrowIfFailed();
    }

    [Fact]
    public void SameBitsOnOneOrTwoThreads()
    {
        // 100 003 elements: several parallel chunks, with chunk ends inside SIMD vectors.
        foreach (var (name, c) in Cases)
            foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            {
                var x = (Tensor.Randn([100_003], DType.Float64, new Generator(8)) * 2).To(dtype);
                var (one, two) = ThreadCounts.OneAndTwo(() => ValueAndGradient(c.Fused, x));
                BitwiseEqual(one.Y, two.Y);
                BitwiseEqual(one.Dx, two.Dx);
            }
    }

    [Fact]
    public void HardtanhOfIntegersClampsAndKeepsTheDType()
    {
        var y = Functional.Hardtanh(Tensor.From(new long[] { -3, 0, 2 }));
        Assert.Equal(DType.Int64, y.DType);
        Assert.Equal(new long[] { -1, 0, 1 }, y.ToArray<long>());
    }

    [Fact]
    public void ErrorsNameTheOp()
    {
        var ints = Tensor.From(new long[] { 1, 2 });
        Assert.Contains("LeakyRelu", Assert.Throws<ArgumentException>(() => Functional.LeakyRelu(ints)).Message);
        Assert.Contains("Elu", Assert.Throws<ArgumentException>(() => Functional.Elu(ints)).Message);
    }

    private static Tensor Upstream(Tensor x) => Tensor.Randn(x.Shape, DType.Float64, new Generator(77)).To(x.DType);

    /// <summary>f(x) and uᵀ∂f/∂x for a fixed random u (the fused backward: nothing records it).</summary>
    private static (Tensor Y, Tensor Dx) ValueAndGradient(Func<Tensor, Tensor> f, Tensor input)
    {
        var x = input.Detach().RequireGrad();
        var y = f(x);
        var dx = Autograd.Grad([y], [x], [Upstream(input)])[0];
        return (y.Detach(), dx);
    }
}
