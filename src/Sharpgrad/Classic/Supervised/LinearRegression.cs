namespace Sharpgrad.Classic;

/// <summary>How <see cref="LinearRegression"/> finds the least-squares weights (GBC §5.1.4).</summary>
public enum LinearSolver
{
    /// <summary>Householder QR via <see cref="Linalg.Lstsq"/>, falling back to the SVD when X is rank-deficient. Stable: it never forms XᵀX.</summary>
    Lstsq,

    /// <summary>The normal equations XᵀX w = Xᵀy (GBC eq. 5.12), solved by LU. Squares the condition number of X.</summary>
    NormalEquations,

    /// <summary>w = X⁺y with the Moore–Penrose pseudo-inverse (GBC §2.9): the minimum-norm solution for any rank.</summary>
    Pinv,

    /// <summary>Full-batch gradient descent on the mean squared error (GBC §4.3), for teaching; slow to converge on ill-conditioned X.</summary>
    GradientDescent,
}

/// <summary>
/// Ordinary least squares, minimising ‖Xw + b − y‖² (GBC §5.1.4). Targets may be a vector [N] or a matrix [N, T]
/// (T independent regressions sharing X).
/// </summary>
public sealed class LinearRegression : LinearModel
{
    /// <param name="solver">How to solve the least-squares problem; QR (<see cref="LinearSolver.Lstsq"/>) by default for stability.</param>
    /// <param name="fitIntercept">Whether to learn b.</param>
    /// <param name="learningRate">Step size for <see cref="LinearSolver.GradientDescent"/>.</param>
    /// <param name="epochs">Full-batch steps for <see cref="LinearSolver.GradientDescent"/>.</param>
    public LinearRegression(LinearSolver solver = LinearSolver.Lstsq, bool fitIntercept = true, double learningRate = 0.1, int epochs = 1000)
        : base(fitIntercept)
    {
        if (learningRate <= 0) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "LinearRegression: learningRate must be positive.");
        if (epochs <= 0) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "LinearRegression: epochs must be positive.");
        Solver = solver;
        LearningRate = learningRate;
        Epochs = epochs;
    }

    public LinearSolver Solver { get; }
    public double LearningRate { get; }
    public int Epochs { get; }

    protected override Tensor SolveCentered(Tensor x, Tensor y) => Solver switch
    {
        LinearSolver.Lstsq => Linalg.Lstsq(x, y).Solution,
        LinearSolver.NormalEquations => Linalg.Solve(x.T.MatMul(x), x.T.MatMul(y)),
        LinearSolver.Pinv => Linalg.Pinv(x).MatMul(y),
        LinearSolver.GradientDescent => GradientDescent(x, y),
        _ => throw new ArgumentOutOfRangeException(nameof(Solver), Solver, "LinearRegression: unknown solver."),
    };

    // ∇_w MSE = (2/N) Xᵀ(Xw − y) (GBC eq. 5.11); the gradient is written out, no tape is needed for a quadratic.
    private Tensor GradientDescent(Tensor x, Tensor y)
    {
        var w = Tensor.Zeros([x.Size(1), y.Size(1)], DType.Float64);
        double scale = 2.0 / x.Size(0);
        for (int epoch = 0; epoch < Epochs; epoch++)
            w = w - LearningRate * scale * x.T.MatMul(x.MatMul(w) - y);
        return w;
    }
}
