using Sharpgrad.Backends.Cpu;
using Sharpgrad.Kernels;
using Sharpgrad.NN;
using Choice = Sharpgrad.Kernels.ConvAlgorithm.Choice;

namespace Sharpgrad.Tests.Convolution;

/// <summary>
/// Each set of convolution kernels (<see cref="ConvAlgorithm"/>: im2col + GEMM, the implicit GEMM tiled both
/// ways, by positions with the narrow and the wide register tile, the direct kernels where stride 1 admits them, and
/// F(2×2, 3×3) where the map is 3×3 at stride 1)
/// against a convolution written plainly below: forward, input, weight and bias gradients, and the transposed
/// convolution, on odd sizes, float32 and float64, with strided (non-contiguous) operands.
/// </summary>
public class ConvKernelTests
{
    /// <summary>One convolution: N images [C, input...] through O filters [C/G, kernel...], the same stride, padding and dilation in every dim.</summary>
    public sealed record Case(int Batch, int Channels, int OutChannels, int[] Input, int[] Kernel, int Stride = 1, int Padding = 0, int Dilation = 1, int Groups = 1)
    {
        public int Dims => Input.Length;

        public int[] Output => [.. Input.Select((s, d) => (s + 2 * Padding - Dilation * (Kernel[d] - 1) - 1) / Stride + 1)];

        /// <summary>The output padding that brings the transposed convolution back to the input's size (it is &lt; stride).</summary>
        public int[] OutputPadding => [.. Input.Select((s, d) => (s + 2 * Padding - Dilation * (Kernel[d] - 1) - 1) % Stride)];

        public override string ToString() =>
            $"N{Batch} C{Channels}→{OutChannels} {string.Join("×", Input)} k{string.Join("×", Kernel)} s{Stride} p{Padding} d{Dilation} g{Groups}";
    }

    internal static readonly Case[] Cases =
    [
        new(2, 1, 3, [7, 7], [3, 3], Padding: 1),
        new(2, 3, 7, [17, 17], [5, 5], Stride: 2, Padding: 2),
        new(1, 7, 7, [33, 33], [3, 3], Dilation: 2, Groups: 7),
        new(3, 3, 3, [1, 1], [1, 1]),
        new(2, 7, 3, [17, 7], [1, 1]),
        new(2, 3, 7, [7, 17], [3, 5], Padding: 1),
        new(2, 1, 7, [33, 33], [5, 5], Padding: 2),
        new(5, 6, 16, [14, 14], [5, 5]),
        new(2, 7, 1, [17, 17], [3, 3], Stride: 2),
        new(2, 3, 3, [1, 17], [1, 3], Padding: 1),
        new(2, 3, 3, [5, 5], [5, 5], Padding: 4),
        new(1, 2, 2, [7, 7], [3, 3], Padding: 3),
        new(2, 4, 6, [9, 11], [3, 3], Stride: 2, Padding: 1, Dilation: 2, Groups: 2),
        new(3, 3, 7, [33], [5], Stride: 2, Padding: 2, Dilation: 2),
        new(2, 1, 5, [17], [3], Padding: 1),
        new(2, 3, 3, [7, 7, 7], [3, 3, 3], Padding: 1, Groups: 3),
        new(1, 2, 4, [5, 6, 7], [1, 3, 2], Stride: 2, Padding: 1),
        // More than 16 output channels per group, weights under 192 KB: the range ConvAlgorithm gives the implicit
        // kernels by weight size. By positions, 48 float32 channels (blocks of 16 with 256-bit vectors) take one wide
        // tile of 32 and end on a narrow one of 16.
        new(3, 32, 48, [10, 10], [3, 3], Padding: 1),
        // Column matrices wider than one L2 tile (GemmConvPlan): three or more tiles of output rows per image.
        new(1, 16, 2, [33, 33], [5, 5]),
        new(1, 16, 3, [65, 17], [5, 5], Stride: 2, Padding: 2),
        // Weights over 16 KB per group in several tiles (GemmConvPlan.PacksWeightsOnce): W and Wᵀ packed once per call;
        // two images of 255 positions per tile, the last tile ragged; and two groups of 32 → 16 x 9 taps. By positions,
        // 40 channels end on a narrow tile in float64 (5 blocks of 8) and float32 (padded to 48), and so do the adjoint's
        // 24 in float64.
        new(3, 24, 40, [17, 15], [3, 3], Padding: 1),
        new(5, 32, 64, [9, 9], [3, 3], Padding: 1, Groups: 2),
        // 3×3 at stride 1 without padding and with padding 2: F(2×2, 3×3)'s planes with no padding before them, and
        // adjoints (flipped convolutions) padded by 2 and by 0.
        new(2, 3, 5, [9, 11], [3, 3]),
        new(2, 4, 3, [6, 7], [3, 3], Padding: 2),
        // Small output maps (GemmConvPlan.ImagesPerTile > 1): several whole images per tile, the last tile ragged.
        new(7, 4, 6, [8, 8], [3, 3], Padding: 1, Groups: 2),
        new(9, 3, 5, [15, 13], [3, 3], Stride: 2, Padding: 1, Dilation: 2),
    ];

    [Fact]
    public void SmallOutputMapsAreMultipliedSeveralImagesAtATime()
    {
        // 8×8 outputs: 64 positions per image, so four images fill the 256 columns of a tile; 7 images make tiles of 4 and 3.
        var multi = GemmPlan(Cases[^2]);
        Assert.Equal(4, multi.ImagesPerTile);
        Assert.Equal(7, multi.Chunks.ImagesPerChunk);
        // 7×6 outputs at stride 2 and dilation 2: 42 positions, seven images per tile, the second tile of two.
        Assert.Equal(7, GemmPlan(Cases[^1]).ImagesPerTile);
        // Output maps of 256 positions or more, and pointwise convolutions (the image is its own column matrix), keep one image per tile.
        Assert.Equal(1, GemmPlan(new(8, 4, 4, [16, 16], [3, 3], Padding: 1)).ImagesPerTile);
        Assert.Equal(1, GemmPlan(new(8, 4, 4, [4, 4], [1, 1])).ImagesPerTile);
    }

    [Fact]
    public void CallsOfSeveralTilesPackWeightsOverSixteenKilobytesOnce()
    {
        // 40 x 24·9 float32 weights (34 KB) in two tiles (two images each, batch 3); 32 x 16·9 per group (18 KB) in two
        // tiles of four images (batch 5). The in-place bound is half of L1: 16 KB.
        Assert.True(GemmPlan(new(3, 24, 40, [17, 15], [3, 3], Padding: 1)).PacksWeightsOnce);
        Assert.True(GemmPlan(new(5, 32, 64, [9, 9], [3, 3], Padding: 1, Groups: 2)).PacksWeightsOnce);
        // One tile (batch 2 of 4-image tiles): the GEMM packs the weights once anyway.
        Assert.False(GemmPlan(new(2, 32, 64, [9, 9], [3, 3], Padding: 1, Groups: 2)).PacksWeightsOnce);
        // Weights of 16 x 6·25 (9.6 KB): read in place by the GEMM, never packed.
        Assert.False(GemmPlan(new(5, 6, 16, [14, 14], [5, 5])).PacksWeightsOnce);
        // 40 x 16·9 float32 weights (23 KB) on a 65×65 map: a row of the column tile is 16·9·65·4 = 37,440 bytes, so a
        // 512 KB tile holds 14 of the 65 output rows and an image takes several tiles; but an empty batch has none.
        var tall = new Case(1, 16, 40, [65, 65], [3, 3], Padding: 1);
        Assert.True(GemmPlan(tall).PacksWeightsOnce);
        Assert.False(GemmPlan(tall with { Batch = 0 }).PacksWeightsOnce);
    }

    [Fact]
    public void TheImplicitTileIsChosenWhenTheConvolutionIsSetUpAndKeyedInTheCache()
    {
        var c = Cases.Single(c => c.Channels == 32 && c.OutChannels == 48);
        foreach (bool wide in new[] { false, true, false })
        {
            ConvAlgorithm algorithm;
            using (ImplicitGemmKernel.ForceWide(wide)) algorithm = CpuConvolutionPlans.Get(Geometry(c), c.Groups, c.OutChannels, DType.Float32).Algorithm;
            Assert.Equal(wide, algorithm.Implicit.Wide);   // the implicit plan is made here, after the scope has ended
        }
    }

    /// <summary>The im2col + GEMM plan of a float32 case.</summary>
    private static GemmConvPlan GemmPlan(Case c) => new(Geometry(c), c.Groups, c.OutChannels, sizeof(float));

    /// <summary>The kernels' geometry of a case: sizes lifted to three dims (depth, height, width).</summary>
    internal static ConvGeometry Geometry(Case c)
    {
        int[] Lift(int[] s) => [.. Enumerable.Repeat(1, 3 - s.Length), .. s];
        int[] Same(int v, int lifted) => [.. Enumerable.Repeat(lifted, 3 - c.Dims), .. Enumerable.Repeat(v, c.Dims)];
        return new ConvGeometry(c.Batch, c.Channels, Lift(c.Input), Lift(c.Kernel), Same(c.Stride, 1),
            Same(c.Padding, 0), Same(c.Dilation, 1), Lift(c.Output));
    }

    [Fact]
    public void AboveSixteenChannelsTheImplicitKernelsRunOnlyWhereTheBatchMakesEnoughChunks()
    {
        // 32 → 48 channels, 3×3 on 10×10 (dilated by 2 with padding 2, so that F(2×2, 3×3) does not take the maps):
        // float32 weights of 48·32·9·4 = 55 KB, under the 192 KB bound. One image is 48·288·100 = 1,382,400
        // multiply-adds, more than a chunk's 2¹⁹, so each image is a chunk of the maps; a weight-gradient chunk needs
        // 512·(48·288) = 7,077,888, i.e. 6 images (evened out: 8 images make 2 chunks of 4, 48 make 8 of 6). The implicit
        // kernels need 8 chunks, since they split nothing finer.
        var shape = Cases.Single(c => c.Channels == 32 && c.OutChannels == 48) with { Padding = 2, Dilation = 2 };
        var few = Algorithm(shape);
        Assert.False(few.ImplicitForward);
        Assert.False(few.ImplicitAdjoint);
        Assert.False(few.ImplicitWeightGradient);
        var eight = Algorithm(shape with { Batch = 8 });
        Assert.True(eight.ImplicitForward);
        Assert.True(eight.ImplicitAdjoint);
        Assert.False(eight.ImplicitWeightGradient);
        var many = Algorithm(shape with { Batch = 48 });
        Assert.True(many.ImplicitForward);
        Assert.True(many.ImplicitAdjoint);
        Assert.True(many.ImplicitWeightGradient);
        // At 16 output channels or fewer (input channels, for the adjoint) one image is enough (32-wide rows fill the
        // tiles along the width for any vector size).
        var thin = Algorithm(new(1, 12, 12, [32, 32], [3, 3], Padding: 1));
        Assert.True(thin.ImplicitForward);
        Assert.True(thin.ImplicitAdjoint);
        Assert.True(thin.ImplicitWeightGradient);

        static ConvAlgorithm Algorithm(Case c) => new(Geometry(c), c.Groups, c.OutChannels, sizeof(float), System.Numerics.Vector<float>.Count);
    }

    [Fact]
    public void TheWeightGradientsPartialSumsCoarsenOnlyItsOwnChunks()
    {
        // ResNet-20's last stage: 64 → 64 channels, 3×3 on 8×8, batch 128. One image is 64·576·64 = 2,359,296
        // multiply-adds, a partial sum 64·576 = 36,864 elements; 512 multiply-adds per element ask for 18,874,368 per
        // chunk, exactly 8 images: 16 weight-gradient chunks. The maps have no partial sums: a chunk per image for the
        // implicit kernels, and for im2col + GEMM the 4 images of a 256-column tile (64 positions each).
        var c = new Case(128, 64, 64, [8, 8], [3, 3], Padding: 1);
        var implicitPlan = new ImplicitConvPlan(Geometry(c), 1, 64, System.Numerics.Vector<float>.Count);
        Assert.Equal(new ImageChunks(128, 8, 16), implicitPlan.WeightGradientChunks);
        Assert.Equal(new ImageChunks(128, 1, 128), implicitPlan.Chunks);
        var gemmPlan = new GemmConvPlan(Geometry(c), 1, 64, sizeof(float));
        Assert.Equal(new ImageChunks(128, 8, 16), gemmPlan.WeightGradientChunks);
        Assert.Equal(new ImageChunks(128, 4, 32), gemmPlan.Chunks);
        // Batch 8 of the same layer: 8 map chunks for the threads, one weight-gradient chunk.
        var small = new ImplicitConvPlan(Geometry(c with { Batch = 8 }), 1, 64, System.Numerics.Vector<float>.Count);
        Assert.Equal(8, small.Chunks.Count);
        Assert.Equal(1, small.WeightGradientChunks.Count);
    }

    [Fact]
    public void WideRowTilesOfOneImageStayWithinTheImagesTileBound()
    {
        // 3-D, 512 channels, 3×3×3 kernel, 4-wide float64 output rows: a row of the column matrix tile is
        // 512·27·4·8 = 442,368 bytes. 256 columns would be 64 rows (28 MB); the 5 MB bound (5,242,880) allows 11 (4.9 MB).
        var c = new Case(1, 512, 8, [6, 6, 6], [3, 3, 3]);
        var plan = new GemmConvPlan(Geometry(c), 1, 8, sizeof(double));
        Assert.Equal(1, plan.ImagesPerTile);
        Assert.Equal(11, plan.RowsPerTile);
    }

    [Fact]
    public void VggSmallMapsCutTheBatchIntoAnEvenNumberOfTiles()
    {
        // VGG-11 at batch 32, float32, 512 channels: a 4×4 image's columns are 512·9·16·4 = 294,912 bytes, so the 5 MB
        // bound admits the 16 images that 256 columns ask for (4.7 MB): 2 tiles, one chunk each. At 8×8 an image is
        // 1,179,648 bytes, 4 images (256 columns) fit: 8 tiles. Two threads share either evenly.
        var four = new GemmConvPlan(Geometry(new(32, 512, 512, [4, 4], [3, 3], Padding: 1)), 1, 512, sizeof(float));
        Assert.Equal(16, four.ImagesPerTile);
        Assert.Equal(2, four.Chunks.Count);
        var eight = new GemmConvPlan(Geometry(new(32, 512, 512, [8, 8], [3, 3], Padding: 1)), 1, 512, sizeof(float));
        Assert.Equal(4, eight.ImagesPerTile);
        Assert.Equal(8, eight.Chunks.Count);
    }

    public static TheoryData<int, string, DType> Runs()
    {
        var data = new TheoryData<int, string, DType>();
        for (int c = 0; c < Cases.Length; c++)
            foreach (var kernels in KernelNames)
                foreach (var dtype in new[] { DType.Float32, DType.Float64 })
                    data.Add(c, kernels, dtype);
        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void ForwardAndGradientsMatchThePlainConvolution(int index, string kernels, DType dtype)
    {
        var c = Cases[index];
        var gen = new Generator(100 + index);
        var x = Normal(gen, c.Batch, c.Channels, c.Input);
        var w = Normal(gen, c.OutChannels, c.Channels / c.Groups, c.Kernel);
        var b = Normal(gen, c.OutChannels);
        var gy = Normal(gen, c.Batch, c.OutChannels, c.Output);
        var expected = Plain(c, x, w, b, gy);

        // Strided operands: x and the output gradient as permuted views, the weight read every other element.
        var xt = NonContiguous(x, [c.Batch, c.Channels, .. c.Input], dtype).RequireGrad();
        var wt = Tensor.FromArray(Interleave(w), [c.OutChannels, c.Channels / c.Groups, .. c.Kernel, 2]).To(dtype)
            .Narrow(-1, 0, 1).Squeeze(-1).RequireGrad();
        var bt = Tensor.FromArray(b, c.OutChannels).To(dtype).RequireGrad();
        var gyt = NonContiguous(gy, [c.Batch, c.OutChannels, .. c.Output], dtype);

        Tensor y;
        using (Force(kernels)) y = Conv(c, xt, wt, bt);
        var grads = Autograd.Grad([y], [xt, wt, bt], [gyt]);

        double tolerance = dtype == DType.Float32 ? 2e-4 : 1e-10;
        Close(expected.Y, y.ToDoubleArray(), tolerance, "output");
        Close(expected.InputGrad, grads[0].ToDoubleArray(), tolerance, "input gradient");
        Close(expected.WeightGrad, grads[1].ToDoubleArray(), tolerance, "weight gradient");
        Close(expected.BiasGrad, grads[2].ToDoubleArray(), tolerance, "bias gradient");
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void TransposedConvolutionIsThePlainInputGradient(int index, string kernels, DType dtype)
    {
        var c = Cases[index];
        var gen = new Generator(200 + index);
        var x = Normal(gen, c.Batch, c.Channels, c.Input);
        var w = Normal(gen, c.OutChannels, c.Channels / c.Groups, c.Kernel);
        var gy = Normal(gen, c.Batch, c.OutChannels, c.Output);
        var b = Normal(gen, c.Channels);
        var expected = Plain(c, x, w, new double[c.OutChannels], gy).InputGrad;
        int plane = c.Input.Aggregate(1, (p, s) => p * s);
        for (int i = 0; i < expected.Length; i++) expected[i] += b[i / plane % c.Channels];

        var input = NonContiguous(gy, [c.Batch, c.OutChannels, .. c.Output], dtype);
        var weight = Tensor.FromArray(w, [c.OutChannels, c.Channels / c.Groups, .. c.Kernel]).To(dtype);
        var bias = Tensor.FromArray(b, c.Channels).To(dtype);
        Tensor back;
        using (Force(kernels)) back = ConvTranspose(c, input, weight, bias);
        Close(expected, back.ToDoubleArray(), dtype == DType.Float32 ? 2e-4 : 1e-10, "transposed convolution");
    }

    /// <summary>The kernels compared, as a <see cref="Choice"/> and, for the tiles by positions, the register tile forced either way on any CPU.</summary>
    private static readonly string[] KernelNames =
        [nameof(Choice.Gemm), nameof(Choice.ImplicitByWidth), nameof(Choice.ImplicitByPosition) + " narrow", nameof(Choice.ImplicitByPosition) + " wide",
            nameof(Choice.Direct), nameof(Choice.Winograd)];

    public static TheoryData<string> EachKernel() => [.. KernelNames];

    internal static ForcedKernels Force(string kernels)
    {
        var parts = kernels.Split(' ');
        bool wide = parts.Length > 1 ? parts[1] == "wide" : ImplicitGemmKernel.Wide;
        return new ForcedKernels(ConvAlgorithm.Force(Enum.Parse<Choice>(parts[0])), ImplicitGemmKernel.ForceWide(wide));
    }

    /// <summary>The two test overrides of one of <see cref="KernelNames"/>, ended together.</summary>
    internal readonly struct ForcedKernels(ConvAlgorithm.Scope kernels, ImplicitGemmKernel.WideScope tile) : IDisposable
    {
        public void Dispose()
        {
            tile.Dispose();
            kernels.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(EachKernel))]
    public void GradientsPassGradCheck(string kernels)
    {
        using var forced = Force(kernels);
        GradCheck.Assert(t => Functional.Conv2d(t[0], t[1], t[2], stride: (1, 2), padding: 1, dilation: (2, 1), groups: 2),
            Rand.Leaf(1, 2, 4, 5, 9), Rand.Leaf(2, 6, 2, 2, 3), Rand.Leaf(3, 6));
        GradCheck.Assert(t => Functional.Conv1d(t[0], t[1], t[2], padding: 2),
            Rand.Leaf(4, 2, 3, 9), Rand.Leaf(5, 2, 3, 3), Rand.Leaf(6, 2));
        GradCheck.Assert(t => Functional.ConvTranspose2d(t[0], t[1], t[2], padding: 1, dilation: 2),
            Rand.Leaf(7, 1, 2, 4, 9), Rand.Leaf(8, 2, 3, 2, 2), Rand.Leaf(9, 3));
        // 3×3 at stride 1, one group (what F(2×2, 3×3) takes), odd sizes.
        GradCheck.Assert(t => Functional.Conv2d(t[0], t[1], t[2], padding: 1),
            Rand.Leaf(15, 2, 3, 5, 7), Rand.Leaf(16, 4, 3, 3, 3), Rand.Leaf(17, 4));
    }

    [Theory]
    [MemberData(nameof(EachKernel))]
    public void GradientsAreTwiceDifferentiable(string kernels)
    {
        using var forced = Force(kernels);
        GradCheck.RunSecondOrder(t => Functional.Conv2d(t[0], t[1], t[2], padding: 1, groups: 2).Tanh(),
            [Rand.Leaf(10, 1, 2, 3, 9), Rand.Leaf(11, 4, 1, 2, 3), Rand.Leaf(12, 4)]).ThrowIfFailed();
        GradCheck.RunSecondOrder(t => Functional.ConvTranspose2d(t[0], t[1], padding: 1).Tanh(),
            [Rand.Leaf(13, 1, 2, 3, 9), Rand.Leaf(14, 2, 2, 3, 3)]).ThrowIfFailed();
    }

    [Theory]
    [MemberData(nameof(EachKernel))]
    public void ResultsAreBitwiseTheSameOnOneOrManyThreads(string kernels)
    {
        // Sixteen images of this size make several chunks, so the weight gradient's partial sums are combined.
        (float[] Output, float[] InputGrad, float[] WeightGrad, float[] BiasGrad, float[] Transposed) Run(int threads)
        {
            using var scope = Threads.Use(threads);
            using var forced = Force(kernels);
            var gen = new Generator(5);
            var x = Tensor.Randn([16, 4, 17, 17], DType.Float32, gen).RequireGrad();
            var w = Tensor.Randn([8, 4, 3, 3], DType.Float32, gen).RequireGrad();
            var b = Tensor.Randn([8], DType.Float32, gen).RequireGrad();
            var y = Functional.Conv2d(x, w, b, padding: 1);
            var grads = Autograd.Grad([y], [x, w, b], [Tensor.Randn(y.Shape, DType.Float32, gen)]);
            var up = Functional.ConvTranspose2d(y.Detach(), w.Detach(), stride: 2);
            return (y.ToArray<float>(), grads[0].ToArray<float>(), grads[1].ToArray<float>(), grads[2].ToArray<float>(), up.ToArray<float>());
        }
        var one = Run(1);
        foreach (int threads in new[] { 2, 3 })
        {
            var many = Run(threads);
            Assert.Equal(one.Output, many.Output);
            Assert.Equal(one.InputGrad, many.InputGrad);
            Assert.Equal(one.WeightGrad, many.WeightGrad);
            Assert.Equal(one.BiasGrad, many.BiasGrad);
            Assert.Equal(one.Transposed, many.Transposed);
        }
    }

    [Fact]
    public void SeveralImagesPerTileAreBitwiseTheSameOnOneOrManyThreads()
    {
        // 5×5 outputs: eleven images per tile, 40 images in two chunks of 20 (tiles of 11 and 9), so the chunks'
        // weight-gradient partial sums are combined and the last tile of each chunk is ragged.
        float[][] Run(int threads)
        {
            using var scope = Threads.Use(threads);
            using var forced = Force(nameof(Choice.Gemm));
            var gen = new Generator(6);
            var x = Tensor.Randn([40, 6, 9, 9], DType.Float32, gen).RequireGrad();
            var w = Tensor.Randn([12, 6, 3, 3], DType.Float32, gen).RequireGrad();
            var b = Tensor.Randn([12], DType.Float32, gen).RequireGrad();
            var y = Functional.Conv2d(x, w, b, stride: 2, padding: 1);
            var grads = Autograd.Grad([y], [x, w, b], [Tensor.Randn(y.Shape, DType.Float32, gen)]);
            return [y.ToArray<float>(), .. grads.Select(g => g.ToArray<float>())];
        }
        var one = Run(1);
        foreach (int threads in new[] { 2, 3 })
        {
            var many = Run(threads);
            for (int i = 0; i < one.Length; i++) Assert.Equal(one[i], many[i]);
        }
    }

    [Theory]
    [MemberData(nameof(EachKernel))]
    public void AnEmptyBatchGivesAnEmptyOutputAndZeroWeightGradients(string kernels)
    {
        using var forced = Force(kernels);
        CheckEmptyBatch();
    }

    /// <summary>A batch of no images through Conv2d, on the default device: an empty output and input gradient, zero weight and bias gradients.</summary>
    internal static void CheckEmptyBatch()
    {
        var x = Tensor.Zeros([0, 2, 9, 9], DType.Float64).RequireGrad();
        var w = Rand.Leaf(1, 3, 2, 3, 3);
        var b = Rand.Leaf(2, 3);
        var y = Functional.Conv2d(x, w, b, padding: 1);
        Assert.Equal([0, 3, 9, 9], y.Shape);
        var grads = Autograd.Grad([y], [x, w, b], [Tensor.Zeros([0, 3, 9, 9], DType.Float64)]);
        Assert.Equal([0, 2, 9, 9], grads[0].Shape);
        Assert.All(grads[1].ToArray<double>(), v => Assert.Equal(0.0, v));
        Assert.All(grads[2].ToArray<double>(), v => Assert.Equal(0.0, v));
    }

    internal static Tensor Conv(Case c, Tensor x, Tensor w, Tensor b) => c.Dims switch
    {
        1 => Functional.Conv1d(x, w, b, c.Stride, c.Padding, c.Dilation, c.Groups),
        2 => Functional.Conv2d(x, w, b, c.Stride, c.Padding, c.Dilation, c.Groups),
        _ => Functional.Conv3d(x, w, b, c.Stride, c.Padding, c.Dilation, c.Groups),
    };

    /// <summary>The transposed convolution of <paramref name="c"/>'s geometry, from its output's size back to its input's.</summary>
    internal static Tensor ConvTranspose(Case c, Tensor input, Tensor weight, Tensor? bias) => c.Dims switch
    {
        1 => Functional.ConvTranspose1d(input, weight, bias, c.Stride, c.Padding, c.OutputPadding, c.Groups, c.Dilation),
        2 => Functional.ConvTranspose2d(input, weight, bias, c.Stride, c.Padding, c.OutputPadding, c.Groups, c.Dilation),
        _ => Functional.ConvTranspose3d(input, weight, bias, c.Stride, c.Padding, c.OutputPadding, c.Groups, c.Dilation),
    };

    /// <summary>
    /// The convolution and its gradients by their definitions, in float64: y[n, o, i] = b[o] + Σ_c Σ_k
    /// w[o, c, k]·x[n, g·C/G + c, i·s − p + k·d] over the group g of o, reads outside the input being zero; the
    /// gradients follow from each product term.
    /// </summary>
    internal static (double[] Y, double[] InputGrad, double[] WeightGrad, double[] BiasGrad) Plain(Case c, double[] x, double[] w, double[] b, double[] gy)
    {
        int[] input = Lift(c.Input), kernel = Lift(c.Kernel), output = Lift(c.Output);
        int cg = c.Channels / c.Groups, og = c.OutChannels / c.Groups;
        int inPlane = input[0] * input[1] * input[2], outPlane = output[0] * output[1] * output[2], taps = kernel[0] * kernel[1] * kernel[2];
        var y = new double[gy.Length];
        var gx = new double[x.Length];
        var gw = new double[w.Length];
        var gb = new double[c.OutChannels];
        for (int n = 0; n < c.Batch; n++)
            for (int o = 0; o < c.OutChannels; o++)
                for (int l = 0; l < outPlane; l++)
                {
                    int yi = (n * c.OutChannels + o) * outPlane + l;
                    int[] at = [l / (output[1] * output[2]), l / output[2] % output[1], l % output[2]];
                    double sum = b[o];
                    gb[o] += gy[yi];
                    for (int ci = 0; ci < cg; ci++)
                        for (int k = 0; k < taps; k++)
                        {
                            int[] tap = [k / (kernel[1] * kernel[2]), k / kernel[2] % kernel[1], k % kernel[2]];
                            var pixel = new int[3];
                            bool inside = true;
                            for (int d = 0; d < 3; d++)
                            {
                                bool lifted = d < 3 - c.Dims;
                                pixel[d] = lifted ? 0 : at[d] * c.Stride - c.Padding + tap[d] * c.Dilation;
                                inside &= pixel[d] >= 0 && pixel[d] < input[d];
                            }
                            if (!inside) continue;
                            int xi = (n * c.Channels + o / og * cg + ci) * inPlane + (pixel[0] * input[1] + pixel[1]) * input[2] + pixel[2];
                            int wi = (o * cg + ci) * taps + k;
                            sum += w[wi] * x[xi];
                            gx[xi] += w[wi] * gy[yi];
                            gw[wi] += x[xi] * gy[yi];
                        }
                    y[yi] = sum;
                }
        return (y, gx, gw, gb);
    }

    private static int[] Lift(int[] sizes) => [.. Enumerable.Repeat(1, 3 - sizes.Length), .. sizes];

    internal static double[] Normal(Generator gen, int first, params int[] rest) => Normal(gen, [first, .. rest]);

    internal static double[] Normal(Generator gen, int first, int second, int[] rest) => Normal(gen, [first, second, .. rest]);

    internal static double[] Normal(Generator gen, int[] shape) => Tensor.Randn(shape, DType.Float64, gen).ToArray<double>();

    /// <summary>The values of <paramref name="shape"/>, as a view that is not contiguous: [N, C, ...] read from a [C, N, ...] tensor.</summary>
    internal static Tensor NonContiguous(double[] values, int[] shape, DType dtype)
    {
        int[] swapped = [shape[1], shape[0], .. shape[2..]];
        int[] order = [1, 0, .. Enumerable.Range(2, shape.Length - 2)];
        var t = Tensor.FromArray(values, shape).To(dtype).Permute(order).Contiguous(copy: true).Permute(order);
        Assert.Equal(shape, t.Shape);
        Assert.True(swapped[0] == 1 || swapped[1] == 1 || !t.IsContiguous);
        return t;
    }

    /// <summary>The values with a zero after each: the last dim of a [..., 2] tensor whose first half is <paramref name="w"/>.</summary>
    private static double[] Interleave(double[] w)
    {
        var result = new double[2 * w.Length];
        for (int i = 0; i < w.Length; i++) result[2 * i] = w[i];
        return result;
    }

    /// <summary>Where <see cref="Offset{T}"/> puts the values and <see cref="Guarded{T}"/> the output: 3 elements into the array.</summary>
    internal const int GuardOffset = 3;

    /// <summary><paramref name="values"/> converted, <see cref="GuardOffset"/> elements into an array (a kernel must honour its offsets).</summary>
    internal static T[] Offset<T>(double[] values, Func<double, T> convert) where T : System.Numerics.INumber<T>
        => [.. Enumerable.Repeat(T.Zero, GuardOffset), .. values.Select(convert)];

    /// <summary>
    /// The <paramref name="length"/> elements that <paramref name="write"/> stores at <see cref="GuardOffset"/> into an
    /// array full of NaN with guard elements either side: every element must be stored, and none outside.
    /// </summary>
    internal static double[] Guarded<T>(int length, Action<T[]> write) where T : System.Numerics.INumber<T>
    {
        var output = Enumerable.Repeat(T.CreateChecked(double.NaN), length + 2 * GuardOffset).ToArray();
        write(output);
        Assert.All(output[..GuardOffset].Concat(output[^GuardOffset..]), v => Assert.True(T.IsNaN(v), "the kernels wrote outside the output"));
        return [.. output.Skip(GuardOffset).Take(length).Select(v => double.CreateChecked(v))];
    }

    internal static void Close(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])),
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
    }
}
