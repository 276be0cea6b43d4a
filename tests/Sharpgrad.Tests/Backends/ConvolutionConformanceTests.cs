using Sharpgrad.NN;
using Sharpgrad.Tests.Convolution;
using Case = Sharpgrad.Tests.Convolution.ConvKernelTests.Case;

namespace Sharpgrad.Tests.Backends;

/// <summary>
/// The convolution primitives (<c>Backend.Convolution.cs</c>) on both backends, over the geometries of
/// <see cref="ConvKernelTests"/> (strides, padding, dilation, groups, 1-D to 3-D, strided operands): the reference
/// loops against the convolution written out in the test (<see cref="ConvKernelTests.Plain"/>), and the CPU kernels,
/// as chosen by shape, against the reference: forward, input, weight and bias gradients, and the transposed convolution
/// with its gradients. Also im2col/col2im (Unfold/Fold), an empty batch, cases worked by hand and mixed devices.
/// </summary>
public class ConvolutionConformanceTests
{
    public static TheoryData<int, DType> Runs()
    {
        var data = new TheoryData<int, DType>();
        for (int c = 0; c < ConvKernelTests.Cases.Length; c++)
            foreach (var dtype in new[] { DType.Float64, DType.Float32 })
                data.Add(c, dtype);
        return data;
    }

    private sealed record Inputs(double[] X, double[] W, double[] B, double[] Gy, double[] Bc);

    [Theory]
    [MemberData(nameof(Runs))]
    public void ReferenceIsThePlainConvolutionAndCpuAgrees(int index, DType dtype)
    {
        var c = ConvKernelTests.Cases[index];
        var gen = new Generator(300 + index);
        var inputs = new Inputs(
            ConvKernelTests.Normal(gen, c.Batch, c.Channels, c.Input), ConvKernelTests.Normal(gen, c.OutChannels, c.Channels / c.Groups, c.Kernel),
            ConvKernelTests.Normal(gen, c.OutChannels), ConvKernelTests.Normal(gen, c.Batch, c.OutChannels, c.Output), ConvKernelTests.Normal(gen, c.Channels));
        double tolerance = dtype == DType.Float32 ? 2e-4 : 1e-10;

        var reference = Run(c, inputs, dtype, Device.Reference);
        var plain = ConvKernelTests.Plain(c, inputs.X, inputs.W, inputs.B, inputs.Gy);
        ConvKernelTests.Close(plain.Y, reference[0], tolerance, "reference output");
        ConvKernelTests.Close(plain.InputGrad, reference[1], tolerance, "reference input gradient");
        ConvKernelTests.Close(plain.WeightGrad, reference[2], tolerance, "reference weight gradient");
        ConvKernelTests.Close(plain.BiasGrad, reference[3], tolerance, "reference bias gradient");

        var cpu = Run(c, inputs, dtype, Device.Cpu);
        string[] names = ["output", "input gradient", "weight gradient", "bias gradient", "transposed", "transposed input gradient", "transposed weight gradient"];
        for (int i = 0; i < names.Length; i++) ConvKernelTests.Close(reference[i], cpu[i], tolerance, "cpu " + names[i]);
    }

    /// <summary>
    /// On <paramref name="device"/>: the convolution of strided operands and its three gradients, then the transposed
    /// convolution of the output gradient (with a bias over the input's channels) and its gradients in input and weight.
    /// </summary>
    private static double[][] Run(Case c, Inputs v, DType dtype, Device device)
    {
        using var _ = Device.Use(device);
        var x = ConvKernelTests.NonContiguous(v.X, [c.Batch, c.Channels, .. c.Input], dtype).RequireGrad();
        var w = Tensor.FromArray(v.W, [c.OutChannels, c.Channels / c.Groups, .. c.Kernel]).To(dtype).RequireGrad();
        var b = Tensor.FromArray(v.B, c.OutChannels).To(dtype).RequireGrad();
        var gy = ConvKernelTests.NonContiguous(v.Gy, [c.Batch, c.OutChannels, .. c.Output], dtype).RequireGrad();
        var y = ConvKernelTests.Conv(c, x, w, b);
        var grads = Autograd.Grad([y], [x, w, b], [gy.Detach()]);
        var back = ConvKernelTests.ConvTranspose(c, gy, w, Tensor.FromArray(v.Bc, c.Channels).To(dtype));
        var backGrads = Autograd.Grad([back], [gy, w], [x.Detach()]);
        Tensor[] results = [y, .. grads, back, .. backGrads];
        Assert.All(results, t => Assert.Equal(device, t.Device));
        return [.. results.Select(t => t.ToDoubleArray())];
    }

    [Theory]
    [InlineData(1, 2, 3, 5, 2, 1, 1, 1)]
    [InlineData(2, 3, 6, 7, 3, 2, 1, 2)]
    [InlineData(1, 1, 4, 4, 2, 1, 0, 3)]
    public void UnfoldAndFoldAgree(int n, int channels, int height, int width, int kernel, int stride, int padding, int dilation)
    {
        foreach (var dtype in new[] { DType.Float64, DType.Float32 })
        {
            var values = Tensor.Randn([n, channels, width, height], DType.Float64, new Generator(40 + channels)).ToArray<double>();
            double tolerance = dtype == DType.Float32 ? 1e-5 : 1e-12;
            double[][] Run(Device device)
            {
                using var _ = Device.Use(device);
                // [N, C, H, W] as a transposed view of [N, C, W, H]: not contiguous.
                var image = Tensor.FromArray(values, n, channels, width, height).To(dtype).Transpose(2, 3).RequireGrad();
                var blocks = Functional.Unfold(image, kernel, dilation, padding, stride);
                var upstream = Tensor.Randn(blocks.Shape, dtype, new Generator(7));
                var grad = Autograd.Grad([blocks], [image], [upstream])[0];
                var folded = Functional.Fold(upstream, (height, width), kernel, dilation, padding, stride);
                return [blocks.ToDoubleArray(), grad.ToDoubleArray(), folded.ToDoubleArray()];
            }
            var reference = Run(Device.Reference);
            var cpu = Run(Device.Cpu);
            for (int i = 0; i < reference.Length; i++) ConvKernelTests.Close(reference[i], cpu[i], tolerance, $"Unfold/Fold result {i}");
            // Fold is Unfold's adjoint, so Unfold's input gradient is Fold of the upstream gradient.
            ConvKernelTests.Close(reference[1], reference[2], tolerance, "reference Fold against Unfold's gradient");
        }
    }

    [Fact]
    public void TheReferenceConvolutionsWorkedByHand()
    {
        using var _ = Device.Use(Device.Reference);
        var x = Tensor.FromArray(new double[] { 1, 2, 3, 4 }, 1, 1, 4);
        var w = Tensor.FromArray(new double[] { 1, -1 }, 1, 1, 2);
        var b = Tensor.FromArray(new double[] { 0.5 }, 1);
        // y[o] = 0.5 + x[o − 1] − x[o], with x = 0 outside [0, 4).
        Assert.Equal(new double[] { -0.5, -0.5, -0.5, -0.5, 4.5 }, Functional.Conv1d(x, w, b, padding: 1).ToArray<double>());
        // The same at stride 2: positions 0, 2, 4.
        Assert.Equal(new double[] { -0.5, -0.5, 4.5 }, Functional.Conv1d(x, w, b, stride: 2, padding: 1).ToArray<double>());
        // Dilation 2: y[o] = x[o] − x[o + 2].
        Assert.Equal(new double[] { -2, -2 }, Functional.Conv1d(x, w, dilation: 2).ToArray<double>());
        // Transposed at stride 2: each input value stamps [1, −1] two places further on.
        var stamped = Functional.ConvTranspose1d(Tensor.FromArray(new double[] { 1, 3 }, 1, 1, 2), w, stride: 2);
        Assert.Equal(new double[] { 1, -1, 3, -3 }, stamped.ToArray<double>());
        // Two groups of one channel each: each output channel sees only its own input channel.
        var pair = Tensor.FromArray(new double[] { 1, 2, 10, 20 }, 1, 2, 2);
        var perChannel = Tensor.FromArray(new double[] { 2, 1, 0, 1 }, 2, 1, 2);
        Assert.Equal(new double[] { 2 * 1 + 1 * 2, 0 * 10 + 1 * 20 }, Functional.Conv1d(pair, perChannel, groups: 2).ToArray<double>());
    }

    [Fact]
    public void AnEmptyBatchOnTheReferenceGivesZeroWeightGradients()
    {
        using var _ = Device.Use(Device.Reference);
        ConvKernelTests.CheckEmptyBatch();
    }

    [Fact]
    public void OperandsOnTwoDevicesAreAnErrorNamingTheOp()
    {
        var x = Tensor.Ones(1, 2, 5, 5);
        var w = Tensor.Ones(3, 2, 3, 3).To(Device.Reference);
        var error = Assert.Throws<InvalidOperationException>(() => Functional.Conv2d(x, w));
        Assert.Contains("Conv2d", error.Message);
        Assert.Contains("reference", error.Message);
        var transposed = Assert.Throws<InvalidOperationException>(() => Functional.ConvTranspose2d(Tensor.Ones(1, 3, 3, 3), w));
        Assert.Contains("ConvTranspose2d", transposed.Message);
    }

    [Fact]
    public void PaddingWiderThanTheKernelsReachGivesTheBiasAlone()
    {
        // 1×1 kernel, stride (1, 5), padding (0, 2) on a 1×1 image: the one output reads padded pixel 0, a zero, so
        // y = bias and the input and weight gradients are 0; the copied rows are all padding (this threw before rn20's fix).
        foreach (var device in new[] { Device.Cpu, Device.Reference })
        {
            using var _ = Device.Use(device);
            var x = Tensor.From(new[] { 3.0, -2.0 }).Reshape(1, 2, 1, 1).To(device).RequireGrad();
            var w = Tensor.From(new[] { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0 }).Reshape(3, 2, 1, 1).To(device).RequireGrad();
            var b = Tensor.From(new[] { 0.5, -1.5, 2.5 }).To(device).RequireGrad();
            var y = Functional.Conv2d(x, w, b, stride: (1, 5), padding: (0, 2));
            Assert.Equal([1, 3, 1, 1], y.Shape);
            Assert.Equal(new[] { 0.5, -1.5, 2.5 }, y.ToDoubleArray());
            var grads = Autograd.Grad([y], [x, w], [Tensor.Ones([1, 3, 1, 1], DType.Float64).To(device)]);
            Assert.All(grads, g => Assert.All(g.ToDoubleArray(), v => Assert.Equal(0.0, v)));
        }
    }

    [Fact]
    public void AConvolutionAfterOneOfLargeValuesWithOtherPaddingSeesNoneOfThem()
    {
        // The padded-image scratch is reused on the thread and each row is written once, zeros included: a convolution
        // of large values leaves its buffer full of them, and the next, with other padding, must read only its own zeros.
        using var _ = Threads.Use(1);
        var gen = new Generator(400);
        var large = Tensor.Randn([2, 16, 8, 8], DType.Float32, gen) * 1e6f;
        var w1 = Tensor.Randn([16, 16, 3, 3], DType.Float32, gen);
        Functional.Conv2d(large, w1, padding: 1).ToDoubleArray();
        var x = Tensor.Randn([2, 16, 8, 8], DType.Float32, gen);
        var w2 = Tensor.Randn([16, 16, 3, 3], DType.Float32, gen);
        var cpu = Functional.Conv2d(x, w2, padding: (2, 3));
        var reference = Functional.Conv2d(x.To(Device.Reference), w2.To(Device.Reference), padding: (2, 3));
        BackendAgreement.Close(cpu, reference, 2e-4, "convolution after a dirty scratch");
    }
}
