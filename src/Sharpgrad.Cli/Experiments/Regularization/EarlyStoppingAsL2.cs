namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// One budget τ of <see cref="EarlyStoppingAsL2"/>: per eigen-direction of H, the fraction s = w_i/w*_i of the optimum
/// that τ gradient steps reached, the fraction λ/(λ + α) that L2 with α = 1/(τε) keeps, and the α that would match
/// the gradient-descent weight exactly, α_i = λ_i(1 − s_i)/s_i.
/// </summary>
public sealed record EarlyStoppingAsL2Row(int Steps, double[] DescentFraction, double[] RidgeFraction, double[] MatchedAlpha)
{
    /// <summary>The largest |s_GD − s_L2| over the directions with τελ ≤ <paramref name="limit"/> (the book's regime).</summary>
    public double MaxGap(double[] eigenvalues, double learningRate, double limit) =>
        Enumerable.Range(0, eigenvalues.Length).Where(i => Steps * learningRate * eigenvalues[i] <= limit)
            .Max(i => Math.Abs(DescentFraction[i] - RidgeFraction[i]));
}

/// <summary>
/// GBC §7.8: on the quadratic J(w) = ½(w − w*)ᵀH(w − w*), τ steps of gradient descent with learning rate ε from w = 0
/// give, along an eigenvector of H with eigenvalue λ, w = [1 − (1 − ελ)^τ] w* (Eq. 7.40), while L2 regularisation with
/// strength α gives w = λ/(λ + α) w* (Eq. 7.41). Where ελ ≪ 1 and λ ≪ α the two agree when α ≈ 1/(τε) (Eq. 7.44–7.45):
/// the number of steps plays the role of the inverse weight decay. Here the descent is run with the library's
/// <see cref="Optim.SGD"/> on a diagonal H (its eigenvectors are the axes), and w* = 1, so each coordinate is its
/// fraction s of the optimum.
/// </summary>
public static class EarlyStoppingAsL2
{
    public const double LearningRate = 0.1;

    /// <summary>H's eigenvalues, log-spaced over four decades.</summary>
    public static double[] Eigenvalues(int count) =>
        [.. Enumerable.Range(0, count).Select(i => Math.Pow(10, -4 + 4.0 * i / (count - 1)))];

    public static IReadOnlyList<EarlyStoppingAsL2Row> Run(int[] budgets, int directions = 25)
    {
        var eigenvalues = Eigenvalues(directions);
        var curvature = Tensor.FromArray(eigenvalues);
        var optimum = Tensor.Ones([directions], DType.Float64);
        return budgets.Select(steps =>
        {
            if (steps < 1) throw new ArgumentOutOfRangeException(nameof(budgets), $"EarlyStoppingAsL2: every budget τ must be at least 1, got {steps}.");
            var w = Tensor.Zeros([directions], DType.Float64).RequireGrad();
            var optimizer = new Optim.SGD([w], lr: LearningRate);
            for (int step = 0; step < steps; step++)
            {
                var difference = w - optimum;
                var loss = 0.5 * (curvature * difference * difference).Sum();
                optimizer.ZeroGrad();
                loss.Backward();
                optimizer.Step();
            }
            var descent = w.Detach().ToArray<double>();
            double alpha = 1 / (steps * LearningRate);
            var ridge = eigenvalues.Select(l => l / (l + alpha)).ToArray();
            var matched = eigenvalues.Select((l, i) => l * (1 - descent[i]) / descent[i]).ToArray();
            return new EarlyStoppingAsL2Row(steps, descent, ridge, matched);
        }).ToList();
    }
}
