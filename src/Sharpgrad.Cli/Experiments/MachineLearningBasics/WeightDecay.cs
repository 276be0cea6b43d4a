namespace Sharpgrad.Cli.Experiments;

/// <summary>One regularisation strength and its fit.</summary>
public sealed record WeightDecayRow(string Label, double Lambda, Tensor Coefficients, double TrainMse, double TestMse);

/// <summary>
/// Weight decay (GBC §5.2.2, Fig. 5.5): a degree-9 polynomial fitted to the 12 points of <see cref="PolynomialFit"/>
/// by minimising J(w) = MSE_train + λ wᵀw, whose minimiser is w = (ΦᵀΦ/N + λP)⁻¹Φᵀy/N (solved with Linalg.Solve).
/// P is the identity except for the intercept, which is not penalised (GBC §7.1: only weights are decayed), so a
/// huge λ tends to the constant mean of y, a nearly flat fit; λ → 0 gives back the overfitting least-squares fit.
/// </summary>
public static class WeightDecay
{
    public const int Degree = 9;

    /// <summary>The strengths shown: excessive, medium, and λ → 0.</summary>
    public static readonly (string Label, double Lambda)[] Strengths = [("excessive λ", 100), ("medium λ", 1e-3), ("λ → 0", 1e-12)];

    public static IReadOnlyList<WeightDecayRow> Run(int seed = 0)
    {
        var data = PolynomialFit.Run(seed);
        return Strengths.Select(s =>
        {
            var w = Fit(data.TrainX, data.TrainY, s.Lambda);
            return new WeightDecayRow(s.Label, s.Lambda, w, SineData.Mse(w, data.TrainX, data.TrainY), SineData.Mse(w, data.TestX, data.TestY));
        }).ToList();
    }

    /// <summary>The ridge solution for one λ.</summary>
    public static Tensor Fit(Tensor x, Tensor y, double lambda)
    {
        var design = SineData.Design(x, Degree);
        int n = x.Size(0);
        var penalty = Linalg.DiagEmbed(Tensor.Arange(0, Degree + 1, dtype: DType.Float64).Gt(0).Double());   // diag(0, 1, ..., 1)
        return Linalg.Solve(design.T.MatMul(design) / n + lambda * penalty, design.T.MatMul(y) / n);
    }

}
