using Sharpgrad.Optim;

namespace Sharpgrad.Classic;

/// <summary>
/// Logistic regression with an L2 penalty (GBC §5.7.1, §6.2.2.3): binary (sigmoid) for two classes, multinomial
/// (softmax) for more. It minimises the mean cross-entropy plus (α/2)‖W‖² — the intercept is not penalised — which
/// is convex, so the optimum is unique for α &gt; 0.
/// <para>
/// Fitted by L-BFGS with a strong-Wolfe line search (<see cref="LBFGS"/>; GBC §8.6.3), rather than Newton/IRLS, with
/// the loss and its closed-form gradient computed together (no autograd tape): it needs only gradients, so the multinomial case (a Hessian of size (DK)²) costs no more to
/// write than the binary one. Two classes use one logit column z with the fixed logit 0 for the first class, so
/// softmax([0, z]) = [1 − σ(z), σ(z)] and one cross-entropy serves both cases.
/// </para>
/// </summary>
public sealed class LogisticRegression : Classifier
{
    private Tensor? weights, intercept;

    /// <param name="alpha">The L2 strength α on the mean loss (scikit-learn's C corresponds to α = 1/(C·N)).</param>
    /// <param name="maxIter">L-BFGS iterations at most.</param>
    /// <param name="tolerance">Stop when the largest gradient entry is at most this.</param>
    public LogisticRegression(double alpha = 1e-3, int maxIter = 200, double tolerance = 1e-8)
    {
        if (!(alpha >= 0)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"LogisticRegression: alpha must be non-negative, got {alpha}.");
        if (maxIter <= 0) throw new ArgumentOutOfRangeException(nameof(maxIter), maxIter, "LogisticRegression: maxIter must be positive.");
        Alpha = alpha;
        MaxIter = maxIter;
        Tolerance = tolerance;
    }

    public double Alpha { get; }
    public int MaxIter { get; }
    public double Tolerance { get; }

    /// <summary>The weights, float64 [features, 1] for two classes (the logit of the second class) or [features, classes].</summary>
    public Tensor Weights => Fitted(weights, $"{Name}.Weights");

    /// <summary>The intercepts, float64 [1] or [classes], matching <see cref="Weights"/>.</summary>
    public Tensor Intercept => Fitted(intercept, $"{Name}.Intercept");

    protected override void FitIndices(Tensor x, Tensor y, int classCount)
    {
        int columns = classCount == 2 ? 1 : classCount;
        var w = Tensor.Zeros([x.Size(1), columns], DType.Float64).RequireGrad();
        var b = Tensor.Zeros([columns], DType.Float64).RequireGrad();
        var optimizer = new LBFGS([w, b], maxIter: MaxIter, toleranceGrad: Tolerance, toleranceChange: 1e-12,
            historySize: 10, lineSearch: LineSearch.StrongWolfe);
        var oneHot = Tensor.OneHot(y, classCount, DType.Float64);
        int n = x.Size(0);
        optimizer.Step(() =>
        {
            // The loss and its gradient in one pass, without the tape (issue #21): with P = softmax(XW + b) and Y the
            // one-hot targets, ∂/∂W = Xᵀ(P − Y)/N + αW and ∂/∂b = Σᵢ (P − Y)ᵢ / N (GBC §6.2.2.3).
            using var _ = Autograd.NoGrad();
            var logProbabilities = AllLogits(x, w, b).LogSoftmax(1);
            var loss = -(logProbabilities * oneHot).Sum() / n + 0.5 * Alpha * w.Square().Sum();
            var residual = (logProbabilities.Exp() - oneHot) / n;
            if (columns == 1) residual = residual.Narrow(1, 1, 1);          // only the second class's logit is free
            w.Grad = x.T.MatMul(residual) + Alpha * w;
            b.Grad = residual.Sum(0);
            return loss;
        });
        weights = w.Detach();
        intercept = b.Detach();
    }

    /// <summary>The decision function: the logit of the second class [N] for two classes, else the logits [N, K].</summary>
    public Tensor DecisionFunction(Tensor x)
    {
        var logits = CheckedFeatures(x, "DecisionFunction").MatMul(Weights) + Intercept;
        return logits.Size(1) == 1 ? logits.Squeeze([1]) : logits;
    }

    protected override Tensor ProbabilitiesOf(Tensor x) => AllLogits(x, Weights, Intercept).Softmax(1);

    // One logit per class: for two classes the first is pinned at 0, so softmax gives the sigmoid of the second.
    private static Tensor AllLogits(Tensor x, Tensor w, Tensor b)
    {
        var logits = x.MatMul(w) + b;
        return logits.Size(1) == 1 ? Tensor.Cat([Tensor.Zeros([x.Size(0), 1], DType.Float64), logits], 1) : logits;
    }
}
