using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// The gradient through a ReLU that followed batch norm, from the ReLU's output y: g·[y &gt; 0], multiplied by 1 or 0
/// as the ReLU's own backward (<see cref="ReluGradOp{T}"/>) does, so the fused backward gets the unfused one's bits.
/// <see cref="Masked"/>, when not null, receives it (a residual block's shortcut needs it as its own gradient).
/// </summary>
internal readonly record struct ReluGradient<T>(T[] Output, int OutputOffset, T[]? Masked) where T : unmanaged, INumber<T>
{
    /// <summary>target[at ..+ length] = g·[y &gt; 0] over the same positions of g and y.</summary>
    public void Apply(T[] g, int gOffset, T[] target, int at, int length)
        => ElementwiseKernels.ZipRun(new ReluGradOp<T>(), length, target, at, 1, g, gOffset + at, 1, Output, OutputOffset + at, 1);
}
