using Sharpgrad.NN;
using static Sharpgrad.Tests.Backends.BackendAgreement;

namespace Sharpgrad.Tests.Backends;

/// <summary>
/// CTC (Backend.CtcLossAndGradient) and grid sampling (Backend.GridSample, GridSampleBackward) on both backends, on the
/// cases the op table does not reach: impossible alignments (+∞ loss, NaN gradient, or 0 with zeroInfinity), empty
/// inputs and targets, every padding mode with and without aligned corners, locations far outside the image and
/// strided inputs.
/// </summary>
public class SamplingConformanceTests
{
    [Theory]
    [InlineData(DType.Float64, false)]
    [InlineData(DType.Float64, true)]
    [InlineData(DType.Float32, false)]
    [InlineData(DType.Float32, true)]
    public void CtcAgreesIncludingImpossibleAndEmptyExamples(DType dtype, bool zeroInfinity)
    {
        (Tensor, Tensor) Run(Device device)
        {
            using var _ = Device.Use(device);
            // A [T=3, N=4, C=4] input whose batch dim is strided (a permuted view).
            var logits = Tensor.Randn([4, 3, 4], DType.Float64, new Generator(5)).Permute(1, 0, 2).To(dtype).RequireGrad();
            var logProbs = logits.LogSoftmax(-1);
            var targets = Tensor.FromArray(new long[] { 1, 2, 3, 1, 1, 1, 0, 0, 0, 0, 0, 0, 3, 2, 0, 0 }, 4, 4);
            // Example 0 needs 4 frames and has 3 (impossible); 1 repeats a label; 2 has no frames and no labels; 3 is plain.
            var loss = Losses.Ctc(logProbs, targets, [3, 3, 0, 2], [4, 2, 0, 2], reduction: Reduction.None, zeroInfinity: zeroInfinity);
            loss.Sum().Backward();
            Assert.Equal(device, loss.Device);
            return (loss.Detach(), logits.Grad!);
        }
        var (cpuLoss, cpuGrad) = Run(Device.Cpu);
        var (referenceLoss, referenceGrad) = Run(Device.Reference);
        Close(cpuLoss, referenceLoss, Tolerance(dtype), "loss");
        Close(cpuGrad, referenceGrad, Tolerance(dtype), "gradient");
        Assert.Equal(zeroInfinity ? 0 : double.PositiveInfinity, referenceLoss.ToDoubleArray()[0]);
    }

    public static TheoryData<GridSampleMode, GridSamplePadding, bool> Modes()
    {
        var data = new TheoryData<GridSampleMode, GridSamplePadding, bool>();
        foreach (var mode in new[] { GridSampleMode.Bilinear, GridSampleMode.Nearest })
            foreach (var padding in new[] { GridSamplePadding.Zeros, GridSamplePadding.Border, GridSamplePadding.Reflection })
                foreach (var align in new[] { false, true })
                    data.Add(mode, padding, align);
        return data;
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void GridSampleAgreesInEveryMode(GridSampleMode mode, GridSamplePadding padding, bool alignCorners)
    {
        foreach (var dtype in new[] { DType.Float64, DType.Float32 })
        {
            var cpu = GridSampleRun(Device.Cpu, dtype, mode, padding, alignCorners);
            var reference = GridSampleRun(Device.Reference, dtype, mode, padding, alignCorners);
            Close(cpu.Output, reference.Output, Tolerance(dtype), "output");
            Close(cpu.InputGrad, reference.InputGrad, Tolerance(dtype), "input gradient");
            Close(cpu.GridGrad, reference.GridGrad, Tolerance(dtype), "grid gradient");
        }
    }

    private static (Tensor Output, Tensor InputGrad, Tensor GridGrad) GridSampleRun(Device device, DType dtype, GridSampleMode mode,
        GridSamplePadding padding, bool alignCorners)
    {
        using var _ = Device.Use(device);
        // Input [2, 3, 4, 5] as a strided view (H and W swapped back from a transpose).
        var input = Tensor.Randn([2, 3, 5, 4], DType.Float64, new Generator(11)).Transpose(2, 3).To(dtype).RequireGrad();
        // Locations inside, on the edges, a little and far outside; NaN and 1e30 only where every tap then reads zero padding.
        double far = padding == GridSamplePadding.Zeros ? 1e30 : 2.9, nan = padding == GridSamplePadding.Zeros ? double.NaN : -0.3;
        double[] coordinates = [-1, 1, 0, 0.37, -0.81, 1.4, -1.7, 3.3, -2.6, far, nan, 0.5, 0.999, -0.999, 0.25, -0.125];
        var grid = Tensor.FromArray(coordinates.Concat(coordinates.Reverse()).Concat(coordinates.Select(c => -c / 2)).ToArray(), 48)
            .Reshape(2, 3, 4, 2).To(dtype).RequireGrad();
        var output = Functional.GridSample(input, grid, mode, padding, alignCorners);
        (output * Tensor.Randn(output.Shape, DType.Float64, new Generator(13)).To(dtype)).Sum().Backward();
        Assert.Equal(device, output.Device);
        return (output.Detach(), input.Grad!, grid.Grad!);
    }
}
