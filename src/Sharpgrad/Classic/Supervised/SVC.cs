namespace Sharpgrad.Classic;

/// <summary>
/// A kernel support-vector classifier (GBC §5.7.2; Cortes &amp; Vapnik 1995), trained by SMO (<see cref="SmoSolver"/>).
/// The decision function of a binary problem is f(x) = Σₜ αₜyₜk(xₜ, x) + b over the support vectors (αₜ &gt; 0), and
/// the predicted class is the second one when f(x) &gt; 0.
/// <para>
/// More than two classes are handled one-vs-one by default, as LIBSVM and scikit-learn's SVC do
/// (<see cref="SvcMulticlass.OneVsOne"/>): one binary SVM per pair of classes on those two classes' rows, each
/// reading only the kernel rows its SMO touches, and prediction by majority vote (ties to the lowest class). K(K−1)/2
/// problems of ~2N/K rows cost less than K problems of N rows (issue #21: on the digits, 45 problems of ~270 rows
/// against 10 of 1,347). <see cref="SvcMulticlass.OneVsRest"/> (one SVM per class against the rest, the largest
/// decision value wins) remains available.
/// </para>
/// <para>
/// PredictProba is a softmax of the class scores (<see cref="DecisionFunction"/>; for two classes σ(f(x))), which ranks
/// like the decision function but is <b>not</b> calibrated: scikit-learn fits Platt scaling by internal
/// cross-validation instead. Use it for ranking metrics (ROC, PR), not as a probability. One-vs-one, its argmax can
/// differ from Predict where votes tie (Predict then takes the lowest class, as LIBSVM; the scores the stronger one).
/// </para>
/// </summary>
public sealed class SVC : Classifier
{
    private Tensor? supportVectors, dualCoefficients, biases;
    private SvcDecision? decision;

    /// <param name="kernel">The kernel (RBF by default, as scikit-learn).</param>
    /// <param name="c">The soft-margin penalty C: larger fits the training data harder.</param>
    /// <param name="gamma">γ for the RBF and polynomial kernels; null is scikit-learn's "scale", 1 / (D · Var[X]).</param>
    /// <param name="degree">The degree of the polynomial kernel.</param>
    /// <param name="coef0">The constant of the polynomial kernel.</param>
    /// <param name="tolerance">SMO stops when the maximal KKT violation is below this (LIBSVM's eps).</param>
    /// <param name="maxIter">SMO iterations at most, per binary problem.</param>
    /// <param name="cacheMegabytes">Memory for cached kernel rows (scikit-learn's cache_size, 200 MB by default): when
    /// the whole Gram matrix fits it is computed at once by GEMM, else rows are computed on demand and the least recently
    /// used dropped (<see cref="KernelRowCache"/>). One-vs-one problems on a pair of more than two classes compute rows
    /// on demand, as LIBSVM.</param>
    /// <param name="multiclass">How more than two classes are split into binary problems (one-vs-one, as scikit-learn).</param>
    public SVC(SvmKernel kernel = SvmKernel.Rbf, double c = 1.0, double? gamma = null, int degree = 3, double coef0 = 0,
        double tolerance = 1e-3, int maxIter = 100_000, double cacheMegabytes = 200, SvcMulticlass multiclass = SvcMulticlass.OneVsOne)
    {
        if (!Enum.IsDefined(kernel)) throw new ArgumentOutOfRangeException(nameof(kernel), kernel, $"SVC: unknown kernel {kernel}; expected one of {string.Join(", ", Enum.GetNames<SvmKernel>())}.");
        if (!Enum.IsDefined(multiclass)) throw new ArgumentOutOfRangeException(nameof(multiclass), multiclass, $"SVC: unknown multiclass strategy {multiclass}.");
        Multiclass = multiclass;
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
    public SvcMulticlass Multiclass { get; }

    /// <summary>The training rows that are a support vector of at least one binary problem, float64 [S, features].</summary>
    public Tensor SupportVectors => Fitted(supportVectors, $"{Name}.SupportVectors");

    /// <summary>
    /// αₜyₜ for each support vector and binary problem, float64 [S, problems]: 1 problem for two classes, else K
    /// one-vs-rest, or K(K−1)/2 one-vs-one in the order (0, 1), (0, 2), …, (1, 2), … (positive = the second class of
    /// the pair; 0 where a support vector's class is not in the pair).
    /// </summary>
    public Tensor DualCoefficients => Fitted(dualCoefficients, $"{Name}.DualCoefficients");

    /// <summary>The bias b of each binary problem, float64 [problems].</summary>
    public Tensor Intercept => Fitted(biases, $"{Name}.Intercept");

    /// <summary>The number of SMO iterations of each binary problem in the last Fit.</summary>
    public int[] Iterations { get; private set; } = [];

    protected override void FitIndices(Tensor x, Tensor y, int classCount)
    {
        double fittedGamma = Gamma ?? 1.0 / (x.Size(1) * x.Var(unbiased: false).Item());
        var kernel = KernelRows.Of(Kernel, x, fittedGamma, Degree, Coef0);
        var labels = y.ToArray<long>();
        var problems = Multiclass == SvcMulticlass.OneVsOne ? SvcBinaryProblem.OneVsOne(labels, classCount) : SvcBinaryProblem.OneVsRest(labels, classCount);
        // Problems on every row (all of one-vs-rest, and the single problem of two classes either way) read the same
        // rows, so they share one cache on the training set as it is: the whole Gram matrix by one GEMM when it fits.
        // A one-vs-one problem on a pair's rows only gathers those rows and computes its rows on demand, as LIBSVM.
        KernelRowCache? everyRow = null;
        int n = labels.Length;
        var coefficients = new double[n * problems.Length];            // αₜyₜ [N, problems] row-major
        var bias = new double[problems.Length];
        var iterations = new int[problems.Length];
        for (int p = 0; p < problems.Length; p++)
        {
            var problem = problems[p];
            var rows = problem.CoversAll(n)
                ? everyRow ??= new KernelRowCache(kernel, CacheBytes)
                : new KernelRowCache(kernel.Subset(problem.Rows), CacheBytes, wholeWhenFits: false);
            var (alpha, b, used) = SmoSolver.Solve(rows, problem.Signs, C, Tolerance, MaxIter);
            for (int r = 0; r < alpha.Length; r++) coefficients[problem.Rows[r] * problems.Length + p] = alpha[r] * problem.Signs[r];
            (bias[p], iterations[p]) = (b, used);
        }
        Keep(kernel, coefficients, bias);
        Iterations = iterations;
    }

    // The model is the rows with a non-zero αₜ in some problem, their αₜyₜ per problem and the biases, kept on the host
    // for prediction (SvcDecision) and as tensors for the public properties: array loops rather than tensor masks, so a
    // cold fit compiles no mask, stack or select kernels (issue #21, cold21).
    private void Keep(KernelRows kernel, double[] coefficients, double[] bias)
    {
        int problems = bias.Length;
        var support = new List<int>();
        for (int j = 0; j < kernel.Count; j++)
            for (int p = 0; p < problems; p++)
                if (coefficients[j * problems + p] != 0) { support.Add(j); break; }
        var kept = new double[support.Count * problems];
        for (int s = 0; s < support.Count; s++)
            coefficients.AsSpan(support[s] * problems, problems).CopyTo(kept.AsSpan(s * problems, problems));
        var supportRows = kernel.Subset([.. support]);
        decision = new SvcDecision(supportRows, kept, bias);
        supportVectors = supportRows.ToTensor();
        dualCoefficients = Tensor.FromArray(kept, support.Count, problems);
        biases = Tensor.FromArray((double[])bias.Clone());
    }

    /// <summary>
    /// For two classes f(x) [N] (positive favours the second class); else class scores [N, K]: one-vs-rest the K
    /// decision values, one-vs-one the votes plus a tie-breaking confidence in (−⅓, ⅓)
    /// (<see cref="OneVsOneVoting.Scores"/>, scikit-learn's decision_function_shape='ovr').
    /// </summary>
    public Tensor DecisionFunction(Tensor x)
    {
        var decision = Decision(CheckedFeatures(x, "DecisionFunction"));
        return decision.Size(1) == 1 ? decision.Squeeze([1]) : Scores(decision);
    }

    protected override Tensor PredictIndices(Tensor x)
    {
        var model = Fitted(decision, $"{Name}.Predict");
        if (Multiclass == SvcMulticlass.OneVsOne && model.Problems > 1)
            return Tensor.FromArray(OneVsOneVoting.Winners(model.Values(x), x.Size(0), ClassCount));
        return Scores(Decision(x)).ArgMax(1);
    }

    protected override Tensor ProbabilitiesOf(Tensor x) => Scores(Decision(x)).Softmax(1);

    // f [N, problems] of every binary problem: on the host, or, when x requires grad and autograd records, the
    // differentiable expansion K(x, S)·αy + b, so DecisionFunction and PredictProba carry gradients to x.
    private Tensor Decision(Tensor x)
    {
        var model = Fitted(decision, $"{Name}.DecisionFunction");
        if (x.RequiresGrad && Autograd.IsGradEnabled) return model.KernelExpression(x).MatMul(DualCoefficients) + Intercept;
        return Tensor.FromArray(model.Values(x), x.Size(0), model.Problems);
    }

    private bool IsVoting(Tensor decision) => Multiclass == SvcMulticlass.OneVsOne && decision.Size(1) > 1;

    // [N, K] scores whose argmax is the class. For two classes the first class gets the fixed score 0, so argmax is
    // the sign of f and softmax is σ(f).
    private Tensor Scores(Tensor decision) =>
        decision.Size(1) == 1 ? Tensor.Cat([Tensor.ZerosLike(decision), decision], 1)
        : IsVoting(decision) ? OneVsOneVoting.Scores(decision, ClassCount)
        : decision;
}
