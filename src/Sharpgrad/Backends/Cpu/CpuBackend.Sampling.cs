using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public override void GridSample(Tensor output, Tensor input, Tensor grid, SampleImage image)
    {
        RequireOwn("GridSample", output, input, grid);
        GridSampleKernels.Forward(image, Elements(input), Elements(grid), Elements(output));
    }

    public override void GridSampleBackward(Tensor? gradInput, Tensor? gradGrid, Tensor input, Tensor grid, Tensor gradOutput, SampleImage image)
    {
        RequireOwn("GridSampleBackward", input, grid, gradOutput, gradInput);
        if (gradGrid is not null) RequireOwn("GridSampleBackward", gradGrid);
        GridSampleKernels.Backward(image, Elements(input), Elements(grid), Elements(gradOutput),
            gradInput is null ? default : Elements(gradInput), gradGrid is null ? default : Elements(gradGrid));
    }
}
