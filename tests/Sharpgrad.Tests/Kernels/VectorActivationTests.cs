using System.Numerics;
using Sharpgrad.Kernels;
using Sharpgrad.Tests.Support;

namespace Sharpgrad.Tests.Kernels;

/// <summary>
/// The SIMD forms of the activations that used to run lane by lane (issue #15): float32 tanh by its own approximation
/// (<see cref="Float32Tanh"/>), held to float64 Math.Tanh within its ulp bound on a dense sweep and at the special
/// values, with the tensor op's vector body and scalar tail agreeing at every thread count. Log1p and softplus keep
/// their lane-by-lane form (a Vector.Exp/Vector.Log form measured slower); their vector form is still held to the scalar
/// form and the closed form, so a future SIMD version has its tests waiting.
/// </summary>
public class VectorActivationTests
{
    /// <summary>
    /// Distance from the exact value in float32 ulps of the exact value's binade (so a result just below a power of two
    /// is measured in the smaller ulp even when the exact value rounds up to the power); subnormals in ulps of 2⁻¹⁴⁹.
    /// </summary>
    private static double Ulps(float got, double exact)
    {
        if (got == (float)exact) return 0;
        double magnitude = Math.Abs(exact);
        double ulp = magnitude >= 1.1754943508222875e-38 ? Math.ScaleB(1.0, Math.ILogB(magnitude) - 23) : Math.ScaleB(1.0, -149);
        return Math.Abs(got - exact) / ulp;
    }

    private static float[] Lanes(Vector<float> v)
    {
        var lanes = new float[Vector<float>.Count];
        v.CopyTo(lanes);
        return lanes;
    }

    private static float[] VectorTanh(float[] xs)
    {
        int width = Vector<float>.Count;
        var padded = new float[(xs.Length + width - 1) / width * width];
        xs.CopyTo(padded, 0);
        var ys = new float[padded.Length];
        for (int i = 0; i < padded.Length; i += width) Float32Tanh.Apply(new Vector<float>(padded, i)).CopyTo(ys, i);
        return ys[..xs.Length];
    }

    [Fact]
    public void Float32TanhIsWithinItsUlpBoundOnADenseSweep()
    {
        // Every 1024th float32 bit pattern from 0 to 12 (about a million values: every binade, both polynomial and
        // exponential ranges and their boundary), and their negatives, against float64 tanh.
        uint end = BitConverter.SingleToUInt32Bits(12f);
        var xs = new List<float>();
        for (uint bits = 0; bits <= end; bits += 1024) xs.Add(BitConverter.UInt32BitsToSingle(bits));
        xs.AddRange([0.625f, MathF.BitDecrement(0.625f), 1f / 4096, MathF.BitDecrement(1f / 4096), 10f, MathF.BitIncrement(10f)]);
        xs.AddRange(xs.Select(x => -x).ToArray());
        var xArray = xs.ToArray();
        var ys = VectorTanh(xArray);
        double worst = 0;
        for (int i = 0; i < xArray.Length; i++)
        {
            double u = Ulps(ys[i], Math.Tanh(xArray[i]));
            Assert.True(u <= Float32Tanh.MaxUlpError, $"tanh({xArray[i]:R}) = {ys[i]:R}, float64 gives {Math.Tanh(xArray[i]):R}: {u:F2} ulp");
            worst = Math.Max(worst, u);
        }
        Assert.True(worst > 0, "the sweep should meet some inexact lanes (else it tested nothing about the bound)");
    }

    [Fact]
    public void Float32TanhIsOddBitForBit()
    {
        var xs = Enumerable.Range(1, 4001).Select(i => i * 0.0037f - 7.4f).ToArray();
        var ys = VectorTanh(xs);
        var negated = VectorTanh(xs.Select(x => -x).ToArray());
        for (int i = 0; i < xs.Length; i++) Assert.Equal(BitConverter.SingleToInt32Bits(-ys[i]), BitConverter.SingleToInt32Bits(negated[i]));
    }

    [Fact]
    public void Float32TanhAtSpecialValues()
    {
        float[] xs = [0f, -0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 1e30f, -1e30f, float.MaxValue,
            float.Epsilon, -float.Epsilon, 1e-40f, -1e-39f, 1e-20f, 88.8f, -9.5f];
        float[] want = [0f, -0f, 1f, -1f, float.NaN, 1f, -1f, 1f,
            float.Epsilon, -float.Epsilon, 1e-40f, -1e-39f, 1e-20f, 1f, -1f];
        var ys = VectorTanh(xs);
        for (int i = 0; i < xs.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(want[i]) == BitConverter.SingleToInt32Bits(ys[i]) || float.IsNaN(want[i]) && float.IsNaN(ys[i]),
                $"tanh({xs[i]:R}) = {ys[i]:R}, expected {want[i]:R} (signed zeros and denormals pass unchanged)");
    }

    [Fact]
    public void TanhTensorBodyAndTailAgreeWithTheLibraryAndAtEveryThreadCount()
    {
        // 1003 elements cut into chunks of 37: every chunk has whole vectors and a scalar tail (MathF.Tanh), and the
        // chunk boundaries are the same for one thread and two.
        var xs = Enumerable.Range(0, 1003).Select(i => (float)Math.Sin(i * 0.71) * 4.5f).ToArray();
        using var fine = StridedLayout.FineGrain(37);
        var (one, two) = ThreadCounts.OneAndTwo(() => Tensor.FromArray(xs).Tanh().ToDoubleArray());
        Assert.Equal(one, two);
        for (int i = 0; i < xs.Length; i++)
            Assert.True(Ulps((float)one[i], Math.Tanh(xs[i])) <= Float32Tanh.MaxUlpError, $"Tanh element {i}: {one[i]:R} vs {Math.Tanh(xs[i]):R}");
    }

    public static TheoryData<string> LaneFunctions => ["Log1p", "Softplus", "ScaledSoftplus"];

    private static (Func<float, float> Scalar, Func<Vector<float>, Vector<float>> Vector, Func<double, double> Exact) Function(string name) => name switch
    {
        "Log1p" => (default(Log1pOp<float>).Apply, default(Log1pOp<float>).Apply, x => x > 1e-3 || x < -1e-3 ? Math.Log(1 + x) : x - x * x / 2 + x * x * x / 3 - x * x * x * x / 4),
        "Softplus" => (default(SoftplusOp<float>).Apply, default(SoftplusOp<float>).Apply, Softplus),
        _ => (new ScaledSoftplusOp<float>(2f, 20f).Apply, new ScaledSoftplusOp<float>(2f, 20f).Apply, x => 2 * x > 20 ? x : Softplus(2 * x) / 2),
    };

    private static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));

    [Theory]
    [MemberData(nameof(LaneFunctions))]
    public void VectorFormAgreesWithTheClosedForm(string name)
    {
        // The vector forms of these three run the scalar form lane by lane (PerLane.Map: a SIMD form was slower), so
        // only the closed form is an independent reference.
        var (_, vector, exact) = Function(name);
        var xs = Enumerable.Range(0, 20000).Select(i => (float)(-0.999 + i * 1.6e-3 * (1 + i / 2000.0))).Concat(
            [0f, -0f, 1e-30f, -1e-30f, 1e-40f, 3e-8f, -3e-8f, 15f, 40f, 100f, -90f, 1e30f]).Where(x => name != "Log1p" || x > -1).ToArray();
        int width = Vector<float>.Count;
        for (int i = 0; i + width <= xs.Length; i += width)
        {
            var lanes = Lanes(vector(new Vector<float>(xs, i)));
            for (int k = 0; k < width; k++)
            {
                float x = xs[i + k];
                Assert.True(Ulps(lanes[k], exact(x)) <= 4, $"{name}({x:R}): vector {lanes[k]:R}, closed form {exact(x):R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(LaneFunctions))]
    public void VectorFormKeepsTheClosedFormsSpecialValues(string name)
    {
        var (_, vector, exact) = Function(name);
        float[] xs = [0f, -0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, -1f, -2f, 1e-40f];
        var padded = new float[Math.Max(Vector<float>.Count, xs.Length)];
        for (int start = 0; start < xs.Length; start += Vector<float>.Count)
        {
            Array.Clear(padded);
            xs.AsSpan(start, Math.Min(Vector<float>.Count, xs.Length - start)).CopyTo(padded);
            var lanes = Lanes(vector(new Vector<float>(padded)));
            for (int k = 0; k < Math.Min(Vector<float>.Count, xs.Length - start); k++)
            {
                // NaN stays NaN, infinities and signed zeros are exact, finite values within the sweep's 4 ulp.
                float want = (float)exact(padded[k]);
                bool same = float.IsNaN(want) ? float.IsNaN(lanes[k])
                    : !float.IsFinite(want) || want == 0 ? BitConverter.SingleToInt32Bits(want) == BitConverter.SingleToInt32Bits(lanes[k])
                    : Ulps(lanes[k], want) <= 4;
                Assert.True(same, $"{name}({padded[k]:R}): vector {lanes[k]:R}, closed form {want:R}");
            }
        }
    }
}
