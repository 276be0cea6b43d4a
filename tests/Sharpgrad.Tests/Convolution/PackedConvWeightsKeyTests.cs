using Sharpgrad.Backends.Cpu;
using Sharpgrad.NN;

namespace Sharpgrad.Tests.Convolution;

/// <summary>
/// Review of rn18: the packed-weight cache packs only at inference, drops outdated packs first, and keeps one entry per
/// (offset, group layout) of a storage. x = 1 [1, 8, 10, 10], no padding: each output is the sum of its window's taps.
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
}
