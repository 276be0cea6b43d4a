namespace Sharpgrad.Classic;

/// <summary>
/// A kernel support-vector classifier (GBC §5.7.2; Cortes &amp; Vapnik 1995), trained by SMO (<see cref="SmoSolver"/>).
/// The decision function of a binary problem is f(x) = Σₜ αₜyₜk(xₜ, x) + b over the support vectors (αₜ &gt; 0), and
/// the predicted class is the second one when f(x) &gt; 0.
/// <para>
/// More than two classes are handled one-vs-rest: one binary SVM per class (that class +1, all others −1) and the
/// class with the largest decision value wins. (scikit-learn's SVC uses one-vs-one; one-vs-rest needs K rather than
/// K(K−1)/2 problems and all of them read the same cached kernel rows. Issue #21's profile found the slowness of the
/// first version in per-iteration tensor overhead, not in one-vs-rest: <see cref="SmoSolver"/> is now a loop on arrays.) PredictProba is a softmax of the decision values — for two classes
/// σ(f(x)) — which ranks like the decision function but is <b>not</b> calibrated: scikit-learn fits Platt scaling by
/// internal cross-validation instead. Use it for ranking metrics (ROC, PR), not as a probability.
/// </para>
/// </summary>
public sealed class SVC : Classifier
{
    private Tensor? supportVectors, dualCoefficients, biases;
    private double fittedGamma;

    /// <param name="kernel">The kernel (RBF by default, as scikit-learn).</param>
    /// <param name="c">The soft-margin penalty C: larger fits the training data harder.</param>
    /// <param name="gamma">γ for the RBF and polynomial kernels; null is scikit-learn's "scale", 1 / (D · Var[X]).</param>
    /// <param name="degree">The degree of the polynomial kernel.</param>
    /// <param name="coef0">The constant of the polynomial kernel.</param>
    /// <param name="tolerance">SMO stops when the maximal KKT violation is below this (LIBSVM's eps).</param>
    /// <param name="maxIter">SMO iterations at most, per binary problem.</param>
    /// <param name="cacheMegabytes">Memory for cached kernel rows (scikit-learn's cache_size, 200 MB by default): when
    /// the whole Gram matrix fits it is computed at once by GEMM, else rows are computed on demand and the least recently
    /// used dropped (<see cref="KernelRowCache"/>).</param>
    public SVC(SvmKernel kernel = SvmKernel.Rbf, double c = 1.0, double? gamma = null, int degree = 3, double coef0 = 0,
        double tolerance = 1e-3, int maxIter = 100_000, double cacheMegabytes = 200)
    {
        if (!(cacheMegabytes > 0)) throw new ArgumentOutOfRangeException(nameof(cacheMegabytes), cacheMegabytes, $"SVC: cacheMegabytes must be positive, got {cacheMegabytes}.");
        CacheBytes = (long)(cacheMegabytes * 1024 * 1024);
        if (!(c > 0)) throw new ArgumentOutOfRangeException(nameof(c), c, $"SVC: C must be positive, got {c}.");
        if (gamma is { } g && !(g > 0)) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, $"SVC: gamma must be positive, got {g}.");
        if (degree < 1) throw new ArgumentOutOfRangeException(nameof(degree), degree, "SVC: degree must be at least 1.");
        Kernel = kernel;
        C = c;
        Gamma = gamma;
        Degree = degree;
        Coef0 = coef0;
        Tolerance = tolerance;
        MaxIter = maxIter;
    }

    public SvmKernel Kernel { get; }
    public double C { get; }
    public double? Gamma { get; }
    public int Degree { get; }
    public double Coef0 { get; }
    public double Tolerance { get; }
    public int MaxIter { get; }
    public long CacheBytes { get; }

    /// <summary>The training rows that are a support vector of at least one binary problem, float64 [S, features].</summary>
    public Tensor SupportVectors => Fitted(supportVectors, $"{Name}.SupportVectors");

    /// <summary>αₜyₜ for each support vector and binary problem, float64 [S, problems] (1 problem for two classes, else K).</summary>
    public Tensor DualCoefficients => Fitted(dualCoefficients, $"{Name}.DualCoefficients");

    /// <summary>The bias b of each binary problem, float64 [problems].</summary>
    public Tensor Intercept => Fitted(biases, $"{Name}.Intercept");

    /// <summary>The number of SMO iterations of each binary problem in the last Fit.</summary>
    public int[] Iterations { get; private set; } = [];

    protected override void FitIndices(Tensor x, Tensor y, int classCount)
    {
        fittedGamma = Gamma ?? 1.0 / (x.Size(1) * x.Var(unbiased: false).Item());
        var kernel = new KernelRowCache(x, (a, b) => KernelMatrix.Values(Kernel, a, b, fittedGamma, Degree, Coef0), CacheBytes);
        var labels = y.ToArray<long>();
        // One binary problem for two classes (positive = the second class), else one per class (that class vs the rest).
        var positives = classCount == 2 ? [1] : Enumerable.Range(0, classCount).ToArray();
        var coefficients = new List<Tensor>();
        var bias = new List<double>();
        var iterations = new List<int>();
        foreach (int positive in positives)
        {
            var signs = labels.Select(label => label == positive ? 1.0 : -1.0).ToArray();
            var (alpha, b, used) = SmoSolver.Solve(kernel, signs, C, Tolerance, MaxIter);
            coefficients.Add(Tensor.FromArray(alpha.Select((a, t) => a * signs[t]).ToArray()));
            bias.Add(b);
            iterations.Add(used);
        }
        var all = Tensor.Stack(coefficients, 1);                        // [N, problems]
        var isSupport = all.Abs().Sum(1).Gt(0);
        supportVectors = RowsWhere(x, isSupport);
        dualCoefficients = RowsWhere(all, isSupport);
        biases = Tensor.FromArray(bias.ToArray());
        Iterations = [.. iterations];
    }

    private static Tensor RowsWhere(Tensor matrix, Tensor rowMask) =>
        matrix.MaskedSelect(rowMask.Unsqueeze(1).ExpandAs(matrix)).Reshape(-1, matrix.Size(1));

    /// <summary>f(x) for each row: [N] for two classes (positive favours the second class), else [N, K] one-vs-rest.</summary>
    public Tensor DecisionFunction(Tensor x)
    {
        var decision = Decision(CheckedFeatures(x, "DecisionFunction"));
        return decision.Size(1) == 1 ? decision.Squeeze([1]) : decision;
    }

    protected override Tensor PredictIndices(Tensor x) => DecisionLogits(Decision(x)).ArgMax(1);

    protected override Tensor ProbabilitiesOf(Tensor x) => DecisionLogits(Decision(x)).Softmax(1);

    private Tensor Decision(Tensor x) =>
        KernelMatrix.Compute(Kernel, x, SupportVectors, fittedGamma, Degree, Coef0).MatMul(DualCoefficients) + Intercept;

    // For two classes the first class gets the fixed score 0, so argmax is the sign of f and softmax is σ(f).
    private static Tensor DecisionLogits(Tensor decision) =>
        decision.Size(1) == 1 ? Tensor.Cat([Tensor.ZerosLike(decision), decision], 1) : decision;
}
