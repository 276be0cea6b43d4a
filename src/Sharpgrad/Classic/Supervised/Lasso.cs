namespace Sharpgrad.Classic;

/// <summary>
/// The lasso: least squares with an L1 penalty, minimising (1/2N)‖Xw + b − y‖² + α‖w‖₁ (scikit-learn's scaling;
/// GBC §7.1.2). The L1 penalty drives weights to exactly zero, so the lasso selects features.
/// <para>
/// Fitted by cyclic coordinate descent (Friedman, Hastie &amp; Tibshirani 2010): with the others held fixed, the
/// best wⱼ has the closed form wⱼ = S(ρⱼ, α) / Gⱼⱼ, where G = XᵀX/N, ρⱼ = (Xᵀy/N)ⱼ − Gⱼ·w + Gⱼⱼwⱼ is the
/// correlation of feature j with the residual that excludes it, and S(ρ, α) = sign(ρ)·max(|ρ| − α, 0) is the
/// soft-thresholding operator. Sweeps repeat until no weight moves more than <see cref="Tolerance"/>.
/// The intercept is not penalised. Vector targets only.
/// </para>
/// </summary>
public sealed class Lasso : LinearModel
{
    public Lasso(double alpha = 1.0, int maxIter = 1000, double tolerance = 1e-6, bool fitIntercept = true) : base(fitIntercept)
    {
        if (!(alpha >= 0)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"Lasso: alpha must be non-negative, got {alpha}.");
        if (maxIter <= 0) throw new ArgumentOutOfRangeException(nameof(maxIter), maxIter, "Lasso: maxIter must be positive.");
        Alpha = alpha;
        MaxIter = maxIter;
        Tolerance = tolerance;
    }

    public double Alpha { get; }
    public int MaxIter { get; }
    public double Tolerance { get; }

    /// <summary>The number of coordinate-descent sweeps the last Fit took.</summary>
    public int Iterations { get; private set; }

    protected override Tensor SolveCentered(Tensor x, Tensor y)
    {
        if (y.Size(1) != 1)
            throw new ArgumentException($"Lasso.Fit: expected a vector of targets [N], got {y.Size(1)} target columns.");
        int n = x.Size(0), d = x.Size(1);
        var gram = x.T.MatMul(x) / n;                          // G = XᵀX/N
        var correlation = x.T.MatMul(y).Squeeze([1]) / n;      // Xᵀy/N
        var diagonal = Linalg.Diagonal(gram).ToDoubleArray();
        var corr = correlation.ToDoubleArray();
        var w = Tensor.Zeros([d], DType.Float64);
        for (int sweep = 1; sweep <= MaxIter; sweep++)
        {
            Iterations = sweep;
            double largestMove = 0;
            for (int j = 0; j < d; j++)
            {
                if (diagonal[j] == 0) continue;                // a constant feature carries no signal
                double wj = w.Select(0, j).Item();
                double rho = corr[j] - gram.Select(0, j).Dot(w).Item() + diagonal[j] * wj;
                double updated = SoftThreshold(rho, Alpha) / diagonal[j];
                w.Narrow(0, j, 1).Fill(updated);
                largestMove = Math.Max(largestMove, Math.Abs(updated - wj));
            }
            if (largestMove <= Tolerance) break;
        }
        return w.Unsqueeze(1);
    }

    /// <summary>S(ρ, α) = sign(ρ)·max(|ρ| − α, 0), the proximal operator of α|w|.</summary>
    private static double SoftThreshold(double rho, double alpha) => Math.Sign(rho) * Math.Max(Math.Abs(rho) - alpha, 0);
}
