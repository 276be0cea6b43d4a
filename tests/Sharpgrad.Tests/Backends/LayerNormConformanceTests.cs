using Sharpgrad.NN;

namespace Sharpgrad.Tests.Backends;

/// <summary>
/// Layer normalisation (Backends/Backend.LayerNorm.cs) on both backends: outputs and the gradients of input, weight and
/// bias, for rows of odd width (the SIMD lanes and a scalar tail) over several of the kernel's 32-row chunks, for a
/// two-dim normalized shape without affine parameters (and with a non-contiguous weight), on a strided view, and for an
/// input without gradient.
/// </summary>
public class LayerNormConformanceTests : LayerConformance
{
    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void RowsOfOddWidthWithWeightAndBias(DType dtype)
        => AgreeOnBothBackends(x => [Functional.LayerNorm(x[0], [37], x[1], x[2])], dtype, Normal(30, 3, 25, 37) * 3 + 2, Normal(31, 37), Normal(32, 37));

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void TwoNormalizedDimsWithoutAffineParameters(DType dtype)
        => AgreeOnBothBackends(x => [Functional.LayerNorm(x[0], [3, 5])], dtype, Normal(33, 7, 3, 5));

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void OnAStridedView(DType dtype)
        => AgreeOnBothBackends(x => [Functional.LayerNorm(x[0].Transpose(0, 1), [6], x[1], null)], dtype, Normal(34, 9, 4, 6), Normal(35, 6));

    /// <summary>The kernel's branch without an input gradient (dx == null) while the weight and bias still want theirs.</summary>
    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void InputWithoutGradientWeightWithGradient(DType dtype)
        => AgreeOnBothBackends(x => [Functional.LayerNorm(x[0].Detach(), [37], x[1], x[2])], dtype, Normal(36, 25, 37), Normal(37, 37), Normal(38, 37));

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void NonContiguousWeightOverTwoNormalizedDims(DType dtype)
        => AgreeOnBothBackends(x => [Functional.LayerNorm(x[0], [3, 5], x[1].Transpose(0, 1), x[2])], dtype, Normal(39, 7, 3, 5), Normal(40, 5, 3),
            Normal(41, 3, 5));
}
