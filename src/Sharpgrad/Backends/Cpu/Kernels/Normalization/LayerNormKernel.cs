using System.Numerics;
using System.Runtime.InteropServices;

namespace Sharpgrad.Kernels;

/// <summary>
/// Layer normalisation over the rows of a contiguous [R, D] block (Ba et al. 2016, §3.1): each row is one example's D
/// features, standardised by its own mean and standard deviation. Each row is widened to float64, computed there with
/// SIMD lanes and rounded once to the tensor's dtype, so float32 input gets float64 sums (the accuracy asked by issue
/// #12's float32 fixtures).
/// </summary>
/// <remarks>
/// Rows go in chunks of <see cref="RowsPerChunk"/>, a size fixed by the problem alone: a row is computed by one thread
/// in a fixed order, and the backward's column sums (∂L/∂γ, ∂L/∂β) add one partial per chunk, in chunk order, so
/// results are bitwise identical at any <see cref="Threads.Count"/>.
/// </remarks>
internal static class LayerNormKernel
{
    private const int RowsPerChunk = 32;

    /// <summary>y = (x − mean)·rstd·γ + β per row, writing each row's mean and rstd = 1/√(σ² + ε).</summary>
    /// <param name="weight">γ widened to float64, null for 1</param>
    /// <param name="bias">β widened to float64, null for no shift</param>
    public static void Forward<T>(T[] x, int xOffset, T[] y, int rows, int features, double[]? weight, double[]? bias, double eps,
        double[] mean, double[] rstd)
        where T : unmanaged
    {
        ParallelRange.ForChunks(Chunks(rows), chunk =>
        {
            var row = new double[features];
            for (int r = chunk * RowsPerChunk; r < Math.Min(rows, (chunk + 1) * RowsPerChunk); r++)
            {
                Widen<T>(x.AsSpan(xOffset + r * features, features), row);
                double mu = Sum(row) / features;
                AddScaled(row, row, 0, -mu, 1);
                double inverse = 1 / Math.Sqrt(Dot(row, row) / features + eps);
                if (weight is null) AddScaled(row, row, 0, 0, inverse);
                else Multiply(row, row, weight, inverse);
                if (bias is not null) AddScaled(row, bias, 1, 0, 1);
                Narrow(row, y.AsSpan(r * features, features));
                mean[r] = mu;
                rstd[r] = inverse;
            }
        });
    }

    /// <summary>
    /// Per row, with x̂ = (x − mean)·rstd and gγ = g·γ: dx = rstd·(gγ − mean(gγ) − x̂·mean(gγ·x̂)) when
    /// <paramref name="dx"/> is not null; and over the rows dWeight = Σ g·x̂ and dBias = Σ g, each when not null.
    /// </summary>
    public static void Backward<T>(T[]? dx, T[]? dWeight, T[]? dBias, T[] g, int gOffset, T[] x, int xOffset, double[] mean, double[] rstd,
        double[]? weight, int rows, int features) where T : unmanaged
    {
        int chunks = Chunks(rows);
        double[]? weightParts = dWeight is null ? null : new double[chunks * features];
        double[]? biasParts = dBias is null ? null : new double[chunks * features];
        ParallelRange.ForChunks(chunks, chunk =>
        {
            double[] xHat = new double[features], gd = new double[features], scaled = new double[features];
            for (int r = chunk * RowsPerChunk; r < Math.Min(rows, (chunk + 1) * RowsPerChunk); r++)
            {
                Widen<T>(x.AsSpan(xOffset + r * features, features), xHat);
                AddScaled(xHat, xHat, 0, -mean[r], 1);
                AddScaled(xHat, xHat, 0, 0, rstd[r]);
                Widen<T>(g.AsSpan(gOffset + r * features, features), gd);
                if (weightParts is not null) AddProduct(weightParts.AsSpan(chunk * features, features), gd, xHat);
                if (biasParts is not null) AddScaled(biasParts.AsSpan(chunk * features, features), gd, 1, 0, 1);
                if (dx is null) continue;

                if (weight is null) gd.CopyTo(scaled);
                else Multiply(scaled, gd, weight, 1);
                double meanG = Sum(scaled) / features, meanGXHat = Dot(scaled, xHat) / features;
                // dx = rstd·((gγ − mean(gγ)) − x̂·mean(gγ·x̂)), in the Reference backend's order of operations.
                AddScaled(scaled, scaled, 0, -meanG, 1);
                AddScaled(scaled, xHat, -meanGXHat, 0, 1);
                AddScaled(scaled, scaled, 0, 0, rstd[r]);
                Narrow(scaled, dx.AsSpan(r * features, features));
            }
        });
        if (weightParts is not null) SumChunks(weightParts, chunks, features, dWeight!);
        if (biasParts is not null) SumChunks(biasParts, chunks, features, dBias!);
    }

    private static int Chunks(int rows) => Math.Max(1, (rows + RowsPerChunk - 1) / RowsPerChunk);

    /// <summary>The chunks' partial column sums added in chunk order, rounded once to T.</summary>
    private static void SumChunks<T>(double[] parts, int chunks, int features, T[] total) where T : unmanaged
    {
        var sum = parts.AsSpan(0, features).ToArray();
        for (int c = 1; c < chunks; c++) AddScaled(sum, parts.AsSpan(c * features, features), 1, 0, 1);
        Narrow(sum, total.AsSpan(0, features));
    }

    /// <summary>a = (a + s·b + shift)·scale lane by lane (s = 0 ignores b).</summary>
    private static void AddScaled(Span<double> a, ReadOnlySpan<double> b, double s, double shift, double scale)
    {
        var av = MemoryMarshal.Cast<double, Vector<double>>(a);
        Vector<double> shiftV = new(shift), scaleV = new(scale);
        int tail = av.Length * Vector<double>.Count;
        // Decided once per call, not per lane: with s = 0, b may be a itself or anything of a's length, and is not read.
        if (s == 0)
        {
            for (int k = 0; k < av.Length; k++) av[k] = (av[k] + shiftV) * scaleV;
            for (int j = tail; j < a.Length; j++) a[j] = (a[j] + shift) * scale;
            return;
        }
        var bv = MemoryMarshal.Cast<double, Vector<double>>(b);
        var sv = new Vector<double>(s);
        for (int k = 0; k < av.Length; k++) av[k] = (av[k] + sv * bv[k] + shiftV) * scaleV;
        for (int j = tail; j < a.Length; j++) a[j] = (a[j] + s * b[j] + shift) * scale;
    }

    /// <summary>destination = a·b·scale lane by lane.</summary>
    private static void Multiply(Span<double> destination, ReadOnlySpan<double> a, ReadOnlySpan<double> b, double scale)
    {
        var dv = MemoryMarshal.Cast<double, Vector<double>>(destination);
        var av = MemoryMarshal.Cast<double, Vector<double>>(a);
        var bv = MemoryMarshal.Cast<double, Vector<double>>(b);
        var scaleV = new Vector<double>(scale);
        for (int k = 0; k < dv.Length; k++) dv[k] = av[k] * scaleV * bv[k];
        for (int j = dv.Length * Vector<double>.Count; j < destination.Length; j++) destination[j] = a[j] * scale * b[j];
    }

    /// <summary>sum += a·b lane by lane.</summary>
    private static void AddProduct(Span<double> sum, ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sv = MemoryMarshal.Cast<double, Vector<double>>(sum);
        var av = MemoryMarshal.Cast<double, Vector<double>>(a);
        var bv = MemoryMarshal.Cast<double, Vector<double>>(b);
        for (int k = 0; k < sv.Length; k++) sv[k] += av[k] * bv[k];
        for (int j = sv.Length * Vector<double>.Count; j < sum.Length; j++) sum[j] += a[j] * b[j];
    }

    private static double Sum(ReadOnlySpan<double> a)
    {
        var acc = Vector<double>.Zero;
        foreach (var v in MemoryMarshal.Cast<double, Vector<double>>(a)) acc += v;
        double sum = Vector.Sum(acc);
        for (int j = a.Length - a.Length % Vector<double>.Count; j < a.Length; j++) sum += a[j];
        return sum;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var acc = Vector<double>.Zero;
        var av = MemoryMarshal.Cast<double, Vector<double>>(a);
        var bv = MemoryMarshal.Cast<double, Vector<double>>(b);
        for (int k = 0; k < av.Length; k++) acc += av[k] * bv[k];
        double sum = Vector.Sum(acc);
        for (int j = av.Length * Vector<double>.Count; j < a.Length; j++) sum += a[j] * b[j];
        return sum;
    }

    /// <summary>A row of T (float32 or float64) as float64: exact.</summary>
    private static void Widen<T>(ReadOnlySpan<T> source, Span<double> destination) where T : unmanaged
    {
        if (typeof(T) == typeof(double))
        {
            MemoryMarshal.Cast<T, double>(source).CopyTo(destination);
            return;
        }
        var floats = MemoryMarshal.Cast<T, float>(source);
        int lanes = Vector<float>.Count, j = 0;
        for (; j + lanes <= floats.Length; j += lanes)
        {
            Vector.Widen(new Vector<float>(floats[j..]), out var low, out var high);
            low.CopyTo(destination[j..]);
            high.CopyTo(destination[(j + lanes / 2)..]);
        }
        for (; j < floats.Length; j++) destination[j] = floats[j];
    }

    /// <summary>A float64 row rounded to T (nearest even, the same on the SIMD path and the scalar tail).</summary>
    private static void Narrow<T>(ReadOnlySpan<double> source, Span<T> destination) where T : unmanaged
    {
        if (typeof(T) == typeof(double))
        {
            source.CopyTo(MemoryMarshal.Cast<T, double>(destination));
            return;
        }
        var floats = MemoryMarshal.Cast<T, float>(destination);
        int lanes = Vector<float>.Count, j = 0;
        for (; j + lanes <= floats.Length; j += lanes)
            Vector.Narrow(new Vector<double>(source[j..]), new Vector<double>(source[(j + lanes / 2)..])).CopyTo(floats[j..]);
        for (; j < floats.Length; j++) floats[j] = (float)source[j];
    }
}
