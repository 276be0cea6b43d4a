using Sharpgrad.Kernels;
using Sharpgrad.NN;
using Case = Sharpgrad.Tests.Convolution.ConvKernelTests.Case;
using Choice = Sharpgrad.Kernels.ConvAlgorithm.Choice;

namespace Sharpgrad.Tests.Convolution;

/// <summary>
/// F(2×2, 3×3) (<see cref="WinogradConvolution"/>): the transforms on one tile against the 2×2 correlation they stand
/// for and against G g Gᵀ worked by hand; the plan's sizes on VGG-11's and ResNet-18's layers, worked out by hand; a
/// batch in several passes against the plain convolution at one and two threads; the float32 error on a 512-channel
/// map; and the rule that picks it by shape. <see cref="ConvKernelTests"/> runs it forced on every case, with
/// gradients, the transposed convolution and second derivatives.
/// </summary>
public class WinogradConvolutionTests
{
    [Fact]
    public void OneTileIsTheTwoByTwoCorrelationOfItsWindowAndItsAdjointTheFiltersGradient()
    {
        // Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A on one 4×4 window d and one 3×3 filter g must be y[i, j] = Σ_uv d[i + u, j + v]·g[u, v]
        // (Lavin and Gray 2016, eq. 8), in float64 to rounding.
        var gen = new Generator(11);
        double[] d = ConvKernelTests.Normal(gen, 4, 4), g = ConvKernelTests.Normal(gen, 3, 3);
        var u = new double[16];
        WinogradTransforms.Filter(ref g[0], 1, ref u[0], 1);
        // The input rows as the padded planes hold them: even columns, then odd ones, each half a whole vector of
        // windows plus one column wide (here one window: columns 0, 2 | 1, 3).
        int lanes = System.Numerics.Vector<double>.Count, half = lanes + 1;
        var rows = new double[4 * 2 * half];
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 4; c++) rows[r * 2 * half + (c & 1) * half + (c >> 1)] = d[r * 4 + c];
        var v = new double[16];
        WinogradTransforms.InputRow(ref rows[0], 2 * half, half, 1, ref v[0], 1, 1);
        // The output transform reads a vector per position: 16 rows a vector apart, the product in lane 0.
        var m = new double[16 * lanes + lanes];
        for (int pos = 0; pos < 16; pos++) m[pos * lanes] = u[pos] * v[pos];
        var top = new double[2];
        var bottom = new double[2];
        WinogradTransforms.OutputRow(ref m[0], lanes, 1, 0.0, top, bottom, 2);
        double[] actual = [top[0], top[1], bottom[0], bottom[1]];
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
            {
                double expected = 0;
                for (int a = 0; a < 3; a++)
                    for (int b = 0; b < 3; b++) expected += d[(i + a) * 4 + j + b] * g[a * 3 + b];
                Assert.Equal(expected, actual[i * 2 + j], 1e-12);
            }

        // The weight gradient's transforms are the adjoints: Gᵀ[(A dY Aᵀ) ⊙ (Bᵀ d B)]G must be the gradient of
        // Σ_ij dY[i, j]·y[i, j] with respect to g, ∂/∂g[a, b] = Σ_ij dY[i, j]·d[i + a, j + b].
        var dy = ConvKernelTests.Normal(gen, 2, 2);
        var dm = new double[16];
        WinogradTransforms.OutputGradient(dy[0], dy[1], dy[2], dy[3], ref dm[0], 1);
        var du = dm.Zip(v, (p, q) => p * q).ToArray();
        var dg = new double[9];
        WinogradTransforms.FilterGradient(ref du[0], 1, ref dg[0]);
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++)
            {
                double expected = 0;
                for (int i = 0; i < 2; i++)
                    for (int j = 0; j < 2; j++) expected += dy[i * 2 + j] * d[(i + a) * 4 + j + b];
                Assert.Equal(expected, dg[a * 3 + b], 1e-12);
            }
    }

    [Fact]
    public void TheFilterTransformOfOnesIsTheOuterProductOfGsRowSumsAndReadsFiltersEitherWay()
    {
        // G·(1, 1, 1) = (1, 3/2, 1/2, 1), so G 1 Gᵀ = (1, 3/2, 1/2, 1)ᵀ(1, 3/2, 1/2, 1), exactly in binary.
        var g = Enumerable.Repeat(1f, 9).ToArray();
        var u = new float[16];
        WinogradTransforms.Filter(ref g[0], 1, ref u[0], 1);
        float[] rowSums = [1f, 1.5f, 0.5f, 1f];
        Assert.Equal([.. from a in rowSums from b in rowSums select a * b], u);
        // Read backwards from its last element, a filter is transformed as the filter turned around (the adjoint's).
        float[] counting = [1, 2, 3, 4, 5, 6, 7, 8, 9], reversed = [9, 8, 7, 6, 5, 4, 3, 2, 1];
        float[] backwards = new float[16], expected = new float[16];
        WinogradTransforms.Filter(ref counting[8], -1, ref backwards[0], 1);
        WinogradTransforms.Filter(ref reversed[0], 1, ref expected[0], 1);
        Assert.Equal(expected, backwards);
    }

    [Fact]
    public void PlansHaveTheirWorkedOutSizes()
    {
        int lanes = System.Numerics.Vector<float>.Count;
        // VGG-11's 512 → 512 layer on 8×8 at batch 32: 4 × 4 tiles per image; a pass holds 16·(512 + 512)·16 = 262,144
        // elements per image, so 2²¹ admits 8 images, 128 tiles.
        var vgg = Plan(new(32, 512, 512, [8, 8], [3, 3], Padding: 1))!;
        Assert.Equal((4, 4, 16), (vgg.TileRows, vgg.TileColumns, vgg.Tiles));
        Assert.Equal((8, 128), (vgg.ImagesPerPass, vgg.PassTiles));
        Assert.Equal(10, vgg.PaddedRows);
        // Each half of a padded row: the 4 tile columns rounded up to whole vectors, plus one.
        Assert.Equal(lanes switch { 2 => 5, 4 => 5, 8 => 9, 16 => 17, _ => throw new InvalidOperationException($"no worked value for {lanes} lanes") }, vgg.Half);
        // ResNet-18's 64 → 64 layer on 56×56 at batch 1: 28 × 28 = 784 tiles, one image (16·128·784 = 1,605,632 elements).
        var resnet = Plan(new(1, 64, 64, [56, 56], [3, 3], Padding: 1))!;
        Assert.Equal((28, 784, 1), (resnet.TileRows, resnet.Tiles, resnet.ImagesPerPass));
        // Odd maps: 7×7 outputs take 4 × 4 tiles, the last row and column of outputs dropped; without padding a 9×11
        // input gives 7×9 outputs, 4 × 5 tiles.
        Assert.Equal(16, Plan(new(1, 512, 512, [7, 7], [3, 3], Padding: 1))!.Tiles);
        var unpadded = Plan(new(1, 2, 2, [9, 11], [3, 3]))!;
        Assert.Equal((4, 5), (unpadded.TileRows, unpadded.TileColumns));
        // Position blocks are a cache line (16 float32) more than their length rounded up to one: 512 × 516 (512 output
        // channels in strips of 6) is 264,192, already whole lines, so 264,208.
        Assert.Equal(264_208, WinogradConvPlan.PositionStride(512 * 516, sizeof(float)));
        Assert.Equal(24, WinogradConvPlan.PositionStride(10, sizeof(double)));
    }

    [Fact]
    public void OnlyTwoDimensionalThreeByThreeStrideOneMapsOfOneGroupWithChannelsHavePlans()
    {
        Assert.Null(Plan(new(1, 8, 8, [16, 16], [3, 3], Stride: 2, Padding: 1)));
        Assert.Null(Plan(new(1, 8, 8, [16, 16], [3, 3], Padding: 2, Dilation: 2)));
        Assert.Null(Plan(new(1, 8, 8, [16, 16], [3, 3], Padding: 1, Groups: 2)));
        Assert.Null(Plan(new(1, 8, 8, [16, 16], [5, 5], Padding: 2)));
        Assert.Null(Plan(new(1, 8, 8, [16], [3], Padding: 1)));
        Assert.Null(Plan(new(1, 8, 8, [4, 16, 16], [3, 3, 3], Padding: 1)));
        Assert.Null(Plan(new(1, 0, 8, [16, 16], [3, 3], Padding: 1)));
        Assert.Null(Plan(new(1, 8, 0, [16, 16], [3, 3], Padding: 1)));
        Assert.NotNull(Plan(new(1, 8, 8, [16, 16], [3, 3])));
        Assert.NotNull(Plan(new(1, 8, 8, [16, 16], [3, 3], Padding: 3)));
    }

    [Fact]
    public void ABatchInSeveralPassesMatchesThePlainConvolutionOnOneOrTwoThreads()
    {
        // 3 → 5 channels on 13×12 (7 × 6 tiles, 42 per image: 16·8·42 = 5,376 elements), passes bounded at 12,000
        // elements: two images per pass, so five images make passes of 2, 2 and 1.
        var c = new Case(5, 3, 5, [13, 12], [3, 3], Padding: 1);
        var plan = Plan(c, passElements: 12_000)!;
        Assert.Equal(2, plan.ImagesPerPass);
        var one = CheckAgainstPlain(c, plan, 900, threads: 1);
        Assert.Equal(one, CheckAgainstPlain(c, plan, 900, threads: 2));
        // The weight gradient sums its products pass after pass.
        var gradient = WeightGradientAgainstPlain(c, plan, 901, threads: 1);
        Assert.Equal(gradient, WeightGradientAgainstPlain(c, plan, 901, threads: 2));
    }

    /// <summary>The case's weight gradient through the plan in float32, into an array full of NaN at an offset (<see cref="ConvKernelTests.Guarded{T}"/>), against the plain convolution's; returns it.</summary>
    private static double[] WeightGradientAgainstPlain(Case c, WinogradConvPlan plan, int seed, int threads)
    {
        var gen = new Generator(seed);
        var x = ConvKernelTests.Normal(gen, c.Batch, c.Channels, c.Input);
        var gy = ConvKernelTests.Normal(gen, c.Batch, c.OutChannels, c.Output);
        var w = new double[c.OutChannels * c.Channels * 9];
        var expected = ConvKernelTests.Plain(c, x, w, new double[c.OutChannels], gy).WeightGrad;
        const int at = ConvKernelTests.GuardOffset;
        using var scope = Threads.Use(threads);
        var actual = ConvKernelTests.Guarded<float>(expected.Length, gradient =>
            WinogradConvolution.WeightGradient(plan, ConvKernelTests.Offset(x, Single), at, ConvKernelTests.Offset(gy, Single), at, gradient, at));
        ConvKernelTests.Close(expected, actual, 2e-4, $"weight gradient at {threads} threads");
        return actual;
    }

    [Fact]
    public void Float32ErrorOnADeepMapStaysNearTheDirectSums()
    {
        // 512 → 8 channels on 8×8: each output sums 4,608 products. Against the float64 sum, F(2×2, 3×3) in float32 must
        // stay within 4× the error of the same sums taken directly in float32 (im2col + GEMM), and under 1e-5 of the
        // outputs' largest magnitude. Inputs in [0, 1) and weights of one sign make every sum grow, the worst case for
        // rounding.
        var c = new Case(2, 512, 8, [8, 8], [3, 3], Padding: 1);
        var gen = new Generator(17);
        var x = Tensor.Rand([c.Batch, c.Channels, 8, 8], DType.Float64, gen).ToArray<double>();
        var w = Tensor.Rand([c.OutChannels, c.Channels, 3, 3], DType.Float64, gen).ToArray<double>();
        var b = new double[c.OutChannels];
        var expected = ConvKernelTests.Plain(c, x, w, b, new double[c.Batch * c.OutChannels * 64]).Y;
        double Error(Choice kernels)
        {
            using var forced = ConvAlgorithm.Force(kernels);
            var y = Functional.Conv2d(Tensor.FromArray(x, c.Batch, c.Channels, 8, 8).To(DType.Float32),
                Tensor.FromArray(w, c.OutChannels, c.Channels, 3, 3).To(DType.Float32), padding: 1).ToDoubleArray();
            return expected.Zip(y, (e, a) => Math.Abs(e - a)).Max();
        }
        double largest = expected.Max(Math.Abs), winograd = Error(Choice.Winograd), direct = Error(Choice.Gemm);
        Assert.True(winograd <= 4 * direct, $"F(2×2, 3×3) error {winograd:G3} against im2col + GEMM's {direct:G3}");
        Assert.True(winograd <= 1e-5 * largest, $"F(2×2, 3×3) error {winograd:G3} against outputs up to {largest:G4}");
    }

    [Fact]
    public void ByShapeItRunsWideThreeByThreeMapsWithEnoughTilesThatTheImplicitKernelsLeaveOnAvx512()
    {
        bool avx512 = SimdPaths.Selected == SimdPath.Vector512;
        // VGG-11's maps at batch 32 (512 channels on 8×8: 512 tiles; on 4×4: 128; 64 → 128 on 32×32), forward and
        // adjoint; ResNet-18's 64-, 128- and 256-channel maps at batch 1 (784, 196 and 49 tiles). The weight gradient
        // only from 128 channels each way.
        foreach (var (shape, gradient) in new (Case, bool)[]
        {
            (new(32, 512, 512, [8, 8], [3, 3], Padding: 1), true), (new(32, 512, 512, [4, 4], [3, 3], Padding: 1), true),
            (new(32, 64, 128, [32, 32], [3, 3], Padding: 1), false),
            (new(1, 64, 64, [56, 56], [3, 3], Padding: 1), false), (new(1, 128, 128, [28, 28], [3, 3], Padding: 1), true),
            (new(1, 256, 256, [14, 14], [3, 3], Padding: 1), true),
        })
        {
            var algorithm = Algorithm(shape);
            Assert.Equal(avx512, algorithm.WinogradForward);
            Assert.Equal(avx512, algorithm.WinogradAdjoint);
            Assert.Equal(avx512 && gradient, algorithm.WinogradWeightGradient);
            Assert.NotEqual(avx512, algorithm.ForwardTakesPackedWeights || algorithm.DirectForward || algorithm.ImplicitForward);
        }
        // Not by shape: what the implicit kernels' rule takes (ResNet-20's 32-channel maps at batch 128: 37 KB of
        // weights in many chunks), 16 channels, the first layer's 3 input channels (its adjoint, 64 → 3, does not exist
        // in training but has 3 output channels), and 16 tiles (512 channels on 7×7 at batch 1).
        var resnet20 = Algorithm(new(128, 32, 32, [16, 16], [3, 3], Padding: 1));
        Assert.False(resnet20.WinogradForward || resnet20.WinogradAdjoint || resnet20.WinogradWeightGradient);
        Assert.False(Algorithm(new(1, 16, 16, [32, 32], [3, 3], Padding: 1)).WinogradForward);
        var first = Algorithm(new(32, 3, 64, [64, 64], [3, 3], Padding: 1));
        Assert.False(first.WinogradForward);
        Assert.False(first.WinogradAdjoint);
        Assert.False(Algorithm(new(1, 512, 512, [7, 7], [3, 3], Padding: 1)).WinogradForward);
        // Forced, wherever a plan exists; the adjoint needs the flipped convolution (padding at most 2).
        using (ConvAlgorithm.Force(Choice.Winograd))
        {
            var forced = Algorithm(new(1, 3, 4, [7, 7], [3, 3], Padding: 1));
            Assert.True(forced.WinogradForward && forced.WinogradAdjoint && forced.WinogradWeightGradient);
            var wide = Algorithm(new(1, 3, 4, [7, 7], [3, 3], Padding: 3));
            Assert.True(wide.WinogradForward);
            Assert.False(wide.WinogradAdjoint);
            Assert.False(Algorithm(new(1, 3, 4, [7, 7], [3, 3], Stride: 2, Padding: 1)).WinogradForward);
        }
    }

    private static WinogradConvPlan? Plan(Case c, int passElements = WinogradConvPlan.PassElements)
        => WinogradConvPlan.TryCreate(ConvKernelTests.Geometry(c), c.Groups, c.OutChannels, sizeof(float), passElements);

    private static ConvAlgorithm Algorithm(Case c) => new(ConvKernelTests.Geometry(c), c.Groups, c.OutChannels, sizeof(float), System.Numerics.Vector<float>.Count);

    /// <summary>The case through the plan in float32, into an output full of NaN at an offset (<see cref="ConvKernelTests.Guarded{T}"/>), against the plain convolution; returns the output.</summary>
    private static double[] CheckAgainstPlain(Case c, WinogradConvPlan plan, int seed, int threads)
    {
        var gen = new Generator(seed);
        var x = ConvKernelTests.Normal(gen, c.Batch, c.Channels, c.Input);
        var w = ConvKernelTests.Normal(gen, c.OutChannels, c.Channels, c.Kernel);
        var b = ConvKernelTests.Normal(gen, c.OutChannels);
        var expected = ConvKernelTests.Plain(c, x, w, b, new double[c.Batch * c.OutChannels * c.Output.Aggregate(1, (p, s) => p * s)]).Y;
        const int at = ConvKernelTests.GuardOffset;
        using var scope = Threads.Use(threads);
        var actual = ConvKernelTests.Guarded<float>(expected.Length, y => WinogradConvolution.Forward(plan, ConvKernelTests.Offset(x, Single), at,
            ConvKernelTests.Offset(w, Single), at, ConvKernelTests.Offset(b, Single), at, y, at));
        ConvKernelTests.Close(expected, actual, 2e-4, $"output at {threads} threads");
        return actual;
    }

    private static float Single(double value) => (float)value;
}
