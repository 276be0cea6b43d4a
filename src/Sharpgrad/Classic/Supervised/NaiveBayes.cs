namespace Sharpgrad.Classic;

/// <summary>
/// Naive Bayes (GBC §5.7, "naive" because the features are taken as independent given the class): a class prior
/// and a per-class model of each feature, combined by Bayes' rule. Subclasses supply the per-class log-likelihood
/// of the features; this class adds the log prior and normalises with a softmax, i.e. p(c | x) ∝ p(c) Πⱼ p(xⱼ | c).
/// </summary>
public abstract class NaiveBayes : Classifier
{
    private Tensor? logPrior;

    /// <summary>log p(c), float64 [classes], from the class frequencies of the training labels.</summary>
    public Tensor ClassLogPrior => Fitted(logPrior, $"{Name}.ClassLogPrior");

    protected sealed override void FitIndices(Tensor x, Tensor y, int classCount)
    {
        var membership = Tensor.OneHot(y, classCount, DType.Float64);   // [N, K]
        var counts = membership.Sum(0);                                  // examples per class
        logPrior = (counts / x.Size(0)).Log();
        FitClassStatistics(x, membership, counts);
    }

    /// <summary>Learns each class's feature model from <paramref name="membership"/> [N, K] (one-hot) and <paramref name="counts"/> [K].</summary>
    protected abstract void FitClassStatistics(Tensor x, Tensor membership, Tensor counts);

    /// <summary>log p(x | c) for every row and class, [N, K].</summary>
    protected abstract Tensor LogLikelihood(Tensor x);

    /// <summary>log p(c) + log p(x | c), [N, K]: the unnormalised log-posterior.</summary>
    public Tensor JointLogLikelihood(Tensor x) => ClassLogPrior + LogLikelihood(CheckedFeatures(x, "JointLogLikelihood"));

    protected override Tensor ProbabilitiesOf(Tensor x) => (ClassLogPrior + LogLikelihood(x)).Softmax(1);
}
