using Sharpgrad.Backends.Cpu;
using Sharpgrad.Kernels;
using Sharpgrad.NN;
using Case = Sharpgrad.Tests.Convolution.ConvKernelTests.Case;

namespace Sharpgrad.Tests.Convolution;

/// <summary>
/// Review of rn18: the packed-weight cache packs only at inference, drops outdated packs first, and keeps one entry per
/// (offset, group layout, orientation) of a storage. x = 1 [1, 8, 10, 10], no padding: each output is the sum of its window's taps.
/// </summary>
public class PackedConvWeightsKeyTests
{
    private static readonly Tensor Ones = Tensor.Ones([1, 8, 10, 10]);

    [Fact]
    public void GradientAccumulationUnderGradKeepsNothing()
    {
        var w = Tensor.Full([32, 8, 3, 3], 1f).RequireGrad();
        for (int step = 0; step < 2; step++)
        {
            // Two micro-batches read w at one version, with gradients on: training, so nothing is packed or noted.
            Functional.Conv2d(Ones, w).Sum().Backward();
            Functional.Conv2d(Ones, w).Sum().Backward();
            Assert.Equal(0, CpuPackedConvWeights.Entries(w));
        }
        // Each micro-batch adds 64 positions × 1 image to every weight's gradient, twice per step, two steps: 256.
        Assert.All(w.Grad!.ToArray<float>(), g => Assert.Equal(256f, g));
    }

    [Fact]
    public void AnOutdatedPackIsDroppedOnTheNextCallWhateverItsMode()
    {
        var w = Tensor.Full([32, 8, 3, 3], 1f);
        using (Autograd.NoGrad()) { Functional.Conv2d(Ones, w); Functional.Conv2d(Ones, w); }
        Assert.Equal(1, CpuPackedConvWeights.PackedEntries(w));
        w.Fill(2);
        var y = Functional.Conv2d(Ones, w);   // gradients on: not packed again, and the old pack is gone
        Assert.Equal(0, CpuPackedConvWeights.Entries(w));
        Assert.All(y.ToArray<float>(), v => Assert.Equal(144f, v));   // 72 taps × 2
    }

    [Fact]
    public void TwoViewsOfOneBufferAtDifferentOffsetsEachKeepTheirPack()
    {
        var buffer = Tensor.Full([2, 32, 8, 3, 3], 1f);
        buffer.Select(0, 1).Fill(3);
        Tensor w0 = buffer.Select(0, 0), w1 = buffer.Select(0, 1);
        Tensor y0 = Ones, y1 = Ones;
        using (Autograd.NoGrad())
            for (int call = 0; call < 3; call++) { y0 = Functional.Conv2d(Ones, w0); y1 = Functional.Conv2d(Ones, w1); }
        Assert.Equal(2, CpuPackedConvWeights.PackedEntries(w0));
        Assert.All(y0.ToArray<float>(), v => Assert.Equal(72f, v));
        Assert.All(y1.ToArray<float>(), v => Assert.Equal(216f, v));
    }

    [Fact]
    public void OneBufferReadWithTwoGroupLayoutsKeepsBothPacks()
    {
        var w = Tensor.Full([32, 8, 3, 3], 1f);
        var grouped = w.Reshape(64, 4, 3, 3);   // the same storage and offset, read as 2 groups of 32 × 36
        Tensor dense = Ones, split = Ones;
        using (Autograd.NoGrad())
            for (int call = 0; call < 3; call++) { dense = Functional.Conv2d(Ones, w); split = Functional.Conv2d(Ones, grouped, groups: 2); }
        Assert.Equal(2, CpuPackedConvWeights.PackedEntries(w));
        Assert.All(dense.ToArray<float>(), v => Assert.Equal(72f, v));
        Assert.All(split.ToArray<float>(), v => Assert.Equal(36f, v));   // 4 channels × 9 taps per group
    }

    /// <summary>
    /// Review of rn18o: one weight whose plans differ only in orientation keeps both packs side by side, so alternating
    /// batch sizes repacks neither (the same pack objects are handed back). 12×12 outputs with 64 channels on AVX-512
    /// (nr = 32): at batch 1 a tile is one image, 144 positions, 66·160 against 144·64 padded multiply-adds (13% fewer
    /// transposed: colsᵀ·Wᵀ); at batch 64 a tile is two images, 288 positions, 66·288 against 288·64 (3% fewer, under
    /// the 8% margin: W·cols) — as ResNet-18's 256→256 14² layer. 96 input channels make the weights 221 KB, past what
    /// the implicit kernels take, so both batch sizes run im2col + GEMM.
    /// </summary>
    [Fact]
    public void AlternatingBatchSizesOfBothOrientationsRepacksNothing()
    {
        if (SimdPaths.Selected != SimdPath.Vector512) return;   // with nr = 16 batch 1 saves 3% only and keeps W·cols
        // im2col + GEMM in either orientation by shape: by shape, F(2×2, 3×3) would take these 3×3 maps.
        using var gemm = ConvAlgorithm.Force(ConvAlgorithm.Choice.Gemm);
        var w = Tensor.Full([64, 96, 3, 3], 1f);
        var algorithms = new[] { 1, 64 }.Select(batch =>
            CpuConvolutionPlans.Get(ConvKernelTests.Geometry(new Case(batch, 96, 64, [14, 14], [3, 3])), 1, 64, DType.Float32).Algorithm).ToArray();
        Assert.All(algorithms, a => Assert.True(a.ForwardTakesPackedWeights));
        Assert.True(algorithms[0].Gemm.TransposedProduct, "batch 1 should run the transposed product");
        Assert.False(algorithms[1].Gemm.TransposedProduct, "batch 64 should run W·cols");
        Tensor[] inputs = [Tensor.Ones([1, 96, 14, 14]), Tensor.Ones([64, 96, 14, 14])];
        using var noGrad = Autograd.NoGrad();
        void Alternate()
        {
            foreach (var x in inputs)
                Assert.All(Functional.Conv2d(x, w).ToArray<float>(), v => Assert.Equal(864f, v));   // 96 channels × 9 taps
        }
        Alternate();
        Alternate();   // the second call of each orientation packs it
        Assert.Equal(2, CpuPackedConvWeights.PackedEntries(w));
        var packs = algorithms.Select(a => CpuPackedConvWeights.For<float>(a, w, inference: true)).ToArray();
        Assert.Equal([true, false], packs.Select(p => p!.AsRightOperand));
        Alternate();
        for (int i = 0; i < 2; i++)
            Assert.Same(packs[i], CpuPackedConvWeights.For<float>(algorithms[i], w, inference: true));
    }
}
