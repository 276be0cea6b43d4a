using Sharpgrad.Optim;
using Sharpgrad.Probability;

namespace Sharpgrad.Cli.Experiments;

/// <summary>A Gaussian q = N(μ, σ²) fitted by one of the two divergences, from a start μ₀ (σ₀ = 1), with both divergences at the fit.</summary>
public sealed record GaussianFit(double StartMean, double Mean, double Sigma, double ForwardKl, double ReverseKl);

/// <summary><see cref="KlAsymmetry"/>'s numbers: the grid, log p on it, and the fits.</summary>
public sealed record KlAsymmetryResult(double[] Grid, double[] Density, GaussianFit Forward, IReadOnlyList<GaussianFit> Reverse);

/// <summary>
/// The asymmetry of the KL divergence (GBC §3.13, Fig. 3.6): fit a single Gaussian q = N(μ, σ²) to the bimodal mixture
/// p = ½N(−2, 0.5²) + ½N(2, 0.5²).
/// <list type="bullet">
/// <item>Forward, min KL(p‖q) = −H(p) − E_p[log q]: q must put mass wherever p has it, so it spreads over both modes.
/// For a Gaussian q the minimiser matches p's moments (an exponential family's maximum-likelihood fit):
/// μ = E_p[x] = 0, σ² = Var_p[x] = 0.5² + 2² = 4.25, which the tests compare against.</item>
/// <item>Reverse, min KL(q‖p) = E_q[log q − log p]: q pays wherever it puts mass that p lacks, so it sits on one mode
/// (μ ≈ ±2, σ ≈ 0.5) and ignores the other. There, q ≈ one component, p ≈ q/2, and KL(q‖p) ≈ ln 2.
/// Which mode depends on the start; the two are equally good local minima. Reverse KL has a third, worse local
/// minimum: a wide q centred between the modes (μ = 0, σ ≈ 1.7, found by hand from log p ≈ c − 2(|x| − 2)²), into
/// which starts near μ = 0 fall; the starts are therefore drawn nearer the modes, as in the figure.</item>
/// </list>
/// Both divergences are integrals over x, taken here as Riemann sums on a fine grid (the integrands are smooth and
/// vanish well inside [−10, 10], so the sum is accurate far beyond the tests' tolerances); μ and log σ are fitted by
/// <see cref="LBFGS"/> with the strong-Wolfe line search, gradients by autograd, log p by <see cref="MixtureSameFamily"/>.
/// </summary>
public static class KlAsymmetry
{
    public const double ModeDistance = 2, ModeSigma = 0.5, GridHalfWidth = 10, GridStep = 0.01;

    /// <summary>The moment-matched σ of the forward fit, √(0.5² + 2²).</summary>
    public static readonly double ForwardSigma = Math.Sqrt(ModeSigma * ModeSigma + ModeDistance * ModeDistance);

    /// <summary>
    /// Fits q by forward KL from μ₀ = 0.5 and by reverse KL from <paramref name="reverseStarts"/> starts μ₀ = ±U(1, 3)
    /// drawn from <paramref name="seed"/>.
    /// </summary>
    public static KlAsymmetryResult Run(int reverseStarts, int seed)
    {
        int points = (int)Math.Round(2 * GridHalfWidth / GridStep) + 1;
        var grid = Tensor.Linspace(-GridHalfWidth, GridHalfWidth, points, DType.Float64);
        var mixture = new MixtureSameFamily(
            new Categorical(probs: Tensor.From([0.5, 0.5])),
            new Normal(Tensor.From([-ModeDistance, ModeDistance]), Tensor.From([ModeSigma, ModeSigma])));
        var logP = mixture.LogProb(grid);
        var generator = new Generator(seed);
        var starts = Enumerable.Range(0, reverseStarts)
            .Select(_ => (generator.NextDouble() < 0.5 ? -1 : 1) * (1 + 2 * generator.NextDouble())).ToArray();
        return new KlAsymmetryResult(grid.ToArray<double>(), logP.Exp().ToArray<double>(),
            Fit(grid, logP, 0.5, forward: true),
            starts.Select(start => Fit(grid, logP, start, forward: false)).ToList());
    }

    /// <summary>KL(p‖q) for the forward direction, KL(q‖p) for the reverse, as a Riemann sum over the grid.</summary>
    private static Tensor Divergence(Tensor logP, Tensor logQ, bool forward) =>
        forward ? (logP.Exp() * (logP - logQ)).Sum() * GridStep : (logQ.Exp() * (logQ - logP)).Sum() * GridStep;

    private static Tensor LogQ(Tensor grid, Tensor mean, Tensor logSigma) => new Normal(mean, logSigma.Exp()).LogProb(grid);

    private static GaussianFit Fit(Tensor grid, Tensor logP, double startMean, bool forward)
    {
        var mean = Tensor.Scalar(startMean, DType.Float64);
        var logSigma = Tensor.Scalar(0, DType.Float64);
        mean.RequiresGrad = logSigma.RequiresGrad = true;
        var optimizer = new LBFGS([mean, logSigma], maxIter: 200, toleranceGrad: 1e-10, toleranceChange: 1e-14, lineSearch: LineSearch.StrongWolfe);
        optimizer.Step(() =>
        {
            optimizer.ZeroGrad();
            var loss = Divergence(logP, LogQ(grid, mean, logSigma), forward);
            loss.Backward();
            return loss;
        });
        using var noGrad = Autograd.NoGrad();
        var logQ = LogQ(grid, mean, logSigma);
        return new GaussianFit(startMean, mean.Item(), Math.Exp(logSigma.Item()),
            Divergence(logP, logQ, forward: true).Item(), Divergence(logP, logQ, forward: false).Item());
    }
}
