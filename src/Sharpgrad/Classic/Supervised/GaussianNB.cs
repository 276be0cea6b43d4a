namespace Sharpgrad.Classic;

/// <summary>
/// Gaussian naive Bayes: each feature is Gaussian within each class, xⱼ | c ~ N(μ_cj, σ²_cj), with the maximum-
/// likelihood (biased) mean and variance of the class's examples. As in scikit-learn, ε = varSmoothing × the
/// largest feature variance is added to every σ² so a feature that is constant within a class does not divide by 0.
/// </summary>
public sealed class GaussianNB : NaiveBayes
{
    private Tensor? means, variances;

    public GaussianNB(double varSmoothing = 1e-9)
    {
        if (!(varSmoothing >= 0)) throw new ArgumentOutOfRangeException(nameof(varSmoothing), varSmoothing, "GaussianNB: varSmoothing must be non-negative.");
        VarSmoothing = varSmoothing;
    }

    public double VarSmoothing { get; }

    /// <summary>μ, float64 [classes, features].</summary>
    public Tensor Means => Fitted(means, $"{Name}.Means");

    /// <summary>σ² (smoothed), float64 [classes, features].</summary>
    public Tensor Variances => Fitted(variances, $"{Name}.Variances");

    protected override void FitClassStatistics(Tensor x, Tensor membership, Tensor counts)
    {
        var perClass = counts.Unsqueeze(1);
        var mu = membership.T.MatMul(x) / perClass;                       // E[x | c]
        var meanSquare = membership.T.MatMul(x.Square()) / perClass;      // E[x² | c]
        double epsilon = VarSmoothing * x.Var(0, unbiased: false).Max().Item();
        means = mu;
        variances = (meanSquare - mu.Square()).Clamp(0, null) + epsilon;
    }

    // log N(x | μ, σ²) summed over features: −½ Σⱼ [log(2πσ²) + (x − μ)²/σ²]
    protected override Tensor LogLikelihood(Tensor x)
    {
        var deviation = x.Unsqueeze(1) - Means;                            // [N, K, D]
        var normaliser = (2 * Math.PI * Variances).Log().Sum(1);          // [K]
        return -0.5 * (normaliser + (deviation.Square() / Variances).Sum(2));
    }
}
