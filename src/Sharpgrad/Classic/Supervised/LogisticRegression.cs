using System.Runtime.CompilerServices;
using Sharpgrad.Backends;
using Sharpgrad.Optim;

namespace Sharpgrad.Classic;

/// <summary>
/// Logistic regression with an L2 penalty (GBC §5.7.1, §6.2.2.3): binary (sigmoid) for two classes, multinomial
/// (softmax) for more. It minimises the mean cross-entropy plus (α/2)‖W‖² — the intercept is not penalised — which
/// is convex, so the optimum is unique for α &gt; 0.
/// <para>
/// Fitted by L-BFGS with a strong-Wolfe line search (<see cref="HostLbfgs"/>, the host-array form of <see cref="LBFGS"/>;
/// GBC §8.6.3), rather than Newton/IRLS, with
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
        if (!(tolerance >= 0)) // NaN too: it would fail every stopping test (the tensor LBFGS's tolerance_grad check)
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, $"LogisticRegression: tolerance (L-BFGS tolerance_grad) must be non-negative, got {tolerance}.");
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
        int features = x.Size(1), columns = classCount == 2 ? 1 : classCount, weightCount = features * columns;
        // θ = [W row-major, b] as a plain array: at a few hundred parameters the tensor optimiser's bookkeeping cost more
        // than the objective (issue #21), so L-BFGS runs on the host and only the [N, ·] work below is tensor ops.
        var theta = new double[weightCount + columns];
        var targets = y.ToArray<long>();
        int n = x.Size(0);
        var backend = x.Backend;
        // Both products of an evaluation are computed transposed, with X as the prepared right operand (on the CPU its
        // GEMM panels are packed once per fit): Zᵀ = Wᵀ·Xᵀ and ∇Wᵀ = (P − Y)ᵀ·X. Multiplied the other way round, X was
        // the left operand and the GEMM re-packed all N·D of it on every evaluation, by a transpose as X is row-major
        // (perf of the digits fit: 12% of it in that transpose, issue #21 r2r), and the narrow output (K = 10 columns
        // against the micro-kernel's 16) wasted a third of the kernel. Each entry is the same products summed in the same
        // order over N or D, so the bits are those of the unprepared Z = X·W and Xᵀ·(P − Y).
        // Memory: the two packed copies (X and Xᵀ, each N·D padded to whole strips) hold about 2·N·D values for the whole
        // fit, more than the single contiguous Xᵀ copy they replace, not less (60000×784 float64: ~750 MB against
        // ~376 MB); on Dispose the CPU backend drops copies that large to the GC rather than parking them in the buffer
        // pool (CpuPackedRight). Two classes have a single logit column, so both products are one row, which the CPU
        // backend sends to the matrix–vector product reading X where it lies: packing would be paid for nothing.
        using var xRight = PreparedFor(columns, x);
        using var xTransposedRight = PreparedFor(columns, x.T);
        var optimizer = new HostLbfgs(MaxIter, toleranceGrad: Tolerance, toleranceChange: 1e-12, historySize: 10, owner: Name);
        using var _ = Autograd.NoGrad();
        optimizer.Minimize(theta, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (parameters, gradient) =>
        {
            // The loss and its gradient in one pass, without the tape (issue #21): with P = softmax(XW + b) and Y the
            // one-hot targets, ∂/∂W = Xᵀ(P − Y)/N + αW and ∂/∂b = Σᵢ (P − Y)ᵢ / N (GBC §6.2.2.3). The 1/N and the
            // penalty are applied on the host to the few hundred gradient entries, not to the [N, K] residual. Softmax,
            // loss and residual are one host pass over the logits (SoftmaxCrossEntropyPass, issue #21 cold21); the two
            // products stay GEMMs.
            var weightsTransposed = Tensor.FromSpan<double>(parameters.AsSpan(0, weightCount), features, columns).T;
            var logitsTransposed = Tensor.Uninitialized(DType.Float64, [columns, n], x.Device);
            backend.MatMul(logitsTransposed, weightsTransposed, xTransposedRight, accumulate: false);
            var logits = AllLogits(logitsTransposed.ToDoubleArray(), parameters.AsSpan(weightCount, columns), n, classCount);
            var logProbabilities = SoftmaxCrossEntropyPass.Residual(logits, n, classCount, targets);
            var residual = Tensor.FromArray(logits, n, classCount);
            if (columns == 1) residual = residual.Narrow(1, 1, 1);          // only the second class's logit is free
            var weightGradientTransposed = Tensor.Uninitialized(DType.Float64, [columns, features], x.Device);
            backend.MatMul(weightGradientTransposed, residual.T, xRight, accumulate: false);
            var weightGradient = weightGradientTransposed.ToArray<double>();   // [columns, features]
            var interceptGradient = residual.Sum(0).ToArray<double>();
            double squaredNorm = 0;
            for (int i = 0; i < weightCount; i++)
            {
                squaredNorm += parameters[i] * parameters[i];
                gradient[i] = weightGradient[i % columns * features + i / columns] / n + Alpha * parameters[i];
            }
            for (int j = 0; j < columns; j++) gradient[weightCount + j] = interceptGradient[j] / n;
            return -Tensor.FromArray(logProbabilities, n, 1).Sum().Item() / n + 0.5 * Alpha * squaredNorm;
        });
        (weights, intercept) = Unpack(theta, features, columns);
    }

    /// <summary>
    /// <paramref name="operand"/> as the right operand of products with <paramref name="rows"/> rows, prepared (packed)
    /// only when several rows make the GEMM run, as LstmSequence.Prepared does for W_hh.
    /// </summary>
    private static PreparedRightOperand PreparedFor(int rows, Tensor operand)
        => rows > 1 ? operand.Backend.PrepareRight(operand) : new PreparedRightOperand(operand);

    /// <summary>W [features, columns] and b [columns] as tensors over copies of their parts of θ.</summary>
    private static (Tensor W, Tensor B) Unpack(double[] theta, int features, int columns) =>
        (Tensor.FromSpan<double>(theta.AsSpan(0, features * columns), features, columns),
         Tensor.FromSpan<double>(theta.AsSpan(features * columns, columns), columns));

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

    // The same on the host: (XW)ᵀ [columns, N] row-major plus b (columns = b.Length), as [N, classes] with classes the
    // fit's class count (Fit rejects fewer than two), the pinned 0 first for two classes.
    // AggressiveOptimization on the fits' host loops: why, and what it costs, in docs/cold-fit-jit.md.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] AllLogits(double[] productsTransposed, ReadOnlySpan<double> b, int n, int classes)
    {
        int columns = b.Length;
        var logits = new double[n * classes];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < columns; j++) logits[i * classes + classes - columns + j] = productsTransposed[j * n + i] + b[j];
        return logits;
    }
}
