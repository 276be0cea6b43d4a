using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

/// <summary>
/// When an elementwise op is one run of the kernel: a contiguous output too small to be split into chunks, and
/// operands that are contiguous with the output's element count (stride 1) or a single element (stride 0). Then the
/// kernel's run is called directly. Building a <see cref="StridedLayout"/> (arrays, a closure, a delegate) costs more
/// than adding ten numbers, and that fixed cost is what small models pay per op (issue #20). The run is the one
/// <see cref="StridedLayout.ForAll"/> would make, the same elements on the same SIMD lanes and scalar tail, so the
/// results are bitwise those of the layout path.
/// </summary>
internal static class SingleRun
{
    /// <summary>
    /// Whether <paramref name="output"/> is written in one run: contiguous, not empty, and below two parallel grains.
    /// An empty output takes the layout path, which returns before touching the arrays (an empty view's offset need
    /// not lie inside its storage).
    /// </summary>
    public static bool Fits(Tensor output)
        => output.Count > 0 && output.Count < 2 * StridedLayout.ParallelGrain && output.IsContiguous;

    /// <summary>
    /// The stride of <paramref name="operand"/> in the run over <paramref name="output"/> (which it broadcasts to), or
    /// −1 when it needs a layout. An operand with the output's count broadcasts without repeating, so a contiguous
    /// one is read in the output's order. This relies on the backend's contract (Backend.Elementwise.cs) that every
    /// operand broadcasts to the output: a [3, 2] operand of a [2, 3] output would be read in flat order.
    /// </summary>
    public static int Stride(Tensor output, Tensor operand)
    {
        int count = operand.Count;
        if (count == output.Count && operand.IsContiguous) return 1;
        return count == 1 ? 0 : -1;
    }
}
