using Sharpgrad.Kernels;

namespace Sharpgrad.Backends;

// Spatial transformer sampling (NN/Functional.Sampling.cs). The op has checked the shapes against the image
// description and converted every tensor to contiguous float64.
internal abstract partial class Backend
{
    /// <summary>
    /// output [N, C, Ho, Wo] = input [N, C, H, W] sampled at the normalised (x, y) locations of grid [N, Ho, Wo, 2], by
    /// the mode, padding and corner alignment of <paramref name="image"/> (PyTorch's grid_sampler_2d). float64,
    /// contiguous. Writes output.
    /// </summary>
    public abstract void GridSample(Tensor output, Tensor input, Tensor grid, SampleImage image);

    /// <summary>
    /// The gradients of Σ output·<paramref name="gradOutput"/> w.r.t. the input (added to <paramref name="gradInput"/>,
    /// which must arrive zero-filled) and w.r.t. the grid (written to <paramref name="gradGrid"/>; zero for nearest
    /// sampling). A null gradient is not computed. float64, contiguous. Writes gradInput and gradGrid.
    /// </summary>
    public abstract void GridSampleBackward(Tensor? gradInput, Tensor? gradGrid, Tensor input, Tensor grid, Tensor gradOutput, SampleImage image);
}
