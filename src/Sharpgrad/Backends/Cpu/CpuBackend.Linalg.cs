using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

// The factorisations of Backends/Cpu/Kernels/Linalg, one matrix per task of MatrixBatch.For.
internal sealed partial class CpuBackend
{
    public override void Cholesky(Tensor a, Tensor info)
    {
        RequireOwn("Cholesky", a, info);
        var (data, status, n) = (a.Data<double>(), info.Data<long>(), a.shape[^1]);
        MatrixBatch.For(info.Count, (long)n * n * n, i => status[info.offset + i] = CholeskyKernel.Factor(Matrix(a, data, i), n));
    }

    public override void LuFactor(Tensor a, Tensor pivots, Tensor order)
    {
        RequireOwn("LuFactor", a, pivots, order);
        int m = a.shape[^2], n = a.shape[^1];
        LuKernel.FactorBatch(a.Data<double>(), a.offset, BatchCount(a), m, n, pivots.Data<long>(), pivots.offset, order.Data<long>(), order.offset);
    }

    public override void LuSolve(Tensor lu, Tensor pivots, Tensor b)
    {
        RequireOwn("LuSolve", lu, pivots, b);
        int n = lu.shape[^1], k = b.shape[^1];
        var (factors, piv, x) = (lu.Data<double>(), pivots.Data<long>(), b.Data<double>());
        MatrixBatch.For(BatchCount(lu), (long)n * n * k,
            i => LuKernel.SolveWithPivots(Matrix(lu, factors, i), piv.AsSpan(pivots.offset + i * n, n), n, Matrix(b, x, i), k));
    }

    public override void Solve(Tensor a, Tensor b, Tensor info, double relativeTolerance)
    {
        RequireOwn("Solve", a, b, info);
        int n = a.shape[^1], k = b.shape[^1];
        var (lu, x, status) = (a.Data<double>(), b.Data<double>(), info.Data<long>());
        MatrixBatch.For(info.Count, (long)n * n * (n + k),
            i => status[info.offset + i] = LuKernel.FactorAndSolve(Matrix(a, lu, i), n, Matrix(b, x, i), k, relativeTolerance));
    }

    public override void SolveTriangular(Tensor t, Tensor b, Tensor info, bool upper, bool unitDiagonal, double relativeTolerance)
    {
        RequireOwn("SolveTriangular", t, b, info);
        int n = t.shape[^1], k = b.shape[^1];
        var (triangle, x, status) = (t.Data<double>(), b.Data<double>(), info.Data<long>());
        MatrixBatch.For(info.Count, (long)n * n * k, i => status[info.offset + i] =
            TriangularSolveKernel.CheckedSolve(Matrix(t, triangle, i), n, Matrix(b, x, i), k, upper, unitDiagonal, relativeTolerance));
    }

    public override void Determinant(Tensor a, Tensor det, Tensor sign, Tensor logAbsDet)
    {
        RequireOwn("Determinant", a, det, sign, logAbsDet);
        int n = a.shape[^1];
        var (data, d, s, l) = (a.Data<double>(), det.Data<double>(), sign.Data<double>(), logAbsDet.Data<double>());
        MatrixBatch.For(det.Count, (long)n * n * n,
            i => (d[det.offset + i], s[sign.offset + i], l[logAbsDet.offset + i]) = LuKernel.Determinant(Matrix(a, data, i), n));
    }

    public override void Qr(Tensor a, Tensor r, Tensor? q)
    {
        RequireOwn("Qr", a, r, q);
        int m = a.shape[^2], n = a.shape[^1], k = Math.Min(m, n), rRows = r.shape[^2], qCols = q?.shape[^1] ?? 0;
        var (data, rData, qData) = (a.Data<double>(), r.Data<double>(), q?.Data<double>());
        MatrixBatch.For(BatchCount(a), 2L * m * n * k, i => HouseholderQrKernel.Factor(
            Matrix(a, data, i), m, n, Matrix(r, rData, i), rRows, q is null ? [] : Matrix(q, qData!, i), qCols));
    }

    public override void Eigh(Tensor a, Tensor values, Tensor vectors, Tensor converged)
    {
        RequireOwn("Eigh", a, values, vectors, converged);
        int n = a.shape[^1];
        var (data, w, v, ok) = (a.Data<double>(), values.Data<double>(), vectors.Data<double>(), converged.Data<bool>());
        MatrixBatch.For(converged.Count, 8L * n * n * n, i => ok[converged.offset + i] = SymmetricEigenKernel.Decompose(
            Matrix(a, data, i), n, w.AsSpan(values.offset + i * n, n), Matrix(vectors, v, i)));
    }

    public override void Svd(Tensor a, Tensor s, Tensor u, Tensor vh, Tensor converged)
    {
        RequireOwn("Svd", a, s, u, vh);
        RequireOwn("Svd", converged);
        int m = a.shape[^2], n = a.shape[^1], k = Math.Min(m, n);
        var (data, sigma, uData, vData, ok) = (a.Data<double>(), s.Data<double>(), u.Data<double>(), vh.Data<double>(), converged.Data<bool>());
        MatrixBatch.For(converged.Count, 10L * m * n * k, i => ok[converged.offset + i] = JacobiSvdKernel.Decompose(
            Matrix(a, data, i), m, n, sigma.AsSpan(s.offset + i * k, k), Matrix(u, uData, i), u.shape[^1], Matrix(vh, vData, i), vh.shape[^2]));
    }

    /// <summary>Matrix <paramref name="i"/> of the contiguous batch <paramref name="t"/> whose array is <paramref name="data"/>.</summary>
    private static Span<double> Matrix(Tensor t, double[] data, int i)
    {
        int size = t.shape[^2] * t.shape[^1];
        return data.AsSpan(t.offset + i * size, size);
    }

    private static int BatchCount(Tensor t) => ShapeUtil.Count(t.shape.AsSpan(0, t.Rank - 2));
}
