using System.Numerics;
using System.Runtime.InteropServices;

namespace Sharpgrad.Kernels;

/// <summary>
/// The vector primitives the factorisations are built from (BLAS level 1): dot products, y += αx and scaling,
/// on contiguous rows. The factorisation kernels are written so their inner loops run along rows, where these
/// can use SIMD lanes.
/// </summary>
internal static class RowOps
{
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
        var vy = MemoryMarshal.Cast<double, Vector<double>>(y[..x.Length]);
        var acc = Vector<double>.Zero;
        for (int i = 0; i < vx.Length; i++) acc += vx[i] * vy[i];
        double sum = Vector.Sum(acc);
        for (int i = vx.Length * Vector<double>.Count; i < x.Length; i++) sum += x[i] * y[i];
        return sum;
    }

    /// <summary>y += α·x.</summary>
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        if (alpha == 0) return;
        var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
        var vy = MemoryMarshal.Cast<double, Vector<double>>(y[..x.Length]);
        var a = new Vector<double>(alpha);
        for (int i = 0; i < vx.Length; i++) vy[i] += a * vx[i];
        for (int i = vx.Length * Vector<double>.Count; i < x.Length; i++) y[i] += alpha * x[i];
    }

    public static void Scale(double alpha, Span<double> x)
    {
        for (int i = 0; i < x.Length; i++) x[i] *= alpha;
    }

    /// <summary>(x, y) ← (c·x − s·y, s·x + c·y): a plane (Givens/Jacobi) rotation of two rows.</summary>
    public static void Rotate(Span<double> x, Span<double> y, double c, double s)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double xi = x[i], yi = y[i];
            x[i] = c * xi - s * yi;
            y[i] = s * xi + c * yi;
        }
    }

    public static double MaxAbs(ReadOnlySpan<double> x)
    {
        double m = 0;
        foreach (var v in x) m = Math.Max(m, Math.Abs(v));
        return m;
    }

    public static void SwapRows(Span<double> a, int cols, int i, int j)
    {
        if (i == j) return;
        var ri = a.Slice(i * cols, cols);
        var rj = a.Slice(j * cols, cols);
        for (int c = 0; c < cols; c++) (ri[c], rj[c]) = (rj[c], ri[c]);
    }

    /// <summary>The tangent t = tan φ of the rotation that zeroes the off-diagonal of [[α, γ], [γ, β]] (GVL §8.5.2),
    /// the smaller of the two roots, so |φ| ≤ π/4 and the rotation stays close to the identity.</summary>
    public static double JacobiTangent(double alpha, double beta, double gamma)
    {
        double zeta = (beta - alpha) / (2 * gamma);
        double sign = zeta >= 0 ? 1 : -1;
        double az = Math.Abs(zeta);
        // For huge ζ, √(ζ²+1) would overflow; t ≈ 1/(2ζ) there.
        return az > 1e150 ? 0.5 / zeta : sign / (az + Math.Sqrt(zeta * zeta + 1));
    }
}
