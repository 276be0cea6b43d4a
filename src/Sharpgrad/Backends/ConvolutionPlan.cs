using Sharpgrad.Kernels;

namespace Sharpgrad.Backends;

/// <summary>
/// One convolution as a backend has prepared to compute it (<see cref="Backend.PlanConvolution"/>): its geometry
/// (<see cref="ConvGeometry"/>: the index map of eq. 9.8 in GBC §9.5, over three spatial dims), its groups and output
/// channels, and whatever the backend worked out from them once, such as which kernels to run and how to cut the work.
/// A plan is made when the op is set up and reused by all three maps of that convolution and by their backward passes,
/// so that work is not repeated; it belongs to the backend that made it.
/// </summary>
internal class ConvolutionPlan(ConvGeometry geometry, int groups, int outChannels, DType dtype)
{
    public ConvGeometry Geometry { get; } = geometry;

    /// <summary>G: input and output channels split into this many independent groups.</summary>
    public int Groups { get; } = groups;

    /// <summary>O: channels of the convolution's output (C, the input's, is <see cref="ConvGeometry.Channels"/>).</summary>
    public int OutChannels { get; } = outChannels;

    /// <summary>The dtype of every operand, float32 or float64.</summary>
    public DType DType { get; } = dtype;
}
