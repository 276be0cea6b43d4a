namespace Sharpgrad.Classic;

/// <summary>
/// Multinomial naive Bayes for count features (word counts, pixel intensities): p(x | c) ∝ Πⱼ θ_cjˣʲ with
/// θ_cj = (N_cj + α) / (N_c + αD), where N_cj is the total of feature j over class c's examples and N_c = Σⱼ N_cj.
/// α = 1 is Laplace smoothing (add-one): a feature never seen with a class does not zero its probability
/// (Manning, Raghavan &amp; Schütze, Introduction to Information Retrieval, §13.2). Features must be non-negative.
/// </summary>
public sealed class MultinomialNB : NaiveBayes
{
    private Tensor? logProbabilities;

    public MultinomialNB(double alpha = 1.0)
    {
        if (!(alpha >= 0)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "MultinomialNB: alpha must be non-negative.");
        Alpha = alpha;
    }

    public double Alpha { get; }

    /// <summary>log θ, float64 [classes, features].</summary>
    public Tensor FeatureLogProbabilities => Fitted(logProbabilities, $"{Name}.FeatureLogProbabilities");

    protected override void FitClassStatistics(Tensor x, Tensor membership, Tensor counts)
    {
        RequireNonNegative(x, "Fit");
        var smoothed = membership.T.MatMul(x) + Alpha;                    // N_cj + α
        logProbabilities = smoothed.Log() - smoothed.Sum(1, keepdim: true).Log();
    }

    protected override Tensor LogLikelihood(Tensor x)
    {
        RequireNonNegative(x, "Predict");
        return x.MatMul(FeatureLogProbabilities.T);                      // Σⱼ xⱼ log θ_cj
    }

    private void RequireNonNegative(Tensor x, string method)
    {
        if (x.Lt(0).Any())
            throw new ArgumentException($"{Name}.{method}: features must be non-negative counts, but X (shape {ShapeUtil.Format(x.Shape)}) has negative values.");
    }
}
