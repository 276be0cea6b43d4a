using Sharpgrad.Backends.Cpu;
using Sharpgrad.Kernels;
using Sharpgrad.NN;
using Sharpgrad.Optim;
using Choice = Sharpgrad.Kernels.ConvAlgorithm.Choice;

namespace Sharpgrad.Tests.Convolution;

/// <summary>
/// Convolution weights kept packed between inference calls (<see cref="CpuPackedConvWeights"/>): the packed forward
/// gives the unpacked one's bits, and a weight written in place in any way is packed again, never served stale.
/// </summary>
public class PackedConvWeightsTests
{
    /// <summary>x = 1 [1, 8, 10, 10], W [32, 8, 3, 3], no padding: each output is Σ over its 72 taps of W[o], 72·w for a constant w.</summary>
    private static readonly Tensor Ones = Tensor.Ones([1, 8, 10, 10]);

    private static Tensor Conv(Tensor w) => Functional.Conv2d(Ones, w);

    /// <summary>Two calls under NoGrad: the first notes the weight's version, the second packs it and keeps it.</summary>
    private static void Warm(Tensor w)
    {
        using (Autograd.NoGrad()) { Conv(w); Conv(w); }
        Assert.True(CpuPackedConvWeights.Holds(w), "the second call at one version should keep the weights packed");
    }

    /// <summary>Output channel o of a constant-per-channel weight, all 64 positions: 72·w[o] (channel sums of 72 equal taps).</summary>
    private static void AssertChannels(Tensor w, params float[] perChannel)
    {
        Tensor y;
        using (Autograd.NoGrad()) y = Conv(w);
        var values = y.ToArray<float>();
        for (int o = 0; o < 32; o++)
            for (int p = 0; p < 64; p++)
                Assert.True(values[o * 64 + p] == 72 * perChannel[Math.Min(o, perChannel.Length - 1)],
                    $"channel {o} position {p}: {values[o * 64 + p]}, expected 72 × {perChannel[Math.Min(o, perChannel.Length - 1)]}");
    }

    private static Tensor Weight(float value, bool grad = false)
    {
        var w = Tensor.Full([32, 8, 3, 3], value);
        return grad ? w.RequireGrad() : w;
    }

    [Fact]
    public void TheWeightsArePackedOnTheSecondCallAndGiveTheClosedForm()
    {
        var w = Weight(1);
        Assert.False(CpuPackedConvWeights.Holds(w));
        Warm(w);
        AssertChannels(w, 1);
    }

    [Fact]
    public void FillIsSeen()
    {
        var w = Weight(1);
        Warm(w);
        w.Fill(2);
        Assert.False(CpuPackedConvWeights.Holds(w));
        AssertChannels(w, 2);
    }

    [Fact]
    public void AddInPlaceAndMulInPlaceAreSeen()
    {
        var w = Weight(2);
        Warm(w);
        w.AddInPlace(Tensor.Ones([32, 8, 3, 3]), alpha: 0.5);
        AssertChannels(w, 2.5f);
        Warm(w);
        w.MulInPlace(2);
        AssertChannels(w, 5);
    }

    [Fact]
    public void CopyFromAndIndexAssignmentAreSeen()
    {
        var w = Weight(1);
        Warm(w);
        w.CopyFrom(Tensor.Full([32, 8, 3, 3], 3f));
        AssertChannels(w, 3);
        Warm(w);
        w[0] = Tensor.Scalar(1f);
        AssertChannels(w, 1, 3);
    }

    [Fact]
    public void AWriteThroughAViewIsSeen()
    {
        var w = Weight(3);
        Warm(w);
        w.Select(0, 1).Fill(4);   // another tensor object on the same storage
        AssertChannels(w, 3, 4, 3);
    }

    [Fact]
    public void AnOptimizerStepIsSeen()
    {
        var w = Weight(3, grad: true);
        Warm(w);
        Conv(w).Sum().Backward();                 // ∂/∂W of the sum: 64 output positions, each tap reading a 1
        new SGD([w], lr: 1.0 / 64).Step();       // W ← 3 − 64/64 = 2
        AssertChannels(w, 2);
    }

    /// <summary>
    /// Odd shapes, groups, stride, padding and dilation, float32 and float64, one thread and two (the 2-thread batch-1
    /// case cuts the GEMM by rows: 150 output channels over 25 positions): the packed call gives the unpacked one's bits.
    /// The packed call also writes its column tiles straight into the GEMM's packed strips (GemmConvolution.Strips), so
    /// the last three images are tall enough for several tiles (64 and 32 channels of 3×3 taps: 7 and 11 output rows a
    /// tile): interior tiles write their padding zeros while copying, edge tiles clear first, and tiles of 280 and 440
    /// columns end in a partial strip; stride 2 and dilation 2 move the padding around.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void PackedWeightsGiveTheUnpackedBits(int threads)
    {
        using var scope = Threads.Use(threads);
        using var forced = ConvAlgorithm.Force(Choice.Gemm);
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            Check(dtype, [3, 6, 7, 9], [10, 3, 3, 2], stride: new SpatialSize(2, 1), padding: 1, dilation: new SpatialSize(1, 2), groups: 2);
            Check(dtype, [1, 70, 5, 5], [150, 70, 3, 3], stride: new SpatialSize(1, 1), padding: 1, dilation: new SpatialSize(1, 1), groups: 1);
            Check(dtype, [1, 64, 40, 40], [24, 64, 3, 3], stride: new SpatialSize(1, 1), padding: 1, dilation: new SpatialSize(1, 1), groups: 1);
            Check(dtype, [2, 32, 81, 80], [20, 32, 3, 3], stride: new SpatialSize(2, 2), padding: 1, dilation: new SpatialSize(1, 1), groups: 1);
            Check(dtype, [1, 32, 44, 44], [12, 16, 3, 3], stride: new SpatialSize(1, 1), padding: 2, dilation: new SpatialSize(2, 2), groups: 2);
        }
    }

    /// <summary>
    /// A pack made for one training call (<see cref="PackedConvWeights{T}"/> with <c>rent</c>): its arrays come from the
    /// given pool with stale contents (NaN here), the forward through it gives the closed form and the bits of the call
    /// that packs for itself, and <see cref="PackedConvWeights{T}.Release"/> returns every array, after which the pack
    /// cannot be read. A transposed pack (the adjoint's Wᵀ) is refused by the forward, with an error that says so.
    /// </summary>
    [Fact]
    public void APackRentedForOneCallGivesTheSameBitsAndReturnsItsArrays()
    {
        var c = new ConvKernelTests.Case(3, 24, 40, [17, 15], [3, 3], Padding: 1);   // 35 KB of weights in two tiles
        var plan = new GemmConvPlan(ConvKernelTests.Geometry(c), 1, c.OutChannels, sizeof(float));
        Assert.True(plan.PacksWeightsOnce);
        var gen = new Generator(41);
        var x = ConvKernelTests.Normal(gen, c.Batch, c.Channels, c.Input);
        var w = ConvKernelTests.Normal(gen, c.OutChannels, c.Channels, c.Kernel);
        var b = ConvKernelTests.Normal(gen, c.OutChannels);
        var expected = ConvKernelTests.Plain(c, x, w, b, new double[c.Batch * c.OutChannels * c.Output[0] * c.Output[1]]).Y;
        float[] xf = [.. x.Select(v => (float)v)], wf = [.. w.Select(v => (float)v)], bf = [.. b.Select(v => (float)v)];

        var pool = new BufferPool(1L << 30);
        long rentedBytes = 0;
        float[] Rent(int length)
        {
            var array = pool.Rent<float>(length);
            array.AsSpan().Fill(float.NaN);
            rentedBytes += (long)length * sizeof(float);
            return array;
        }
        var packed = new PackedConvWeights<float>(plan, wf, 0, Rent);
        var own = new float[expected.Length];
        var given = new float[expected.Length];
        GemmConvolution.Forward(plan, xf, 0, wf, 0, bf, 0, own, 0);
        GemmConvolution.Forward(plan, xf, 0, wf, 0, bf, 0, given, 0, packed);
        Assert.Equal(own, given);
        ConvKernelTests.Close(expected, [.. given.Select(v => (double)v)], 2e-4, "output");

        packed.Release(pool.Return);
        Assert.True(rentedBytes > 32 * 1024);
        Assert.Equal(rentedBytes, pool.PooledBytes);
        Assert.Throws<InvalidOperationException>(() => GemmConvolution.Forward(plan, xf, 0, wf, 0, bf, 0, given, 0, packed));

        var transposed = PackedConvWeights<float>.ForAdjoint(plan, wf, 0);
        var error = Assert.Throws<ArgumentException>(() => GemmConvolution.Forward(plan, xf, 0, wf, 0, bf, 0, given, 0, transposed));
        Assert.Contains("transposed: True, expected W, not Wᵀ", error.Message);
    }

    private static void Check(DType dtype, int[] xShape, int[] wShape, SpatialSize stride, int padding, SpatialSize dilation, int groups)
    {
        var gen = new Generator(xShape[1] * 31 + wShape[0]);
        var x = Tensor.Randn(xShape, dtype, gen);
        var w = Tensor.Randn(wShape, dtype, gen);
        var bias = Tensor.Randn([wShape[0]], dtype, gen);
        Tensor Run() => Functional.Conv2d(x, w, bias, stride, padding, dilation, groups);
        using var noGrad = Autograd.NoGrad();
        var unpacked = Run();
        Run();
        Assert.True(CpuPackedConvWeights.Holds(w));
        var packed = Run();
        Assert.Equal(unpacked.To(DType.Float64).ToArray<double>(), packed.To(DType.Float64).ToArray<double>());   // exact: float32 widens exactly
    }
}
