using Sharpgrad.NN;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.MathOps;

/// <summary>Small cases of issue #10's ops worked out by hand or from closed forms, and the dtype rules.</summary>
public class MathHandTests
{
    private static Tensor D(params double[] values) => Tensor.From(values);

    [Fact]
    public void RoundTakesHalvesToTheEvenNeighbour()
    {
        var y = D(0.5, 1.5, 2.5, -0.5, -2.5, 3.5).Round();
        Close([0, 2, 2, 0, -2, 4], y, 0);
        Assert.True(double.IsNegative(y.ToDoubleArray()[3])); // round(−0.5) = −0
        Close([1.23], D(1.234).Round(2), 1e-15);
        Close([-120], D(-125.0).Round(-1), 0); // −12.5 rounds to −12
    }

    [Fact]
    public void FmodTakesTheDividendsSignAndRemainderTheDivisors()
    {
        var a = Tensor.From(new long[] { 7, -7, 7, -7 });
        var b = Tensor.From(new long[] { 3, 3, -3, -3 });
        var fmod = a.Fmod(b);
        var remainder = a.Remainder(b);
        Assert.Equal(DType.Int64, fmod.DType);
        Assert.Equal(new long[] { 1, -1, 1, -1 }, fmod.ToArray<long>());
        Assert.Equal(new long[] { 1, 2, -2, -1 }, remainder.ToArray<long>());
        Close([-1.5, 1.5], D(-7.5, 7.5).Fmod(D(2, -2)), 0);
        Close([0.5, -0.5], D(-7.5, 7.5).Remainder(D(2, -2)), 0);
    }

    [Fact]
    public void Expm1IsAccurateWhereExpMinusOneCancels()
    {
        // e^x − 1 = x + x²/2 + x³/6 + …; at x = 1e-10 the x² term is 5e-21, the x³ term negligible.
        Assert.Equal(1.00000000005e-10, D(1e-10).Expm1().Item<double>(), 1e-26);
        Assert.Equal(-1e-300, D(-1e-300).Expm1().Item<double>());
    }

    [Fact]
    public void ErfMatchesTabulatedValuesAndErfinvInvertsIt()
    {
        // erf(0.5) and erf(1) to 16 digits (Abramowitz & Stegun Table 7.1).
        Close([0.5204998778130465, 0.8427007929497149], D(0.5, 1).Erf(), 2.3e-16); // within 2 ulps
        var x = D(-2.5, -0.7, -1e-5, 0.3, 1.1, 2.2);
        Close(x, x.Erf().Erfinv(), 1e-13);
        Close([double.PositiveInfinity, double.NegativeInfinity, double.NaN], D(1, -1, 1.5).Erfinv(), 0);
    }

    [Fact]
    public void XlogyIsZeroWhereXIsZero()
        => Close([0, 0, 0, double.NaN, 2 * Math.Log(3)], D(0, 0, 0, 0, 2).Xlogy(D(0, double.PositiveInfinity, 5, double.NaN, 3)), 1e-15);

    [Fact]
    public void LogAddExpNeverOverflows()
        => Close([1000 + Math.Log(2), double.NegativeInfinity, double.PositiveInfinity], D(1000, double.NegativeInfinity, double.PositiveInfinity)
            .LogAddExp(D(1000, double.NegativeInfinity, double.PositiveInfinity)), 1e-12);

    [Fact]
    public void MedianIsTheLowerMiddleAndModeTheSmallestMostFrequent()
    {
        Assert.Equal(2, D(4, 1, 2, 5).Median().Item<double>());
        var (values, indices) = D(3, 1, 3, 1, 2).Reshape(1, 5).Mode(1);
        Assert.Equal(1, values.Item<double>());
        Assert.Equal(3, indices.Item<long>()); // the last occurrence of 1
        var median = D(5, 3, 9, 1, 7, 2).Reshape(2, 3).Median(1);
        Close([5, 2], median.Values, 0);
        Assert.Equal(new long[] { 0, 2 }, median.Indices.ToArray<long>());
    }

    [Fact]
    public void OrderStatisticsOfIntegersStayIntegers()
    {
        var x = Tensor.From(new long[] { 3, 9, 3, 1, 9, 9 }).Reshape(2, 3);
        var mode = x.Mode(1);
        Assert.Equal(new long[] { 3, 9 }, mode.Values.ToArray<long>());
        Assert.Equal(new long[] { 2, 2 }, mode.Indices.ToArray<long>());
        Assert.Equal(new long[] { 3, 9 }, x.Median(1).Values.ToArray<long>());
        Assert.Equal(new long[] { 9, 9 }, x.Amax([1]).ToArray<long>());
        Assert.Equal(3L, x.Median().Item<long>());
    }

    [Fact]
    public void QuantileInterpolatesBetweenTheNeighbouringRanks()
    {
        var x = D(4, 1, 3, 2); // sorted 1 2 3 4; q = 0.4 sits at rank 1.2
        Close([2.2], x.Quantile(0.4).Reshape(1), 1e-15);
        Close([2], x.Quantile(0.4, interpolation: "lower").Reshape(1), 0);
        Close([3], x.Quantile(0.4, interpolation: "higher").Reshape(1), 0);
        Close([2.5], x.Quantile(0.4, interpolation: "midpoint").Reshape(1), 0);
        Close([2], x.Quantile(0.4, interpolation: "nearest").Reshape(1), 0);
    }

    [Fact]
    public void AmaxSplitsTheGradientEvenlyAmongTies()
    {
        var x = D(1, 3, 3, 2).RequireGrad();
        x.Amax().Backward();
        Close([0, 0.5, 0.5, 0], x.Grad!, 0);
    }

    [Fact]
    public void MedianOfAllSplitsTheGradientAmongTies()
    {
        var x = D(2, 7, 2, 1, 9).RequireGrad();
        x.Median().Backward();
        Close([0.5, 0, 0.5, 0, 0], x.Grad!, 0);
    }

    [Fact]
    public void GluGatesTheFirstHalfWithTheSecond()
    {
        static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
        Close([1 * Sigmoid(3), 2 * Sigmoid(4)], Functional.Glu(D(1, 2, 3, 4)), 1e-15);
    }

    [Fact]
    public void KinkDerivativesFollowPyTorch()
    {
        Close([-0.5, 1.5], GradientAt(Functional.Hardswish, -3, 3), 1e-15);
        Close([0, 0], GradientAt(Functional.Hardsigmoid, -3, 3), 0);
        Close([0, 0], GradientAt(Functional.Relu6, 0, 6), 0);
        Close([0, 0], GradientAt(x => Functional.Hardshrink(x), -0.5, 0.5), 0);
        Close([1.0507009873554804934 * 1.6732632423543772848], GradientAt(Functional.Selu, 0), 1e-15);
        Close([1], GradientAt(x => Functional.Celu(x, 2), 0), 1e-15);
    }

    [Fact]
    public void ClampWithTensorBoundsBroadcastsAndGivesMaxWhenBoundsCross()
    {
        var y = D(-2, 0.5, 3).Reshape(3, 1).Clamp(D(-1, 1), D(1, 0));
        Close([-1, 0, 0.5, 0, 1, 0], y, 0);
    }

    [Fact]
    public void FloatFunctionsPromoteIntegersAndRoundingKeepsThem()
    {
        var ints = Tensor.From(new long[] { -1, 0, 2 });
        Assert.Equal(DType.Float32, ints.Erf().DType);
        Assert.Equal(DType.Float32, ints.Atan().DType);
        Assert.Equal(DType.Int64, ints.Floor().DType);
        Assert.Equal(new long[] { -1, 0, 2 }, ints.Round().ToArray<long>());
        Assert.Equal([true, true, true], ints.IsFinite().ToArray<bool>());
        Assert.Equal([false, false, false], ints.IsNan().ToArray<bool>());
    }

    [Fact]
    public void NanToNumDefaultsToTheDTypesExtremes()
    {
        var x = Tensor.From(new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1.5f }).NanToNum();
        Assert.Equal(new[] { 0, float.MaxValue, float.MinValue, 1.5f }, x.ToArray<float>());
    }

    [Fact]
    public void NanSumAndNanMeanSkipNaN()
    {
        var x = D(1, double.NaN, 2, double.NaN, double.NaN, 4).Reshape(2, 3);
        Close([3, 4], x.NanSum([1]), 0);
        Close([1.5, 4], x.NanMean([1]), 0);
    }

    private static Tensor GradientAt(Func<Tensor, Tensor> f, params double[] points)
    {
        var x = D(points).RequireGrad();
        f(x).Sum().Backward();
        return x.Grad!;
    }
}
