namespace Sharpgrad.Classic;

/// <summary>The multivariate normal log-density through a Cholesky factor (GBC §3.9.3), shared by the Gaussian models.</summary>
internal static class GaussianLogDensity
{
    private static readonly double LogTwoPi = Math.Log(2 * Math.PI);

    /// <summary>
    /// log N(xᵢ | μₖ, Σₖ) of every row of <paramref name="x"/> [N, D] under every component, given the means
    /// <paramref name="means"/> [K, D] and the Cholesky factors <paramref name="choleskyFactors"/> Lₖ [K, D, D]; returns
    /// [N, K]. With z = L⁻¹(x − μ) the Mahalanobis term is ‖z‖² and log det Σ = 2 Σ log Lᵢᵢ, so no inverse of Σ or
    /// determinant is formed, which is what keeps it stable. Arranged for many rows and few components (a mixture's
    /// E-step, a factor model's score): with the precision factor Pₖ = Lₖ⁻ᵀ (so Σₖ⁻¹ = PₖPₖᵀ), zᵢₖ = (xᵢ − μₖ)Pₖ = xᵢPₖ − μₖPₖ, and xᵢPₖ for every
    /// i and k is one matrix product X·[P₁ … P_K]. Only the D×D factors are inverted, never an N-column system, which is
    /// what makes it fast: the GEMM does the O(N·K·D²) work (scikit-learn's GaussianMixture evaluates it the same way),
    /// one block of rows at a time.
    /// </summary>
    public static Tensor EvaluateRows(Tensor x, Tensor means, Tensor choleskyFactors)
    {
        int n = x.Size(0), d = x.Size(1), k = means.Size(0);
        var identity = Tensor.Eye(d, dtype: x.DType).Expand(k, d, d);
        var precisionFactors = Linalg.SolveTriangular(choleskyFactors, identity, upper: false).Transpose(1, 2);   // Pₖ = Lₖ⁻ᵀ
        var stacked = precisionFactors.Permute(1, 0, 2).Reshape(d, k * d);                                  // [P₁ … P_K]
        var shift = means.Unsqueeze(1).MatMul(precisionFactors).Squeeze(1);                                  // μₖPₖ [K, D]
        // Row blocks, so that the [block, K, D] product is centred and squared while it is still in cache (RowBlocks).
        var mahalanobis = Tensor.Cat(RowBlocks.Of(n, k * d).Select(block =>
        {
            var z = x.Narrow(0, block.Start, block.Length).MatMul(stacked).View(block.Length, k, d);       // xᵢPₖ
            z.AddInPlace(shift, -1);                                                                         // zᵢₖ
            return z.MulInPlace(z).Sum(-1);
        }).ToList());                                                                                        // [N, K]
        return -0.5 * (mahalanobis + LogDeterminant(choleskyFactors) + d * LogTwoPi);
    }

    /// <summary>log det Σ = 2 Σᵢ log Lᵢᵢ, [...].</summary>
    private static Tensor LogDeterminant(Tensor choleskyFactor) => 2 * Linalg.Diagonal(choleskyFactor).Log().Sum(-1);
}
