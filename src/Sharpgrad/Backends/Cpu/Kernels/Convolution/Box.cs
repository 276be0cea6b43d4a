using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// A box of a stack of 3-D arrays: [begin, end) along each dim of <c>planes</c> arrays of <c>dims</c> elements, moved to
/// or from a dense stack of the box's size (<see cref="BorderSplitConvolution"/>'s classes of outputs and of taps).
/// </summary>
internal static class Box
{
    public enum Direction
    {
        /// <summary>dense = full's box.</summary>
        ToDense,

        /// <summary>full's box = dense.</summary>
        FromDense,

        /// <summary>full's box += dense.</summary>
        AddFromDense,
    }

    public static void Move<T>(T[] full, int fullOffset, T[] dense, int planes, int[] dims, int[] begin, int[] end, Direction direction)
        where T : unmanaged, INumber<T>
    {
        int plane = dims[0] * dims[1] * dims[2], run = end[2] - begin[2], at = 0;
        if (run <= 0 || end[0] <= begin[0] || end[1] <= begin[1]) return;
        for (int p = 0; p < planes; p++)
            for (int i = begin[0]; i < end[0]; i++)
                for (int j = begin[1]; j < end[1]; j++, at += run)
                {
                    int from = fullOffset + p * plane + (i * dims[1] + j) * dims[2] + begin[2];
                    // A kernel's runs are 1–3 taps: element by element, as a span copy costs more to set up than it moves.
                    if (run <= ShortRun)
                        for (int k = 0; k < run; k++)
                            switch (direction)
                            {
                                case Direction.ToDense: dense[at + k] = full[from + k]; break;
                                case Direction.FromDense: full[from + k] = dense[at + k]; break;
                                default: full[from + k] += dense[at + k]; break;
                            }
                    else
                    {
                        var inFull = full.AsSpan(from, run);
                        var inDense = dense.AsSpan(at, run);
                        switch (direction)
                        {
                            case Direction.ToDense: inFull.CopyTo(inDense); break;
                            case Direction.FromDense: inDense.CopyTo(inFull); break;
                            default: Im2Col.AddInto(inFull, inDense); break;
                        }
                    }
                }
    }

    private const int ShortRun = 4;
}
