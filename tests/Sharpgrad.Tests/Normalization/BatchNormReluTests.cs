using Sharpgrad.Kernels;
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
    /// [16, 6, 20, 21] float32: each channel 16 runs of 420 (whole vectors and a tail); [40, 140] is the across-channels
    /// path (S = 1), two blocks of 70 channels (vectors and a tail). Both are under the kernels' parallel grain (32,768
    /// values), so the two-thread cases lower it (<see cref="StridedLayout.FineGrain"/>) to split the channels into
    /// blocks: 6 blocks of one channel for the images, 2 of 70 for the features (S = 1 blocks hold at least 64 channels).
    /// </summary>
    public static TheoryData<int[], int, bool, bool> Cases => new()
    {
        { [16, 6, 20, 21], 1, true, true }, { [16, 6, 20, 21], 2, true, true }, { [16, 6, 20, 21], 2, true, false },
        { [16, 6, 20, 21], 2, false, true }, { [40, 140], 1, true, true }, { [40, 140], 2, true, true }, { [40, 140], 2, false, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TrainingMatchesTheUnfusedOpsBitForBit(int[] shape, int threads, bool withResidual, bool affine)
    {
        using var _ = Threads.Use(threads);
        using var blocks = threads > 1 ? StridedLayout.FineGrain(1024) : null;
        var fused = Run(shape, withResidual, affine, training: true, Fused(training: true));
        var composed = Run(shape, withResidual, affine, training: true, Composed(training: true));
        AssertSameBits(composed, fused);
    }

    [Fact]
    public void EvaluationMatchesTheUnfusedOpsBitForBit()
        => AssertSameBits(Run([16, 6, 20, 21], true, true, training: false, Composed(training: false)),
            Run([16, 6, 20, 21], true, true, training: false, Fused(training: false)));

    /// <summary>
    /// The backward's other branches: no residual gradient (in evaluation the masked gradient is written into the input
    /// gradient and used in place), only γ's and β's gradients (the masked gradient goes to a scratch array), and a
    /// residual that is a strided view or starts at an offset in its storage (the op reads a contiguous copy or the offset).
    /// </summary>
    public static TheoryData<bool, Leaves, Residual> Branches => new()
    {
        { false, Leaves.NoResidual, Residual.Plain }, { true, Leaves.NoResidual, Residual.Plain },
        { false, Leaves.Parameters, Residual.Plain }, { true, Leaves.Parameters, Residual.Plain },
        { true, Leaves.All, Residual.Transposed }, { true, Leaves.All, Residual.AtOffset }, { false, Leaves.All, Residual.AtOffset },
    };

    [Theory]
    [MemberData(nameof(Branches))]
    public void OtherBackwardBranchesMatchTheUnfusedOpsBitForBit(bool training, Leaves leaves, Residual residual)
        => AssertSameBits(Run([4, 6, 10, 12], true, true, training, Composed(training), leaves, residual),
            Run([4, 6, 10, 12], true, true, training, Fused(training), leaves, residual));

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

    /// <summary>The layer's configurations: momentum 0.1 and None (the cumulative average), no running statistics, evaluation.</summary>
    public static TheoryData<double?, bool, bool> LayerCases => new()
    {
        { 0.1, true, true }, { null, true, true }, { 0.1, false, true }, { 0.1, true, false }, { 0.1, false, false },
    };

    [Theory]
    [MemberData(nameof(LayerCases))]
    public void TheLayerMatchesForwardThenTheAddAndReluWithItsRunningStatistics(double? momentum, bool trackRunningStats, bool training)
    {
        var fused = new BatchNorm2d(3, momentum: momentum, trackRunningStats: trackRunningStats);
        var composed = new BatchNorm2d(3, momentum: momentum, trackRunningStats: trackRunningStats);
        AssertLayersAgree(fused, composed, training);
    }

    [Fact]
    public void WithSynchronisedStatisticsTheLayerFallsBackToForwardThenTheAddAndRelu()
    {
        var fused = new BatchNorm2d(3) { StatisticsSync = new TwoIdenticalProcesses() };
        var composed = new BatchNorm2d(3) { StatisticsSync = new TwoIdenticalProcesses() };
        AssertLayersAgree(fused, composed, training: true);
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

    [Fact]
    public void TheLayerRejectsABroadcastingResidualOnTheFusedPathAndTheFallbackAlike()
    {
        const string expected = "BatchNormRelu: the residual must have the input's shape [2, 3, 4, 4] and dtype float32, got [1, 3, 1, 1] float32.";
        var plain = new BatchNorm2d(3);
        var hooked = new BatchNorm2d(3);
        hooked.RegisterForwardHook((_, _, _) => { });
        foreach (var bn in new[] { plain, hooked })
        {
            var e = Assert.Throws<ArgumentException>(() => bn.ForwardRelu(Tensor.Zeros(2, 3, 4, 4), Tensor.Zeros(1, 3, 1, 1)));
            Assert.Equal(expected, e.Message);
        }
    }

    /// <summary>Which leaves need a gradient: all, all but the residual, or only γ and β.</summary>
    public enum Leaves { All, NoResidual, Parameters }

    /// <summary>How the residual is laid out: contiguous from 0, a transposed view, or a contiguous slice at an offset.</summary>
    public enum Residual { Plain, Transposed, AtOffset }

    private static Op Fused(bool training) => (x, m, v, w, b, r) => Functional.BatchNormRelu(x, m, v, w, b, r, training: training);

    private static Op Composed(bool training) => (x, m, v, w, b, r) =>
    {
        var y = Functional.BatchNorm(x, m, v, w, b, training: training);
        return (r is null ? y : y + r).Relu();
    };

    /// <summary>Two training steps (or one evaluation) through each layer: the outputs, gradients and state agree bit for bit.</summary>
    private static void AssertLayersAgree(BatchNorm2d fused, BatchNorm2d composed, bool training)
    {
        fused.Train(training);
        composed.Train(training);
        for (int step = 0; step < (training ? 2 : 1); step++)
        {
            var x = Tensor.Randn([4, 3, 5, 5], DType.Float32, new Generator(14 + step)).RequireGrad();
            var r = Tensor.Randn([4, 3, 5, 5], DType.Float32, new Generator(16 + step));
            var upstream = Tensor.Randn([4, 3, 5, 5], DType.Float32, new Generator(18 + step));
            var y = fused.ForwardRelu(x, r);
            (y * upstream).Sum().Backward();
            var x2 = x.Detach().RequireGrad();
            var expected = (composed.Forward(x2) + r).Relu();
            (expected * upstream).Sum().Backward();
            Assert.Equal(Bits(expected), Bits(y));
            Assert.Equal(Bits(x2.Grad!), Bits(x.Grad!));
        }
        var fusedState = fused.StateDict();
        var composedState = composed.StateDict();
        Assert.Equal(composedState.Keys.Order(), fusedState.Keys.Order());
        foreach (var name in composedState.Keys)
            Assert.Equal(composedState[name].To(DType.Float64).ToArray<double>(), fusedState[name].To(DType.Float64).ToArray<double>());
        Assert.Equal(Bits(composed.Weight!.Grad!), Bits(fused.Weight!.Grad!));
    }

    /// <summary>A data-parallel job of two processes with the same batch: the global sums are twice the local ones.</summary>
    private sealed class TwoIdenticalProcesses : IBatchStatisticsSync
    {
        public int WorldSize => 2;

        public Tensor SumOverProcesses(Tensor local) => local * 2;
    }

    private delegate Tensor Op(Tensor x, Tensor? mean, Tensor? variance, Tensor? weight, Tensor? bias, Tensor? residual);

    /// <summary>The output, the running statistics after the call, and the gradients of the leaves under a fixed upstream gradient.</summary>
    private static Tensor[] Run(int[] shape, bool withResidual, bool affine, bool training, Op op, Leaves leaves = Leaves.All,
        Residual layout = Residual.Plain)
    {
        int channels = shape[1];
        var x = (Tensor.Randn(shape, DType.Float32, new Generator(20)) * 2 + 0.5).Detach();
        var r = withResidual ? ResidualOf(shape, layout) : null;
        var w = affine ? (Tensor.Randn([channels], DType.Float32, new Generator(22)) + 1).Detach().RequireGrad() : null;
        var b = affine ? Tensor.Randn([channels], DType.Float32, new Generator(23)).RequireGrad() : null;
        if (leaves != Leaves.Parameters) x.RequireGrad();
        if (leaves == Leaves.All) r?.RequireGrad();
        var mean = Tensor.Randn([channels], DType.Float32, new Generator(24));
        var variance = Tensor.Rand([channels], DType.Float32, new Generator(25)) + 0.5;
        var y = op(x, mean, variance, w, b, r);
        (y * Tensor.Randn(shape, DType.Float32, new Generator(26))).Sum().Backward();
        Tensor[] grads = [.. new[] { x, w, b, r }.Where(t => t is { RequiresGrad: true }).Select(t => t!.Grad!)];
        return [y, mean, variance, .. grads];
    }

    /// <summary>Normal values of the input's shape, laid out as asked; a leaf, so that it can be given a gradient.</summary>
    private static Tensor ResidualOf(int[] shape, Residual layout)
    {
        var generator = new Generator(21);
        return layout switch
        {
            Residual.Transposed => Tensor.Randn([.. shape[..^2], shape[^1], shape[^2]], DType.Float32, generator).Transpose(shape.Length - 2, shape.Length - 1).Detach(),
            Residual.AtOffset => Tensor.Randn([shape[0] + 1, .. shape[1..]], DType.Float32, generator).Narrow(0, 1, shape[0]).Detach(),
            _ => Tensor.Randn(shape, DType.Float32, generator),
        };
    }

    private static void AssertSameBits(Tensor[] expected, Tensor[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(Bits(expected[i]), Bits(actual[i]));
    }

    private static int[] Bits(Tensor t) => t.Detach().ToArray<float>().Select(BitConverter.SingleToInt32Bits).ToArray();
}
