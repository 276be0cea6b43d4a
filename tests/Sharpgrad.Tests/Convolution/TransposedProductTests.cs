using Sharpgrad.Backends.Cpu;
using Sharpgrad.Kernels;
using Sharpgrad.NN;
using Case = Sharpgrad.Tests.Convolution.ConvKernelTests.Case;
using Choice = Sharpgrad.Kernels.ConvAlgorithm.Choice;

namespace Sharpgrad.Tests.Convolution;

/// <summary>
/// The forward's two orientations of a tile's product with packed weights (<see cref="GemmConvPlan.TransposedProduct"/>):
/// y = W·cols and yᵀ = colsᵀ·Wᵀ, the latter with im2col writing colsᵀ into strips of 6 positions and the product moved
/// into the NCHW planes. Both against the plain convolution (<see cref="ConvKernelTests.Plain"/>, float64 by its
/// definition), and bitwise against each other and the first, unpacked call: the same multiply-adds in the same order.
/// </summary>
public class TransposedProductTests
{
    /// <summary>
    /// Odd sizes: positions that fill no whole strip of 6 or 32 (143, 81, 100, 30), output channels that fill no strip of
    /// 32 (40, 24 per group), stride 2 with dilation 2 and two groups, no padding, several whole images per tile (4 × 49
    /// positions), several tiles of output rows per image (a 40×40 map: tile.At past 0), a 1-D convolution, stride 2
    /// along rows of 23 outputs (im2col's gather of even lanes, Im2Col.Gather, in whole vectors and a remainder), and two
    /// batches of several tiles for the threads to share: 3 images of 33×33 in tiles of 27 and 6 rows (6 tiles), and 7
    /// images of 9×9 in tiles of 4 and 3 whole images. At batch 1 on several threads the forward cuts an image's rows
    /// into pieces for the threads (GemmConvolution.EachForwardTile): the 40×40 map's 6 tiles into 6 pieces on 2 threads
    /// and 8 on 4, a 7×7 map into rows 3 + 4 on 2 threads, a 14×14 map into 7 + 7 and 3 + 4 + 3 + 4
    /// (<see cref="PiecedCases"/>).
    /// </summary>
    public static readonly Case[] Cases =
    [
        new(1, 24, 64, [11, 13], [3, 3], Padding: 1),
        new(1, 40, 96, [9, 9], [3, 3], Padding: 1),
        new(1, 20, 48, [13, 11], [3, 3], Stride: 2, Padding: 1, Dilation: 2, Groups: 2),
        new(4, 32, 64, [7, 7], [3, 3], Padding: 1),
        new(1, 16, 40, [12, 12], [3, 3]),
        new(1, 64, 24, [40, 40], [3, 3], Padding: 1),
        new(1, 8, 64, [30], [5], Padding: 2),
        new(1, 8, 64, [9, 45], [3, 3], Stride: 2, Padding: 1),
        new(3, 16, 40, [33, 33], [3, 3], Padding: 1),
        new(7, 8, 24, [9, 9], [3, 3], Padding: 1),
        new(1, 128, 64, [7, 7], [3, 3], Padding: 1),
        new(1, 96, 96, [14, 14], [3, 3], Padding: 1),
    ];

    /// <summary>The batch-1 cases above that the forward cuts into row pieces, and on how many threads (the 7×7 case,
    /// 64·1152·49 = 3.6 M multiply-adds, has too little work for 4).</summary>
    private static readonly (int Case, int[] Threads)[] PiecedCases = [(5, [2, 4]), (10, [2]), (11, [2, 4])];

    [Fact]
    public void TheBatchOneCasesReachTheRowPieces()
    {
        foreach (var (index, threadCounts) in PiecedCases)
            foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            {
                var c = Cases[index];
                var plan = CpuConvolutionPlans.Get(ConvKernelTests.Geometry(c), c.Groups, c.OutChannels, dtype).Algorithm.Gemm;
                foreach (int threads in threadCounts)
                    Assert.True(GemmConvolution.UsesRowPieces(plan, threads), $"{c} {dtype}: {threads} threads should cut the image into row pieces");
            }
        Assert.False(GemmConvolution.UsesRowPieces(CpuConvolutionPlans.Get(ConvKernelTests.Geometry(Cases[10]), 1, 64, DType.Float32).Algorithm.Gemm, 4));
    }

    /// <summary>
    /// Each case in both orientations, float32 and float64, on 1, 2 and 4 threads: the first call (W not yet packed), the
    /// second (packs it) and the third (W held packed) under NoGrad, each right after a padding-free call that leaves
    /// the pooled scratch full of its own values. Every call matches the plain convolution and gives the bits of the
    /// case's first call on one thread, whatever the orientation and the thread count.
    /// </summary>
    [Fact]
    public void BothOrientationsGiveThePlainConvolutionAndTheSameBitsAtAnyThreadCount()
    {
        for (int index = 0; index < Cases.Length; index++)
            foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            {
                var c = Cases[index];
                var gen = new Generator(300 + index);
                var x = ConvKernelTests.Normal(gen, c.Batch, c.Channels, c.Input);
                var w = ConvKernelTests.Normal(gen, c.OutChannels, c.Channels / c.Groups, c.Kernel);
                var b = ConvKernelTests.Normal(gen, c.OutChannels);
                var expected = ConvKernelTests.Plain(c, x, w, b, new double[c.Batch * c.OutChannels * c.Output.Aggregate(1, (p, s) => p * s)]).Y;
                double tolerance = dtype == DType.Float32 ? 2e-4 : 1e-10;
                double[]? firstBits = null;
                foreach (int threads in new[] { 1, 2, 4 })
                {
                    using var scope = Threads.Use(threads);
                    foreach (var choice in new[] { Choice.GemmWeightsLeft, Choice.GemmWeightsRight })
                    {
                        using var forced = ConvAlgorithm.Force(choice);
                        Assert.Equal(choice == Choice.GemmWeightsRight,
                            CpuConvolutionPlans.Get(ConvKernelTests.Geometry(c), c.Groups, c.OutChannels, dtype).Algorithm.Gemm.TransposedProduct);
                        var wt = ThreeCallsMatch(c, dtype, x, w, b, expected, tolerance, $"{c} {dtype} {choice}", threads, ref firstBits);
                        Assert.True(CpuPackedConvWeights.Holds(wt), $"{c} {dtype} {choice}: the weights should be held packed after the second call");
                    }
                }
            }
    }

    /// <summary>
    /// Three no-grad calls of the case's convolution on the thread count in force (W not yet packed, packing it, held
    /// packed), each right after a padding-free call that leaves the pooled scratch dirty: every call matches the plain
    /// convolution within <paramref name="tolerance"/> and gives the bits of <paramref name="firstBits"/> (set by the
    /// first call seen). Returns the weight tensor, for checks on what the calls left packed.
    /// </summary>
    internal static Tensor ThreeCallsMatch(ConvKernelTests.Case c, DType dtype, double[] x, double[] w, double[] b, double[] expected,
        double tolerance, string label, int threads, ref double[]? firstBits)
    {
        var xt = Tensor.FromArray(x, [c.Batch, c.Channels, .. c.Input]).To(dtype);
        var wt = Tensor.FromArray(w, [c.OutChannels, c.Channels / c.Groups, .. c.Kernel]).To(dtype);
        var bt = Tensor.FromArray(b, c.OutChannels).To(dtype);
        using var noGrad = Autograd.NoGrad();
        for (int call = 0; call < 3; call++)
        {
            var y = PackedConvWeightsTests.AfterDirtying(dtype, () => ConvKernelTests.Conv(c, xt, wt, bt)).ToDoubleArray();
            string what = $"{label}, call {call + 1}, {threads} thread(s)";
            ConvKernelTests.Close(expected, y, tolerance, what);
            firstBits ??= y;
            var first = firstBits;
            int differ = Enumerable.Range(0, y.Length).Count(i => y[i] != first[i]);
            Assert.True(differ == 0, $"{what}: {differ} of {y.Length} outputs differ from the bits of the first call on one thread");
        }
        return wt;
    }

    /// <summary>
    /// The rule (<see cref="ProductOrientation"/>), counted here by hand: multiply-adds per unit depth with rows padded
    /// to 6 and columns to nr, the transposed product taken where it runs at least 8% fewer. On AVX-512 (nr = 32 float32)
    /// ResNet-18's 7×7 maps (512 channels, 49 → 64 columns: 516·64 against 54·512, 16% fewer) and 14×14 maps (256
    /// channels, 196 → 224: 258·224 against 198·256, 12% fewer) take it; its 56×56 maps (64 channels in tiles of 5 rows,
    /// 280 → 288: 66·288 against 282·64, 5% fewer) and the stem do not, nor does a pointwise convolution, whose image
    /// is its own column matrix.
    /// </summary>
    [Fact]
    public void TheOrientationIsChosenByThePaddingEachWastes()
    {
        int nr = GemmPackedB<float>.StripWidthOf(SimdPaths.Selected);
        static long Round(long size, int strip) => (size + strip - 1) / strip * strip;
        var shapes = new (Case Case, int TileWidth, bool OnAvx512)[]
        {
            (new(1, 512, 512, [7, 7], [3, 3], Padding: 1), 49, true),
            (new(1, 256, 512, [14, 14], [3, 3], Stride: 2, Padding: 1), 49, true),
            (new(1, 256, 256, [14, 14], [3, 3], Padding: 1), 196, true),
            (new(1, 64, 64, [56, 56], [3, 3], Padding: 1), 5 * 56, false),
            (new(1, 3, 64, [224, 224], [7, 7], Stride: 2, Padding: 3), 7 * 112, false),
        };
        foreach (var (c, width, onAvx512) in shapes)
        {
            var plan = new GemmConvPlan(ConvKernelTests.Geometry(c), 1, c.OutChannels, sizeof(float));
            Assert.Equal(width, plan.RowsPerTile * c.Output[^1]);
            long left = Round(c.OutChannels, 6) * Round(width, nr), right = Round(width, 6) * Round(c.OutChannels, nr);
            Assert.True((right <= 0.92 * left) == plan.TransposedProduct, $"{c}: {left} against {right} padded multiply-adds, transposed {plan.TransposedProduct}");
            if (SimdPaths.Selected == SimdPath.Vector512) Assert.Equal(onAvx512, plan.TransposedProduct);
        }
        var pointwise = new Case(1, 512, 512, [7, 7], [1, 1]);
        Assert.False(new GemmConvPlan(ConvKernelTests.Geometry(pointwise), 1, 512, sizeof(float), transposedProduct: true).TransposedProduct);
    }

    /// <summary>Weights packed for one orientation are refused by a plan of the other, with an error that names both.</summary>
    [Fact]
    public void WeightsPackedForTheOtherOrientationAreRefused()
    {
        var c = Cases[1];
        var geometry = ConvKernelTests.Geometry(c);
        var left = new GemmConvPlan(geometry, 1, c.OutChannels, sizeof(float), transposedProduct: false);
        var right = new GemmConvPlan(geometry, 1, c.OutChannels, sizeof(float), transposedProduct: true);
        var w = new float[c.OutChannels * c.Channels * 9];
        var x = new float[c.Channels * 81];
        var y = new float[c.OutChannels * 81];
        var packed = new PackedConvWeights<float>(left, w, 0);
        var error = Assert.Throws<ArgumentException>(() => GemmConvolution.Forward(right, x, 0, w, 0, null, 0, y, 0, packed));
        Assert.Contains("as the right operand: False, expected True", error.Message);
        Assert.Throws<InvalidOperationException>(() => new PackedConvWeights<float>(right, w, 0).Group(0));
    }
}
