using System.Numerics;
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
    /// case cuts the GEMM by rows: 150 output channels over 25 positions): the first call and the call with the weights
    /// held packed both give the bits of a reference that cannot take the packed strips (<see cref="Reference"/>). Calls
    /// whose weights are packed, ahead or once for the call (<see cref="GemmConvPlan.PacksWeightsOnce"/>), write their
    /// column tiles straight into the GEMM's packed strips (GemmConvolution.Strips), so the tall images make several
    /// tiles (64 and 32 channels of 3×3 taps: 7 and 11 output rows a tile) of 280 and 440 columns, ending in a partial
    /// strip, and stride 2 and dilation 2 move the padding around. The last two cases read padding only along the width
    /// (a 1-D convolution, and 2-D with padding (0, 1)), where every tap reaches every output row of every tile, the
    /// first included: each call runs in scratch that a padding-free call has just filled with its own values.
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
            Check(dtype, new([3, 6, 7, 9], [10, 3, 3, 2], Stride: [2, 1], Padding: [1, 1], Dilation: [1, 2], Groups: 2));
            Check(dtype, new([1, 70, 5, 5], [150, 70, 3, 3], Padding: [1, 1]));
            Check(dtype, new([1, 64, 40, 40], [24, 64, 3, 3], Padding: [1, 1]), packsOnce: true);
            Check(dtype, new([2, 32, 81, 80], [20, 32, 3, 3], Stride: [2, 2], Padding: [1, 1]), packsOnce: true);
            Check(dtype, new([1, 32, 44, 44], [12, 16, 3, 3], Padding: [2, 2], Dilation: [2, 2], Groups: 2));
            Check(dtype, new([2, 32, 300], [64, 32, 3], Padding: [1]), packsOnce: true);
            Check(dtype, new([1, 32, 20, 30], [64, 32, 3, 3], Padding: [0, 1]), packsOnce: true);
        }
    }

    /// <summary>
    /// A training-shaped call (gradients on, batch 2, weights of 55 KB float32 in two tiles) packs its weights once
    /// for the call and so takes the packed strips too; with padding (0, 1) every tile is one that every tap reaches in
    /// full, in scratch a padding-free call has just filled. Its output has the reference's bits, and nothing is kept
    /// packed after it.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void TrainingShapedCallsGiveTheReferenceBits(int threads)
    {
        using var scope = Threads.Use(threads);
        using var forced = ConvAlgorithm.Force(Choice.Gemm);
        var shape = new ConvCase([2, 32, 16, 20], [48, 32, 3, 3], Padding: [0, 1]);
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            Assert.True(shape.Plan(dtype).PacksWeightsOnce, $"{shape} should pack its weights once for the call");
            var (x, w, bias) = Inputs(shape, dtype);
            var expected = Reference(shape, dtype, x, w, bias);
            Tensor y = AfterDirtying(dtype, () => shape.Run(x.RequireGrad(), w.RequireGrad(), bias.RequireGrad()));
            Assert.True(y.RequiresGrad);
            AssertBits(expected, y, $"{shape} {dtype} with gradients on");
            Assert.False(CpuPackedConvWeights.Holds(w));
        }
    }

    /// <summary>One convolution (1-D or 2-D by the input's rank): per-dim stride, padding and dilation, 1 and 0 by default.</summary>
    private sealed record ConvCase(int[] XShape, int[] WShape, int[]? Stride = null, int[]? Padding = null, int[]? Dilation = null, int Groups = 1)
    {
        private int Dims => XShape.Length - 2;

        private int[] Each(int[]? sizes, int otherwise) => sizes ?? [.. Enumerable.Repeat(otherwise, Dims)];

        public Tensor Run(Tensor x, Tensor w, Tensor bias) => Dims == 1
            ? Functional.Conv1d(x, w, bias, Each(Stride, 1), Each(Padding, 0), Each(Dilation, 1), Groups)
            : Functional.Conv2d(x, w, bias, Each(Stride, 1), Each(Padding, 0), Each(Dilation, 1), Groups);

        /// <summary>The kernels' geometry: sizes lifted to (depth, height, width), output sizes by GBC eq. 9.8 with stride, padding and dilation.</summary>
        public ConvGeometry Geometry
        {
            get
            {
                int[] Lift(int[] s, int one) => [.. Enumerable.Repeat(one, 3 - Dims), .. s];
                int[] stride = Each(Stride, 1), padding = Each(Padding, 0), dilation = Each(Dilation, 1);
                int[] output = [.. Enumerable.Range(0, Dims).Select(d => (XShape[2 + d] + 2 * padding[d] - dilation[d] * (WShape[2 + d] - 1) - 1) / stride[d] + 1)];
                return new ConvGeometry(XShape[0], XShape[1], Lift(XShape[2..], 1), Lift(WShape[2..], 1), Lift(stride, 1), Lift(padding, 0),
                    Lift(dilation, 1), Lift(output, 1));
            }
        }

        public GemmConvPlan Plan(DType dtype) => new(Geometry, Groups, WShape[0], dtype == DType.Float32 ? sizeof(float) : sizeof(double));

        public override string ToString() =>
            $"x [{string.Join(", ", XShape)}] w [{string.Join(", ", WShape)}] s{string.Join("×", Each(Stride, 1))} p{string.Join("×", Each(Padding, 0))} d{string.Join("×", Each(Dilation, 1))} g{Groups}";
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

    /// <summary>
    /// The first call (under NoGrad, noting the weights' version) and, after a second that packs them, the call with the
    /// weights held packed, each in scratch just dirtied, against <see cref="Reference"/>. <paramref name="packsOnce"/>:
    /// the case is one whose first call packs its weights too, so that both calls take the packed strips.
    /// </summary>
    private static void Check(DType dtype, ConvCase c, bool packsOnce = false)
    {
        if (packsOnce) Assert.True(c.Plan(dtype).PacksWeightsOnce, $"{c} should pack its weights once for the call");
        var (x, w, bias) = Inputs(c, dtype);
        var expected = Reference(c, dtype, x, w, bias);
        using var noGrad = Autograd.NoGrad();
        AssertBits(expected, AfterDirtying(dtype, () => c.Run(x, w, bias)), $"{c} {dtype}, first call");
        AfterDirtying(dtype, () => c.Run(x, w, bias));
        Assert.True(CpuPackedConvWeights.Holds(w));
        AssertBits(expected, AfterDirtying(dtype, () => c.Run(x, w, bias)), $"{c} {dtype}, weights held packed");
    }

    private static (Tensor X, Tensor W, Tensor Bias) Inputs(ConvCase c, DType dtype)
    {
        var gen = new Generator(c.XShape[1] * 31 + c.WShape[0]);
        return (Tensor.Randn(c.XShape, dtype, gen), Tensor.Randn(c.WShape, dtype, gen), Tensor.Randn([c.WShape[0]], dtype, gen));
    }

    /// <summary>
    /// x [2, 64, 40, 40] through 8 filters of 3×3 without padding: tiles of 576 rows by 7 output rows of 38 (153,216
    /// entries, about 160,000 in packed strips), at least as large as those of the cases that read padding only along
    /// the width, every entry an input value (randn, not zero), in two images for two threads' chunks. Run twice, so
    /// that both scratch buffers a tile rents (the pool hands them back in turn) are filled.
    /// </summary>
    internal static Tensor AfterDirtying(DType dtype, Func<Tensor> call)
    {
        var dirty = new ConvCase([2, 64, 40, 40], [8, 64, 3, 3]);
        var (x, w, bias) = Inputs(dirty, dtype);
        using (Autograd.NoGrad())
            for (int i = 0; i < 2; i++) dirty.Run(x, w, bias);
        return call();
    }

    /// <summary>
    /// The convolution as the unpacked path computes it, which never takes the packed strips: im2col of the whole batch
    /// (<see cref="Im2Col.ImageToColumns"/>, into a zeroed matrix), then per image and group one GEMM of the whole
    /// image's positions onto the bias. A product element's sum (over the depth in the GEMM's blocks) does not depend
    /// on how the columns are cut into tiles or strips, so this gives the tiled, packed paths' bits.
    /// </summary>
    private static double[] Reference(ConvCase c, DType dtype, Tensor x, Tensor w, Tensor bias) => dtype == DType.Float32
        ? [.. Reference(c, x.ToArray<float>(), w.ToArray<float>(), bias.ToArray<float>()).Select(v => (double)v)]
        : Reference(c, x.ToArray<double>(), w.ToArray<double>(), bias.ToArray<double>());

    private static T[] Reference<T>(ConvCase c, T[] x, T[] w, T[] bias) where T : unmanaged, INumber<T>
    {
        var g = c.Geometry;
        int outChannels = c.WShape[0], positions = g.OutputVolume, rows = g.Rows / c.Groups, outRows = outChannels / c.Groups;
        var columns = new T[g.Rows * g.Columns];
        Im2Col.ImageToColumns(x, 0, g, columns);
        var y = new T[g.Batch * outChannels * positions];
        for (int n = 0; n < g.Batch; n++)
        {
            for (int o = 0; o < outChannels; o++) y.AsSpan((n * outChannels + o) * positions, positions).Fill(bias[o]);
            for (int group = 0; group < c.Groups; group++)
                Gemm.Multiply(outRows, positions, rows, new Gemm.Operand<T>(w, group * outRows * rows, rows, 1),
                    new Gemm.Operand<T>(columns, group * rows * g.Columns + n * positions, g.Columns, 1),
                    y, (n * outChannels + group * outRows) * positions, positions, accumulate: true);
        }
        return y;
    }

    /// <summary>Exact equality (float32 widens to float64 exactly), naming the first element that differs.</summary>
    private static void AssertBits(double[] expected, Tensor actual, string what)
    {
        var values = actual.ToDoubleArray();
        Assert.Equal(expected.Length, values.Length);
        int differ = Enumerable.Range(0, values.Length).Count(i => values[i] != expected[i]);
        int first = Enumerable.Range(0, values.Length).FirstOrDefault(i => values[i] != expected[i]);
        Assert.True(differ == 0, $"{what}: {differ} of {values.Length} outputs differ from the reference, the first at {first}: {values[first]} vs {expected[first]}");
    }
}
