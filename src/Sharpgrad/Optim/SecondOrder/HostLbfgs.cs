using System.Runtime.CompilerServices;
namespace Sharpgrad.Optim;

/// <summary>
/// L-BFGS on a plain <c>double[]</c> θ, for estimators whose parameters are a few hundred numbers and whose objective
/// computes its own gradient (LogisticRegression). The algorithm, options and steps are those of <see cref="LBFGS"/>
/// with lr = 1 and the strong-Wolfe search (Nocedal &amp; Wright Alg. 7.4 and 7.5, the same
/// <see cref="StrongWolfeLineSearch"/>), so the iterates agree with the tensor optimiser up to the rounding of its dot
/// products. Why a second home: at n ≈ 650 each tensor op of the two-loop recursion, the parameter flattening and the
/// state bookkeeping costs more than its arithmetic, and those ops were a third of a LogisticRegression fit on the
/// digits (issue #21). The vectors here are ordinary arrays, never a tensor's storage.
/// </summary>
internal sealed class HostLbfgs
{
    private const double SufficientDecrease = 1e-4, Curvature = 0.9; // PyTorch's c₁ and c₂, as LineSearchOptimizer
    private readonly LineSearchStopping stopping;
    private readonly int historySize;
    private readonly string owner;

    /// <param name="maxIter">Iterations at most (and max_iter·5/4 objective evaluations, PyTorch's default).</param>
    /// <param name="toleranceGrad">Stop when max|∇f| ≤ this.</param>
    /// <param name="toleranceChange">Stop when the step or the change in loss is below this.</param>
    /// <param name="historySize">How many curvature pairs to keep (m in N&amp;W).</param>
    /// <param name="owner">The estimator that runs it, named in errors.</param>
    public HostLbfgs(int maxIter, double toleranceGrad, double toleranceChange, int historySize, string owner = "HostLbfgs")
    {
        string where = $"{owner} (L-BFGS)";
        if (maxIter < 1) throw new ArgumentOutOfRangeException(nameof(maxIter), maxIter, $"{where}: maxIter must be at least 1, got {maxIter}.");
        if (historySize < 1) throw new ArgumentOutOfRangeException(nameof(historySize), historySize, $"{where}: historySize must be at least 1, got {historySize}.");
        // Written as !(x >= 0) so that NaN is rejected too.
        if (!(toleranceGrad >= 0)) throw new ArgumentOutOfRangeException(nameof(toleranceGrad), toleranceGrad, $"{where}: toleranceGrad must be non-negative, got {toleranceGrad}.");
        if (!(toleranceChange >= 0)) throw new ArgumentOutOfRangeException(nameof(toleranceChange), toleranceChange, $"{where}: toleranceChange must be non-negative, got {toleranceChange}.");
        this.owner = where;
        stopping = new LineSearchStopping(maxIter, maxIter * 5 / 4, toleranceGrad, toleranceChange);
        this.historySize = historySize;
    }

    /// <summary>How many times the last <see cref="Minimize"/> called the objective.</summary>
    public int Evaluations { get; private set; }

    /// <summary>
    /// Moves <paramref name="theta"/> to an approximate minimiser of f and returns f there.
    /// <paramref name="objective"/>(θ, g) returns f(θ) and writes ∇f(θ) into g; it must not keep either array.
    /// </summary>
    // AggressiveOptimization on the fits' host loops: why, and what it costs, in docs/cold-fit-jit.md.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Minimize(double[] theta, Func<double[], double[], double> objective)
    {
        int n = theta.Length;
        var gradient = new double[n];
        double loss = objective(theta, gradient);
        Evaluations = 1;
        RequireFinite(loss, gradient, 0);
        if (stopping.IsOptimal(MaxAbs(gradient))) return loss;

        var history = new CurvatureHistory(historySize);
        var direction = new double[n];
        var start = new double[n];
        double[] previousGradient = [];
        double t = 0;
        for (int iteration = 1; iteration <= stopping.MaxIter; iteration++)
        {
            if (iteration == 1)
            {
                for (int i = 0; i < n; i++) direction[i] = -gradient[i]; // steepest descent until there is curvature
                t = Math.Min(1, 1 / SumAbs(gradient));                    // the gradient's scale is unknown yet
            }
            else
            {
                history.Remember(direction, t, gradient, previousGradient);
                history.ApplyInverseHessian(gradient, direction);
                t = 1;
            }
            previousGradient = gradient;
            double previousLoss = loss, slope = Dot(gradient, direction);
            if (stopping.IsNotDescent(slope)) break;

            Array.Copy(theta, start, n);
            var result = StrongWolfeLineSearch.Search(step =>
            {
                var g = new double[n];
                double f = objective(Along(start, step, direction, theta), g);
                return (f, g, Dot(g, direction));
            }, t, MaxAbs(direction), loss, gradient, slope, SufficientDecrease, Curvature, stopping.ToleranceChange);
            (loss, gradient, t) = (result.Loss, result.Gradient, result.Step);
            Along(start, t, direction, theta);
            Evaluations += result.Evaluations;
            RequireFinite(loss, gradient, iteration);

            if (stopping.IsExhausted(iteration, Evaluations, stopping.IsOptimal(MaxAbs(gradient)))) break;
            if (stopping.IsStalled(MaxAbs(direction), t, loss, previousLoss)) break;
        }
        return loss;
    }

    /// <summary>destination ← start + t·d.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] Along(double[] start, double t, double[] d, double[] destination)
    {
        for (int i = 0; i < start.Length; i++) destination[i] = start[i] + t * d[i];
        return destination;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>
    /// A NaN loss or gradient entry fails every "≤ tolerance" test and would otherwise end the run as if converged,
    /// returning NaN or unfinished weights without a word; so it is an error, reported where it first appeared.
    /// </summary>
    private void RequireFinite(double loss, double[] gradient, int iteration)
    {
        if (double.IsFinite(loss) && double.IsFinite(MaxAbs(gradient))) return;
        throw new ArithmeticException(
            $"{owner}: the loss/gradient is not finite at iteration {iteration} (loss {loss}, max|gradient| {MaxAbs(gradient)}); " +
            "check the data for NaN or infinite values, or lower the step scale.");
    }

    /// <summary>max|aᵢ|, NaN if any entry is NaN (LINQ's Max would skip NaN and so hide it from the stopping tests).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double MaxAbs(double[] a)
    {
        double max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i])); // Math.Max returns NaN if either is NaN
        return max;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double SumAbs(double[] a)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += Math.Abs(a[i]);   // in order, as Enumerable.Sum added them
        return sum;
    }

    /// <summary>
    /// The last m curvature pairs (s, y) and the two-loop recursion over them (N&amp;W Alg. 7.4), oldest first; a pair
    /// is kept only when yᵀs &gt; 1e-10, which keeps the approximation positive definite (as <see cref="LBFGS"/>).
    /// </summary>
    private sealed class CurvatureHistory(int capacity)
    {
        private readonly List<(double[] S, double[] Y, double Rho)> pairs = [];
        private double gamma = 1; // the initial inverse Hessian γI, γ = sᵀy / yᵀy of the newest pair (N&W eq. 7.20)

        /// <summary>Adds s = t·d and y = g − g_prev (N&amp;W eq. 6.5), dropping the oldest pair when full.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Remember(double[] direction, double t, double[] gradient, double[] previousGradient)
        {
            int n = direction.Length;
            var s = new double[n];
            var y = new double[n];
            for (int i = 0; i < n; i++)
            {
                s[i] = direction[i] * t;
                y[i] = gradient[i] - previousGradient[i];
            }
            double ys = Dot(y, s);
            if (ys <= 1e-10) return;
            if (pairs.Count == capacity) pairs.RemoveAt(0);
            pairs.Add((s, y, 1 / ys));
            gamma = ys / Dot(y, y);
        }

        /// <summary>result ← −H·g with the L-BFGS inverse-Hessian approximation H.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void ApplyInverseHessian(double[] gradient, double[] result)
        {
            int n = gradient.Length;
            var alpha = new double[pairs.Count];
            for (int i = 0; i < n; i++) result[i] = -gradient[i];
            for (int k = pairs.Count - 1; k >= 0; k--)
            {
                var (s, y, rho) = pairs[k];
                alpha[k] = Dot(s, result) * rho;
                for (int i = 0; i < n; i++) result[i] -= alpha[k] * y[i];
            }
            for (int i = 0; i < n; i++) result[i] *= gamma;
            for (int k = 0; k < pairs.Count; k++)
            {
                var (s, y, rho) = pairs[k];
                double beta = Dot(y, result) * rho;
                for (int i = 0; i < n; i++) result[i] += (alpha[k] - beta) * s[i];
            }
        }
    }
}
