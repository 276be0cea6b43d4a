using Sharpgrad.Kernels;
using Sharpgrad.Tests.Convolution;
using Case = Sharpgrad.Tests.Convolution.ConvKernelTests.Case;
using Choice = Sharpgrad.Kernels.ConvAlgorithm.Choice;

namespace Sharpgrad.Tests.Backends;

/// <summary>
/// The contract that lets <c>ConvMaps</c> hand the convolution primitives uninitialised outputs
/// (<c>Tensor.Uninitialized</c>: a recycled pool array with any old contents): each primitive writes every element of
/// its output. Every output here starts as NaN, so an element a kernel skipped (or only added into) stays NaN; the
/// CPU kernels, forced to each <see cref="Choice"/>, must give the reference backend's values (itself also started from
/// NaN) within the convolution conformance tolerances. The NaN is put in the output tensor itself rather than seeded
/// into the shared pool, so the test is deterministic while other tests rent from the pool in parallel.
/// </summary>
public class ConvUninitialisedOutputTests
{
    /// <summary>
    /// A strided adjoint (col2im on every choice: the flipped convolution exists only at stride 1), a pointwise
    /// convolution (no im2col) and small output maps (several images per GEMM tile, the last tile ragged, two groups;
    /// for the direct kernels, 5-wide rows on a 7-wide buffer, whose two extra columns per row are computed and dropped),
    /// and a 3×3 stride-1 map of one group, odd both ways, for F(2×2, 3×3) (its last row and column of tiles half
    /// dropped).
    /// </summary>
    private static readonly Case[] Cases =
    [
        new(3, 12, 20, [13, 11], [3, 3], Stride: 2, Padding: 1),
        new(2, 36, 40, [9, 7], [1, 1]),
        new(9, 16, 24, [6, 5], [3, 3], Padding: 1, Groups: 2),
        new(3, 10, 14, [7, 9], [3, 3], Padding: 1),
    ];

    [Fact]
    public void TheCasesCoverSeveralImagesPerTile()
    {
        var small = Cases[2];
        Assert.True(new GemmConvPlan(ConvKernelTests.Geometry(small), small.Groups, small.OutChannels, sizeof(float)).ImagesPerTile > 1);
    }

    public static TheoryData<int, string, DType> Runs()
    {
        var data = new TheoryData<int, string, DType>();
        for (int c = 0; c < Cases.Length; c++)
            foreach (var kernels in new[] { nameof(Choice.Gemm), nameof(Choice.ImplicitByWidth), nameof(Choice.ImplicitByPosition), nameof(Choice.Direct), nameof(Choice.Winograd) })
                foreach (var dtype in new[] { DType.Float32, DType.Float64 })
                    data.Add(c, kernels, dtype);
        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void EveryPrimitiveOverwritesAnOutputFullOfNaN(int index, string kernels, DType dtype)
    {
        var c = Cases[index];
        var gen = new Generator(400 + index);
        double[] x = ConvKernelTests.Normal(gen, c.Batch, c.Channels, c.Input), w = ConvKernelTests.Normal(gen, c.OutChannels, c.Channels / c.Groups, c.Kernel);
        double[] y = ConvKernelTests.Normal(gen, c.Batch, c.OutChannels, c.Output), b = ConvKernelTests.Normal(gen, c.OutChannels);
        double[] bc = ConvKernelTests.Normal(gen, c.Channels);

        double[][] Run(Device device)
        {
            using var onDevice = Device.Use(device);
            using var forced = ConvAlgorithm.Force(Enum.Parse<Choice>(kernels));
            var plan = device.Backend.PlanConvolution(ConvKernelTests.Geometry(c), c.Groups, c.OutChannels, dtype);
            Tensor xt = Values(x, [c.Batch, c.Channels, .. c.Input]), wt = Values(w, [c.OutChannels, c.Channels / c.Groups, .. c.Kernel]);
            Tensor yt = Values(y, [c.Batch, c.OutChannels, .. c.Output]);
            Tensor Output(int[] shape) => Tensor.Full(shape, double.NaN, dtype);
            int[] outputShape = [c.Batch, c.OutChannels, .. c.Output], inputShape = [c.Batch, c.Channels, .. c.Input];
            // With and without a bias: the backward's input gradient is an adjoint without one (ConvMaps), the
            // transposed convolution's may have one, and the kernels start the two cases differently (fill or clear).
            var results = new List<double[]>();
            foreach (bool withBias in new[] { false, true })
            {
                var forward = Output(outputShape);
                device.Backend.ConvForward(plan, forward, xt, wt, withBias ? Values(b, [c.OutChannels]) : null, inference: false);
                var adjoint = Output(inputShape);
                device.Backend.ConvAdjoint(plan, adjoint, yt, wt, withBias ? Values(bc, [c.Channels]) : null);
                results.Add(forward.ToDoubleArray());
                results.Add(adjoint.ToDoubleArray());
            }
            var weightGradient = Output([c.OutChannels, c.Channels / c.Groups, .. c.Kernel]);
            device.Backend.ConvWeightGradient(plan, weightGradient, xt, yt);
            results.Add(weightGradient.ToDoubleArray());
            return [.. results];

            Tensor Values(double[] values, int[] shape) => Tensor.FromArray(values, shape).To(dtype);
        }

        var reference = Run(Device.Reference);
        var cpu = Run(Device.Cpu);
        double tolerance = dtype == DType.Float32 ? 2e-4 : 1e-10;
        string[] names = ["forward", "adjoint (input gradient)", "forward with bias", "adjoint with bias", "weight gradient"];
        for (int i = 0; i < names.Length; i++)
        {
            Assert.False(reference[i].Any(double.IsNaN), $"reference {names[i]}: an element was left unwritten (NaN)");
            Assert.False(cpu[i].Any(double.IsNaN), $"cpu {kernels} {names[i]}: an element was left unwritten (NaN)");
            ConvKernelTests.Close(reference[i], cpu[i], tolerance, $"{kernels} {names[i]}");
        }
    }
}
