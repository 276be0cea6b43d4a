using Sharpgrad.Backends.Cpu;
using Sharpgrad.Kernels;

namespace Sharpgrad.Tests.Convolution;

/// <summary>
/// <see cref="CpuConvolutionPlans"/>: a convolution set up again on the same shapes gets the plan made the first time,
/// whichever arrays describe its geometry; a different batch, dtype or forced kernel choice gets a plan of its own.
/// </summary>
public class CpuConvolutionPlansTests
{
    private static ConvGeometry Geometry(int batch) => new(batch, 3, [1, 9, 9], [1, 3, 3], [1, 1, 1], [0, 1, 1], [1, 1, 1], [1, 9, 9]);

    [Fact]
    public void EqualShapesShareAPlan()
    {
        var first = CpuConvolutionPlans.Get(Geometry(2), 1, 5, DType.Float32);
        Assert.Same(first, CpuConvolutionPlans.Get(Geometry(2), 1, 5, DType.Float32));
        Assert.NotSame(first, CpuConvolutionPlans.Get(Geometry(3), 1, 5, DType.Float32));
        Assert.NotSame(first, CpuConvolutionPlans.Get(Geometry(2), 1, 5, DType.Float64));
        Assert.NotSame(first, CpuConvolutionPlans.Get(Geometry(2), 1, 6, DType.Float32));
    }

    [Fact]
    public void AForcedKernelChoiceGetsItsOwnPlan()
    {
        var byShape = CpuConvolutionPlans.Get(Geometry(4), 1, 5, DType.Float32);
        using (ConvAlgorithm.Force(ConvAlgorithm.Choice.Gemm))
            Assert.NotSame(byShape, CpuConvolutionPlans.Get(Geometry(4), 1, 5, DType.Float32));
    }
}
