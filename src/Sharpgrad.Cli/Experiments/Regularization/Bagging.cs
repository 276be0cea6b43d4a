using Sharpgrad.Data;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// What <see cref="Bagging"/> measured: the members' mean squared error v and mean pairwise error product c (estimated
/// on one set of members), and for k = 1, 2, … the squared error of the average of k fresh members, measured and as
/// GBC Eq. 7.50 predicts it, v/k + (k − 1)c/k.
/// </summary>
public sealed record BaggingResult(double Variance, double Covariance, double[] Measured, double[] Predicted, int Members)
{
    /// <summary>The largest |measured/predicted − 1| over k.</summary>
    public double WorstRelativeGap => Measured.Zip(Predicted, (m, p) => Math.Abs(m / p - 1)).Max();
}

/// <summary>
/// Bagging (GBC §7.11): k models, each fitted to its own bootstrap resample of the training set (n draws with
/// replacement), are averaged. If model i makes error ε_i with E[ε_i²] = v and E[ε_iε_j] = c (i ≠ j), the average
/// makes expected squared error E[(Σε_i/k)²] = v/k + (k − 1)c/k (GBC Eq. 7.50): it falls from v toward c, all the way
/// to v/k only for uncorrelated errors. The members here are ridge regressions of the one-hot digit labels on the 64
/// pixels and a constant (closed form, so hundreds of members cost nothing, and the error, a Brier score
/// ‖Xw − onehot‖², is bounded); 100 training digits make the bootstrap resamples differ enough for v − c to be visible.
/// v and c are estimated on one set of members and the formula is checked on the average of another, independent set,
/// averaged over disjoint groups of k, on the held-out digits: the formula predicts, it is not fitted.
/// </summary>
public static class Bagging
{
    public const int TrainSize = 100;
    public const double Lambda = 1e-3;

    /// <param name="members">members in each of the two sets (estimation and measurement), ≥ 2 and ≥ <paramref name="maxK"/></param>
    /// <param name="maxK">the largest ensemble measured</param>
    public static BaggingResult Run(int members, int maxK, int seed = 0)
    {
        if (maxK < 1 || members < Math.Max(2, maxK))
            throw new ArgumentOutOfRangeException(nameof(members), $"Bagging: need members ≥ max(2, maxK) and maxK ≥ 1, got members {members}, maxK {maxK}.");
        var (train, test) = Datasets.Digits().Split(TrainSize / 1797.0, seed);
        var (x, y) = (WithBias(train.Inputs), Tensor.OneHot(train.Targets, 10, DType.Float64));
        var (testX, testY) = (WithBias(test.Inputs), Tensor.OneHot(test.Targets, 10, DType.Float64));
        var generator = new Generator(seed);
        Tensor Errors() => Tensor.Stack([.. Enumerable.Range(0, members).Select(_ => testX.MatMul(Fit(x, y, generator)) - testY)]);   // [K, T, 10]
        var (estimation, measurement) = (Errors(), Errors());

        double v = estimation.Square().Sum(2).Mean().Item();
        var squaredSum = estimation.Sum(0).Square().Sum(1);                     // ‖Σ_i ε_i‖² per test digit
        double c = ((squaredSum - estimation.Square().Sum(2).Sum(0)).Mean() / (members * (members - 1.0))).Item();
        var measured = new double[maxK];
        var predicted = new double[maxK];
        for (int k = 1; k <= maxK; k++)
        {
            int groups = members / k;
            measured[k - 1] = Enumerable.Range(0, groups)
                .Average(g => measurement.Narrow(0, g * k, k).Mean(0).Square().Sum(1).Mean().Item());
            predicted[k - 1] = v / k + (k - 1) * c / k;
        }
        return new BaggingResult(v, c, measured, predicted, members);
    }

    /// <summary>[N, 64] pixels → [N, 65] float64 with a trailing column of ones.</summary>
    private static Tensor WithBias(Tensor inputs) =>
        Tensor.Cat([inputs.Double(), Tensor.Ones([inputs.Size(0), 1], DType.Float64)], dim: 1);

    /// <summary>Ridge regression on a bootstrap resample: w = (AᵀA/n + λI)⁻¹AᵀY/n.</summary>
    private static Tensor Fit(Tensor x, Tensor y, Generator generator)
    {
        int n = x.Size(0);
        var rows = Tensor.RandInt(0, n, [n], generator);
        var (a, b) = (x.IndexSelect(0, rows), y.IndexSelect(0, rows));
        var identity = Tensor.Eye(x.Size(1), dtype: DType.Float64);
        return Linalg.Solve(a.T.MatMul(a) / n + Lambda * identity, a.T.MatMul(b) / n);
    }
}
