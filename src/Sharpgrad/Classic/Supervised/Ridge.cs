namespace Sharpgrad.Classic;

/// <summary>
/// Ridge regression: least squares with weight decay, minimising ‖Xw + b − y‖² + α‖w‖² (GBC §5.2.2, eq. 5.18).
/// The closed form w = (XᵀX + αI)⁻¹Xᵀy has a symmetric positive-definite matrix for any α &gt; 0, so it is solved
/// by Cholesky — even with fewer examples than features, where XᵀX alone is singular. The intercept is not penalised.
/// </summary>
public sealed class Ridge : LinearModel
{
    public Ridge(double alpha = 1.0, bool fitIntercept = true) : base(fitIntercept)
    {
        if (!(alpha > 0)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"Ridge: alpha must be positive, got {alpha}.");
        Alpha = alpha;
    }

    /// <summary>The weight-decay strength α.</summary>
    public double Alpha { get; }

    protected override Tensor SolveCentered(Tensor x, Tensor y) => Linalg.CholeskySolve(x.T.MatMul(y), PenalisedGramFactor(x, Alpha));

    /// <summary>
    /// The Cholesky factor L of XᵀX + αI; shared with <see cref="BayesianLinearRegression"/>, whose posterior mean is
    /// this same solve (MAP with a Gaussian prior is weight decay, GBC §5.6.1).
    /// </summary>
    internal static Tensor PenalisedGramFactor(Tensor x, double alpha) =>
        Linalg.Cholesky(x.T.MatMul(x) + alpha * Tensor.Eye(x.Size(1), dtype: DType.Float64));
}
