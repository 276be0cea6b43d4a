using Sharpgrad.NN;

namespace Sharpgrad.Tests.Backends;

/// <summary>
/// Pooling (Backends/Backend.Pooling.cs) on both backends: values, switches (exactly) and gradients of max, average
/// and adaptive pooling in 1, 2 and 3 dims, over the kernels' fast 2×2 path and the general walk, with padding,
/// dilation, ceil mode, the three divisors, strided views, ties, NaN and an empty batch.
/// </summary>
public class PoolingConformanceTests : LayerConformance
{
    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void MaxPoolOfTwoByTwoWindows(DType dtype)
        // 2×2 stride 2 is the kernel's vectorised pair path; 9 columns leave one uncovered in floor mode.
        => AgreeOnBothBackends(x => Pair(Functional.MaxPool2dWithIndices(x[0], 2)), dtype, Normal(1, 2, 3, 6, 9));

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void MaxPoolWithPaddingDilationAndCeilMode(DType dtype)
        => AgreeOnBothBackends(x => Pair(Functional.MaxPool2dWithIndices(x[0], (3, 2), stride: (2, 1), padding: (1, 0), dilation: (1, 2), ceilMode: true)),
            dtype, Normal(2, 2, 2, 7, 8));

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void MaxPoolKeepsTheFirstOfTiedMaxima(DType dtype)
    {
        // Values rounded to integers tie often inside overlapping windows; both backends must pick the first.
        var ties = (Normal(3, 1, 2, 6, 6) * 1.5).Round();
        AgreeOnBothBackends(x => Pair(Functional.MaxPool2dWithIndices(x[0], 3, stride: 1)), dtype, ties);
        AgreeOnBothBackends(x => Pair(Functional.MaxPool2dWithIndices(x[0], 2)), dtype, ties);
    }

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void MaxPoolPropagatesNaN(DType dtype)
    {
        var x = Tensor.From(new[] { 1.0, double.NaN, 3, 0, 2, double.NaN, 5, 4 }).Reshape(1, 1, 8);
        AgreeOnBothBackends(t => Pair(Functional.MaxPool1dWithIndices(t[0], 3, stride: 1)), dtype, x);
        AgreeOnBothBackends(t => Pair(Functional.MaxPool2dWithIndices(t[0].Reshape(1, 1, 2, 4), 2)), dtype, x);
    }

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void MaxPoolOfStridedViewsIn1dAnd3d(DType dtype)
    {
        AgreeOnBothBackends(x => Pair(Functional.MaxPool1dWithIndices(x[0].Transpose(1, 2), 2, stride: 1)), dtype, Normal(4, 2, 7, 3));
        AgreeOnBothBackends(x => Pair(Functional.MaxPool3dWithIndices(x[0].Permute(0, 1, 4, 3, 2), 2, padding: 1)), dtype, Normal(5, 1, 2, 3, 4, 5));
    }

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void AveragePoolWithEachDivisor(DType dtype)
    {
        var x = Normal(6, 2, 2, 7, 6);
        AgreeOnBothBackends(t => [Functional.AvgPool2d(t[0], 2)], dtype, x);
        AgreeOnBothBackends(t => [Functional.AvgPool2d(t[0], 3, stride: 2, padding: 1, ceilMode: true)], dtype, x);
        AgreeOnBothBackends(t => [Functional.AvgPool2d(t[0], 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false)], dtype, x);
        AgreeOnBothBackends(t => [Functional.AvgPool2d(t[0], (2, 3), stride: 1, padding: (1, 1), divisorOverride: 5)], dtype, x);
    }

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void AveragePoolOfStridedViewsIn1dAnd3d(DType dtype)
    {
        AgreeOnBothBackends(x => [Functional.AvgPool1d(x[0].Transpose(0, 1), 3, stride: 2, padding: 1, countIncludePad: false)], dtype, Normal(7, 9, 4));
        AgreeOnBothBackends(x => [Functional.AvgPool3d(x[0][.., .., 1..], (2, 2, 3), stride: (1, 2, 2))], dtype, Normal(8, 2, 2, 4, 5, 7));
    }

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void AdaptivePoolingOfUnevenWindows(DType dtype)
    {
        var x = Normal(9, 2, 3, 7, 9);
        AgreeOnBothBackends(t => [Functional.AdaptiveAvgPool2d(t[0], (3, 5))], dtype, x);
        AgreeOnBothBackends(t => Pair(Functional.AdaptiveMaxPool2d(t[0], (3, 5))), dtype, x);
        AgreeOnBothBackends(t => Pair(Functional.AdaptiveMaxPool1d(t[0].Reshape(6, 7, 9)[.., 2], 4)), dtype, x);
        AgreeOnBothBackends(t => [Functional.AdaptiveAvgPool3d(t[0], (2, 3, 4))], dtype, x);
    }

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void PoolingAnEmptyBatch(DType dtype)
    {
        var x = Tensor.Zeros([0, 2, 4, 4], DType.Float64);
        AgreeOnBothBackends(t => Pair(Functional.MaxPool2dWithIndices(t[0], 2)), dtype, x);
        AgreeOnBothBackends(t => [Functional.AvgPool2d(t[0], 2)], dtype, x);
    }

    private static Tensor[] Pair((Tensor Values, Tensor Indices) pooled) => [pooled.Values, pooled.Indices];
}
