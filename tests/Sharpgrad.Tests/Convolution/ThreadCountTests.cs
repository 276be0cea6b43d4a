using Sharpgrad.Kernels;
using Sharpgrad.NN;
using Case = Sharpgrad.Tests.Convolution.ConvKernelTests.Case;

namespace Sharpgrad.Tests.Convolution;

/// <summary>DESIGN.md: results never depend on the thread count. Convolution and pooling kernels split work by plane.</summary>
public class ThreadCountTests
{
    [Fact]
    public void ConvolutionAndPoolingAreBitwiseTheSameOnOneOrManyThreads()
    {
        (double[] Output, double[] InputGrad, double[] WeightGrad) Run(int threads)
        {
            using var scope = Threads.Use(threads);
            var x = Rand.Leaf(1, 4, 16, 16, 16);
            var w = Rand.Leaf(2, 8, 16, 3, 3);
            var up = Rand.Normal(3, 8, 2, 3, 3);
            var y = Functional.MaxPool2d(Functional.Conv2d(x, w, padding: 1), 3, stride: 2, padding: 1);      // [4, 8, 8, 8]
            var z = Functional.ConvTranspose2d(Functional.AvgPool2d(y, 3, stride: 1, padding: 1), up, stride: 2);
            z.Square().Sum().Backward();
            return (z.ToArray<double>(), x.Grad!.ToArray<double>(), w.Grad!.ToArray<double>());
        }
        var one = Run(1);
        var many = Run(4);
        Assert.Equal(one.Output, many.Output);
        Assert.Equal(one.InputGrad, many.InputGrad);
        Assert.Equal(one.WeightGrad, many.WeightGrad);
    }

    /// <summary>
    /// Conv2d 24 → 40, 3×3 on 17×15, batch 3, float64: weights of 40·24·9·8 = 69 KB, over the 16 KB the GEMM reads in
    /// place, in two tiles (two images of 255 positions side by side, then one), so im2col + GEMM packs W and Wᵀ once
    /// per call (<see cref="GemmConvPlan.PacksWeightsOnce"/>).
    /// </summary>
    private static readonly Case Packing = new(3, 24, 40, [17, 15], [3, 3], Padding: 1);

    [Fact]
    public void ConvolutionsThatPackTheirWeightsOnceAreBitwiseTheSameOnOneOrManyThreads()
    {
        Assert.True(new GemmConvPlan(ConvKernelTests.Geometry(Packing), 1, 40, sizeof(double)).PacksWeightsOnce);
        AssertSameOnThreads(Packing, "Gemm");
    }

    [Theory]
    [InlineData("ImplicitByPosition narrow")]
    [InlineData("ImplicitByPosition wide")]
    public void ImplicitTilesOfThirtyTwoAndMoreChannelsAreBitwiseTheSameOnOneOrManyThreads(string kernels)
    {
        // 32 → 48 channels: by positions, float64 blocks of 8 channels (256-bit vectors) in wide tiles where two blocks
        // remain. Batch 8: a chunk per image for the forward map and the adjoint, two chunks (partial sums) for the
        // weight gradient.
        AssertSameOnThreads(new Case(8, 32, 48, [10, 10], [3, 3], Padding: 1), kernels);
    }

    private static void AssertSameOnThreads(Case c, string kernels)
    {
        var one = ConvolutionAndGradients(c, kernels, threads: 1, images: c.Batch);
        var many = ConvolutionAndGradients(c, kernels, threads: 4, images: c.Batch);
        for (int i = 0; i < one.Length; i++) Assert.Equal(one[i], many[i]);
    }

    [Fact]
    public void EachImageOfABatchThatPacksIsBitwiseThatImageAlone()
    {
        // Alone (batch 1: one tile) nothing is packed ahead; in the batch (several tiles) W and Wᵀ are, and the image
        // may share its tile with another. Each output and input gradient sums the same products in the same order.
        Assert.False(new GemmConvPlan(ConvKernelTests.Geometry(Packing with { Batch = 1 }), 1, 40, sizeof(double)).PacksWeightsOnce);
        var batch = ConvolutionAndGradients(Packing, "Gemm", threads: 1, images: Packing.Batch);
        for (int image = 0; image < Packing.Batch; image++)
        {
            var alone = ConvolutionAndGradients(Packing, "Gemm", threads: 1, images: 1, first: image);
            Assert.Equal(Image(batch[0], image, alone[0].Length), alone[0]);   // output
            Assert.Equal(Image(batch[1], image, alone[1].Length), alone[1]);   // input gradient
        }

        static double[] Image(double[] values, int image, int size) => values[(image * size)..((image + 1) * size)];
    }

    /// <summary>
    /// Conv2d of <paramref name="c"/>'s geometry with bias over images [first, first + images) of a seeded float64 batch,
    /// and its input, weight and bias gradients for a seeded output gradient: [output, ∇x, ∇W, ∇b].
    /// </summary>
    private static double[][] ConvolutionAndGradients(Case c, string kernels, int threads, int images, int first = 0)
    {
        using var scope = Threads.Use(threads);
        using var forced = ConvKernelTests.Force(kernels);
        var x = Rand.Normal(21, c.Batch, c.Channels, c.Input[0], c.Input[1]).Narrow(0, first, images).Contiguous(copy: true).RequireGrad();
        var w = Rand.Leaf(22, c.OutChannels, c.Channels, c.Kernel[0], c.Kernel[1]);
        var b = Rand.Leaf(23, c.OutChannels);
        var gy = Rand.Normal(24, c.Batch, c.OutChannels, c.Output[0], c.Output[1]).Narrow(0, first, images).Contiguous(copy: true);
        var y = Functional.Conv2d(x, w, b, padding: c.Padding);
        var grads = Autograd.Grad([y], [x, w, b], [gy]);
        return [y.ToArray<double>(), .. grads.Select(g => g.ToArray<double>())];
    }
}
