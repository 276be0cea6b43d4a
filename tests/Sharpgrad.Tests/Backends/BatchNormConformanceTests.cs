using Sharpgrad.NN;

namespace Sharpgrad.Tests.Backends;

/// <summary>
/// Batch normalisation (Backends/Backend.BatchNorm.cs) on both backends: outputs, gradients of input, γ and β, and the
/// running statistics updated in place, in training and evaluation, for [N, C] (the kernels' across-channels path)
/// and [N, C, H, W] (per-channel runs), with and without the affine parameters, and on a strided view.
/// </summary>
public class BatchNormConformanceTests : LayerConformance
{
    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void TrainingOnImagesUpdatesTheRunningStatistics(DType dtype)
        => AgreeOnBothBackends(x =>
        {
            var (mean, variance) = RunningStatistics(x[0], 3);
            var y = Functional.BatchNorm(x[0], mean, variance, x[1], x[2], training: true, momentum: 0.3);
            return [y, mean, variance];
        }, dtype, Normal(10, 4, 3, 5, 6) * 2 + 1, Normal(11, 3), Normal(12, 3));

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void TrainingOnFeaturesWithoutAffineParameters(DType dtype)
        // 70 channels of [N, C]: the kernels' vectorised path across channels, with a scalar tail.
        => AgreeOnBothBackends(x => [Functional.BatchNorm(x[0], null, null, training: true)], dtype, Normal(13, 5, 70) + 3);

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void EvaluationWithRunningStatistics(DType dtype)
        => AgreeOnBothBackends(x =>
        {
            var (mean, variance) = FixedStatistics(x[0]);
            return [Functional.BatchNorm(x[0], mean, variance, x[1], null, training: false)];
        }, dtype, Normal(14, 2, 3, 9), Normal(15, 3));

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void TrainingOnAStridedView(DType dtype)
        => AgreeOnBothBackends(x => [Functional.BatchNorm(x[0].Permute(0, 3, 1, 2), null, null, null, x[1], training: true)],
            dtype, Normal(16, 3, 4, 5, 2), Normal(17, 2));

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void FusedWithAResidualAndReluInTraining(DType dtype)
        // The forward's residual add and ReLU, and the backward through the ReLU into the residual's gradient.
        => AgreeOnBothBackends(x =>
        {
            var (mean, variance) = RunningStatistics(x[0], 3);
            return [Functional.BatchNormRelu(x[0], mean, variance, x[1], x[2], x[3], training: true, momentum: 0.3), mean, variance];
        }, dtype, Normal(18, 4, 3, 5, 6), Normal(19, 3), Normal(20, 3), Normal(21, 4, 3, 5, 6));

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void FusedWithReluOnFeatures(DType dtype)
        // [N, C] with 70 channels: the across-channels path of the fused backward.
        => AgreeOnBothBackends(x => [Functional.BatchNormRelu(x[0], null, null, training: true)], dtype, Normal(22, 5, 70));

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void FusedWithAResidualAndReluInEvaluation(DType dtype)
        => AgreeOnBothBackends(x =>
        {
            var (mean, variance) = FixedStatistics(x[0]);
            return [Functional.BatchNormRelu(x[0], mean, variance, x[1], null, x[2], training: false)];
        }, dtype, Normal(23, 2, 3, 9), Normal(24, 3), Normal(25, 2, 3, 9));

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void FusedWithAResidualOnFeatures(DType dtype)
        // [N, C] with 70 channels and a residual: the across-channels path with the residual's gradient.
        => AgreeOnBothBackends(x => [Functional.BatchNormRelu(x[0], null, null, x[1], x[2], x[3], training: true)], dtype,
            Normal(26, 5, 70), Normal(27, 70), Normal(28, 70), Normal(29, 5, 70));

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void FusedWithAResidualThatNeedsNoGradient(DType dtype)
        // Training and evaluation: no masked gradient is asked for the residual.
        => AgreeOnBothBackends(x =>
        {
            var (mean, variance) = FixedStatistics(x[0]);
            return [Functional.BatchNormRelu(x[0], null, null, x[1], x[2], x[3].Detach(), training: true)
                + Functional.BatchNormRelu(x[0], mean, variance, x[1], x[2], x[3].Detach(), training: false)];
        }, dtype, Normal(30, 2, 3, 9), Normal(31, 3), Normal(32, 3), Normal(33, 2, 3, 9));

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void FusedWithAResidualAtAnOffset(DType dtype)
        // The residual a slice of a larger tensor: the forward reads it from its offset.
        => AgreeOnBothBackends(x => [Functional.BatchNormRelu(x[0], null, null, x[1], null, x[2].Narrow(0, 1, 2), training: true)],
            dtype, Normal(34, 2, 3, 9), Normal(35, 3), Normal(36, 3, 3, 9));

    /// <summary>Running statistics of 3 channels for evaluation mode, on the device and in the dtype of <paramref name="like"/>.</summary>
    private static (Tensor Mean, Tensor Variance) FixedStatistics(Tensor like)
        => (Tensor.From(new[] { 0.5, -1, 2 }).To(like.DType).To(like.Device), Tensor.From(new[] { 1.5, 0.25, 4 }).To(like.DType).To(like.Device));

    private static (Tensor Mean, Tensor Variance) RunningStatistics(Tensor like, int channels)
        => (Tensor.Zeros([channels], like.DType).To(like.Device), (Tensor.Ones([channels], like.DType) * 2).To(like.Device));
}
