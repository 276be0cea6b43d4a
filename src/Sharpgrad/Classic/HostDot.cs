using System.Runtime.CompilerServices;
using System.Numerics;

namespace Sharpgrad.Classic;

/// <summary>
/// The dot product of two float64 rows on the host, for the classic estimators' array loops (k-means' Lloyd pass, the
/// SVC's kernel rows), which sit above the backend seam and so do not call the CPU kernels.
/// </summary>
internal static class HostDot
{
    /// <summary>Σ aᵢbᵢ with SIMD lanes summed in a fixed order (so the same on every run).</summary>
    // AggressiveOptimization on the fits' host loops: why, and what it costs, in docs/cold-fit-jit.md.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Of(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int i = 0, width = Vector<double>.Count;
        var acc0 = Vector<double>.Zero;
        var acc1 = Vector<double>.Zero;
        for (; i + 2 * width <= a.Length; i += 2 * width)
        {
            acc0 = Vector.FusedMultiplyAdd(new Vector<double>(a.Slice(i, width)), new Vector<double>(b.Slice(i, width)), acc0);
            acc1 = Vector.FusedMultiplyAdd(new Vector<double>(a.Slice(i + width, width)), new Vector<double>(b.Slice(i + width, width)), acc1);
        }
        double sum = Vector.Sum(acc0 + acc1);
        for (; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>The squared norms ‖xᵢ‖² of the <paramref name="count"/> rows of a row-major [count, width] matrix.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[] RowNorms(double[] data, int count, int width)
    {
        var norms = new double[count];
        for (int i = 0; i < count; i++)
        {
            var row = data.AsSpan(i * width, width);
            norms[i] = Of(row, row);
        }
        return norms;
    }
}
