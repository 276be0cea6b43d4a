namespace Sharpgrad.Tests.LinearAlgebra;

/// <summary>The matrices the linear-algebra tests factor, and the error measures they are judged by.</summary>
internal static class TestMatrices
{
    public static Tensor Random(int[] shape, DType dtype = DType.Float64, int seed = 0)
        => Tensor.Randn(shape, dtype, new Generator(seed));

    /// <summary>The Hilbert matrix h_ij = 1/(i+j+1): symmetric positive-definite and famously ill-conditioned (κ₂ ≈ 1.5e7 at n = 6).</summary>
    public static Tensor Hilbert(int n, DType dtype = DType.Float64)
    {
        var h = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) h[i, j] = 1.0 / (i + j + 1);
        return Tensor.From(h).To(dtype);
    }

    /// <summary>
    /// Q₁ diag(σ) Q₂ with σᵢ = 10^(−k·i/(n−1)), spanning k decades (κ₂ = 10^k), where Q₁ and Q₂ are Householder
    /// reflections I − 2vvᵀ/vᵀv: orthogonal by construction, built without any of the code under test.
    /// </summary>
    public static Tensor IllConditioned(int n, double decades, DType dtype = DType.Float64, int seed = 1)
    {
        var sigma = Enumerable.Range(0, n).Select(i => Math.Pow(10, -decades * i / Math.Max(1, n - 1))).ToArray();
        var d = Tensor.From(sigma).Unsqueeze(0) * Tensor.Eye(n, dtype: DType.Float64);
        return Reflection(n, seed).MatMul(d).MatMul(Reflection(n, seed + 1)).To(dtype);
    }

    public static Tensor Reflection(int n, int seed)
    {
        var v = Random([n, 1], DType.Float64, seed);
        return Tensor.Eye(n, dtype: DType.Float64) - 2 * v.MatMul(v.T) / v.Square().Sum();
    }

    /// <summary>A random symmetric positive-definite matrix XᵀX + nI.</summary>
    public static Tensor Spd(int n, DType dtype = DType.Float64, int seed = 2)
    {
        var x = Random([n, n], DType.Float64, seed);
        return (x.T.MatMul(x) + n * Tensor.Eye(n, dtype: DType.Float64)).To(dtype);
    }

    /// <summary>‖actual − expected‖_F / ‖expected‖_F, in float64.</summary>
    public static double RelativeError(Tensor actual, Tensor expected)
    {
        var e = expected.Double();
        return (actual.Double() - e).Square().Sum().Sqrt().Item() / Math.Max(e.Square().Sum().Sqrt().Item(), double.Epsilon);
    }

    /// <summary>max |QᵀQ − I| over the batch: how far the columns of Q are from orthonormal.</summary>
    public static double OrthogonalityError(Tensor q)
    {
        var qd = q.Double();
        var gram = qd.Transpose(-2, -1).MatMul(qd);
        return (gram - Tensor.Eye(q.Shape[^1], dtype: DType.Float64)).Abs().Max().Item();
    }

    /// <summary>The largest |entry| below the diagonal (for upper-triangular factors).</summary>
    public static double BelowDiagonal(Tensor r) => (r.Double() - Linalg.Triu(r.Double())).Abs().MaxOrZero();

    /// <summary>The largest |entry| above the diagonal (for lower-triangular factors).</summary>
    public static double AboveDiagonal(Tensor l) => (l.Double() - Linalg.Tril(l.Double())).Abs().MaxOrZero();

    private static double MaxOrZero(this Tensor t) => t.Count == 0 ? 0 : t.Max().Item();

    public static double Tolerance(DType dtype) => dtype == DType.Float32 ? 1e-5 : 1e-10;

    /// <summary>The matrices every decomposition must reconstruct: random ones of odd sizes, Hilbert, and 12-decade ill-conditioning.</summary>
    public static IEnumerable<(string Name, Tensor A)> Square(DType dtype)
    {
        foreach (var n in new[] { 1, 3, 7, 17 }) yield return ($"random {n}x{n}", Random([n, n], dtype, seed: n));
        yield return ("Hilbert 6x6", Hilbert(6, dtype));
        yield return ("U diag(10^-k) V^T, 12 decades", IllConditioned(7, dtype == DType.Float32 ? 6 : 12, dtype));
        yield return ("batch [2, 3, 5, 5]", Random([2, 3, 5, 5], dtype, seed: 5));
    }

    public static IEnumerable<(string Name, Tensor A)> Rectangular(DType dtype)
    {
        yield return ("tall 7x3", Random([7, 3], dtype, seed: 7));
        yield return ("wide 3x7", Random([3, 7], dtype, seed: 8));
        yield return ("tall 17x1", Random([17, 1], dtype, seed: 9));
        yield return ("wide 1x5", Random([1, 5], dtype, seed: 10));
        yield return ("batch tall [4, 6, 4]", Random([4, 6, 4], dtype, seed: 11));
        yield return ("batch wide [2, 3, 5]", Random([2, 3, 5], dtype, seed: 12));
        yield return ("rank-deficient 6x4 (rank 2)", Random([6, 2], dtype, seed: 13).MatMul(Random([2, 4], dtype, seed: 14)));
        yield return ("Hilbert 8x5 block", Hilbert(8, dtype).Narrow(1, 0, 5));
    }
}
