using Sharpgrad.NN;
using Sharpgrad.Tests.Convolution;

namespace Sharpgrad.Tests.Normalization;

/// <summary>
/// Batch norm fused with a residual block's tail, ReLU(BN(x) + r) (Functional.BatchNormRelu, BatchNormNd.ForwardRelu;
/// He et al. 2016, Fig. 2): the same bits as the three ops composed, at any thread count, its gradients against finite
/// differences in float64, and the module's fallback when a hook must see batch norm's own output.
/// </summary>
public class BatchNormReluTests
{
    /// <summary>
    /// [16, 6, 20, 21] float32: 40,320 values, over the kernels' parallel grain (32,768) so two threads split the channels,
    /// each channel 16 runs of 420 (whole vectors and a tail); [40, 70] is the across-channels path (S = 1).
    /// </summary>
    public static TheoryData<int[], int, bool, bool> Cases => new()
    {
        { [16, 6, 20, 21], 1, true, true }, { [16, 6, 20, 21], 2, true, true }, { [16, 6, 20, 21], 2, true, false },
        { [16, 6, 20, 21], 2, false, true }, { [40, 70], 1, true, true }, { [40, 70], 2, false, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TrainingMatchesTheUnfusedOpsBitForBit(int[] shape, int threads, bool withResidual, bool affine)
    {
        using var _ = Threads.Use(threads);
        var fused = Run(shape, withResidual, affine, training: true, (x, m, v, w, b, r) => Functional.BatchNormRelu(x, m, v, w, b, r, training: true));
        var composed = Run(shape, withResidual, affine, training: true, (x, m, v, w, b, r) =>
        {
            var y = Functional.BatchNorm(x, m, v, w, b, training: true);
            return (r is null ? y : y + r).Relu();
        });
        AssertSameBits(composed, fused);
    }

    [Fact]
    public void EvaluationMatchesTheUnfusedOpsBitForBit()
    {
        var fused = Run([16, 6, 20, 21], true, true, training: false,
            (x, m, v, w, b, r) => Functional.BatchNormRelu(x, m, v, w, b, r, training: false));
        var composed = Run([16, 6, 20, 21], true, true, training: false,
            (x, m, v, w, b, r) => (Functional.BatchNorm(x, m, v, w, b, training: false) + r!).Relu());
        AssertSameBits(composed, fused);
    }

    [Fact]
    public void GradientsMatchFiniteDifferences()
    {
        // Training: input, γ, β and the residual; the residual's scale puts some sums below zero, some above.
        GradCheck.Assert(t => Functional.BatchNormRelu(t[0], null, null, t[1], t[2], t[3], training: true),
            Rand.Leaf(1, 4, 3, 2, 3), Rand.Leaf(2, 3), Rand.Leaf(3, 3), Rand.Leaf(4, 4, 3, 2, 3));
        GradCheck.Assert(t => Functional.BatchNormRelu(t[0], null, null, t[1], t[2], null, training: true),
            Rand.Leaf(5, 6, 4), Rand.Leaf(6, 4), Rand.Leaf(7, 4));
        var mean = Tensor.From(new[] { 0.5, -1, 2 });
        var variance = Tensor.From(new[] { 1.5, 0.25, 4 });
        GradCheck.Assert(t => Functional.BatchNormRelu(t[0], mean, variance, t[1], null, t[2], training: false),
            Rand.Leaf(8, 2, 3, 5), Rand.Leaf(9, 3), Rand.Leaf(10, 2, 3, 5));
    }

    [Fact]
    public void IsTwiceDifferentiable()
    {
        GradCheck.RunSecondOrder(t => Functional.BatchNormRelu(t[0], null, null, t[1], null, t[2], training: true),
            [Rand.Leaf(11, 3, 2, 2, 2), Rand.Leaf(12, 2), Rand.Leaf(13, 3, 2, 2, 2)]).ThrowIfFailed();
    }

    [Fact]
    public void TheLayerCountsTheBatchAndUpdatesItsRunningStatisticsAsForward()
    {
        var x = Tensor.Randn([4, 3, 5, 5], DType.Float32, new Generator(14));
        var r = Tensor.Randn([4, 3, 5, 5], DType.Float32, new Generator(15));
        var fused = new BatchNorm2d(3);
        var composed = new BatchNorm2d(3);
        var y = fused.ForwardRelu(x, r);
        var expected = (composed.Forward(x) + r).Relu();
        Assert.Equal(Bits(expected), Bits(y));
        foreach (var name in new[] { "running_mean", "running_var", "num_batches_tracked" })
            Assert.Equal(composed.StateDict()[name].To(DType.Float64).ToArray<double>(), fused.StateDict()[name].To(DType.Float64).ToArray<double>());
    }

    [Fact]
    public void WithAHookTheLayerRunsItsOwnForwardSoTheHookSeesBatchNormsOutput()
    {
        var bn = new BatchNorm2d(2);
        Tensor? seen = null;
        bn.RegisterForwardHook((_, _, output) => seen = (Tensor?)output);
        var x = Tensor.Randn([3, 2, 4, 4], DType.Float32, new Generator(16));
        var y = bn.ForwardRelu(x);
        Assert.NotNull(seen);
        Assert.True(seen!.ToArray<float>().Any(v => v < 0), "the hook saw the output before the ReLU");
        Assert.Equal(Bits(seen.Relu()), Bits(y));
    }

    [Fact]
    public void AResidualOfAnotherShapeIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Functional.BatchNormRelu(Tensor.Zeros(2, 3, 4, 4), null, null,
            residual: Tensor.Zeros(2, 3, 4, 5), training: true));
        Assert.Equal("BatchNormRelu: the residual must have the input's shape [2, 3, 4, 4] and dtype float32, got [2, 3, 4, 5] float32.", e.Message);
    }

    private delegate Tensor Op(Tensor x, Tensor? mean, Tensor? variance, Tensor? weight, Tensor? bias, Tensor? residual);

    /// <summary>The output, the running statistics after the call, and the gradients of x, γ, β and r under a fixed upstream gradient.</summary>
    private static Tensor[] Run(int[] shape, bool withResidual, bool affine, bool training, Op op)
    {
        int channels = shape[1];
        var x = (Tensor.Randn(shape, DType.Float32, new Generator(20)) * 2 + 0.5).Detach().RequireGrad();
        var r = withResidual ? Tensor.Randn(shape, DType.Float32, new Generator(21)).RequireGrad() : null;
        var w = affine ? (Tensor.Randn([channels], DType.Float32, new Generator(22)) + 1).Detach().RequireGrad() : null;
        var b = affine ? Tensor.Randn([channels], DType.Float32, new Generator(23)).RequireGrad() : null;
        var mean = Tensor.Randn([channels], DType.Float32, new Generator(24));
        var variance = Tensor.Rand([channels], DType.Float32, new Generator(25)) + 0.5;
        var y = op(x, mean, variance, w, b, r);
        (y * Tensor.Randn(shape, DType.Float32, new Generator(26))).Sum().Backward();
        Tensor[] grads = [x.Grad!, .. new[] { w, b, r }.Where(t => t is not null).Select(t => t!.Grad!)];
        return [y, mean, variance, .. grads];
    }

    private static void AssertSameBits(Tensor[] expected, Tensor[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(Bits(expected[i]), Bits(actual[i]));
    }

    private static int[] Bits(Tensor t) => t.Detach().ToArray<float>().Select(BitConverter.SingleToInt32Bits).ToArray();
}
