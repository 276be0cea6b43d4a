using Sharpgrad.NN;

namespace Sharpgrad.Tests.Backends;

/// <summary>
/// The fused softmax cross-entropy (Backends/Backend.CrossEntropy.cs) on both backends: losses and logit gradients
/// under each reduction, with ignored labels, spatial labels [N, d] (logits [N, C, d], a strided view of the rows), and
/// large logits that overflow unless the maximum is subtracted first.
/// </summary>
public class CrossEntropyConformanceTests : LayerConformance
{
    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void EachReductionWithIgnoredLabels(DType dtype)
    {
        var labels = Tensor.From(new long[] { 2, -100, 0, 4, 4, -100 });
        foreach (var reduction in new[] { Reduction.Mean, Reduction.Sum, Reduction.None })
            AgreeOnBothBackends(x => [Losses.CrossEntropy(x[0], x[1], reduction: reduction)], dtype, Normal(20, 6, 5), labels);
    }

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void AnotherIgnoreIndex(DType dtype)
        => AgreeOnBothBackends(x => [Losses.CrossEntropy(x[0], x[1], ignoreIndex: 1, reduction: Reduction.None)], dtype,
            Normal(21, 5, 3), Tensor.From(new long[] { 1, 0, 2, 1, 2 }));

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void SpatialLabels(DType dtype)
        => AgreeOnBothBackends(x => [Losses.CrossEntropy(x[0], x[1])], dtype,
            Normal(22, 2, 4, 3), Tensor.From(new long[] { 0, 3, 1, 2, 2, -100 }).Reshape(2, 3));

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void LargeLogits(DType dtype)
        => AgreeOnBothBackends(x => [Losses.CrossEntropy(x[0], x[1], reduction: Reduction.Sum)], dtype,
            Normal(23, 3, 4) * 400 + 1000, Tensor.From(new long[] { 3, 0, 1 }));

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void NoRows(DType dtype)
        => AgreeOnBothBackends(x => [Losses.CrossEntropy(x[0], x[1], reduction: Reduction.Sum)], dtype,
            Tensor.Zeros([0, 4], DType.Float64), Tensor.Zeros([0], DType.Int64));
}
