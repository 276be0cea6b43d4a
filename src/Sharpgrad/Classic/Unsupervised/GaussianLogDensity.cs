namespace Sharpgrad.Classic;

/// <summary>The multivariate normal log-density through a Cholesky factor (GBC §3.9.3), shared by the Gaussian models.</summary>
internal static class GaussianLogDensity
{
    /// <summary>
    /// log N(x | μ, Σ) for deviations <paramref name="centered"/> = x − μ [..., N, D] and the Cholesky factor
    /// <paramref name="choleskyFactor"/> L of Σ = LLᵀ [..., D, D]; returns [..., N]. With z = L⁻¹(x − μ) the Mahalanobis
    /// term is ‖z‖² and log det Σ = 2 Σ log Lᵢᵢ: no inverse or determinant is ever formed, which is what keeps it stable.
    /// </summary>
    public static Tensor Evaluate(Tensor centered, Tensor choleskyFactor)
    {
        int d = centered.Size(-1);
        var z = Linalg.SolveTriangular(choleskyFactor, centered.Transpose(-2, -1), upper: false);
        var mahalanobis = z.Square().Sum(-2);
        var logDet = 2 * Linalg.Diagonal(choleskyFactor).Log().Sum(-1, keepdim: true);
        return -0.5 * (mahalanobis + logDet + d * Math.Log(2 * Math.PI));
    }
}
