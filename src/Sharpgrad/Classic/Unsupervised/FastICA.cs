namespace Sharpgrad.Classic;

/// <summary>How <see cref="FastICA"/> extracts several components.</summary>
public enum IcaAlgorithm
{
    /// <summary>All components at once, re-orthogonalised symmetrically after each step: W ← (WWᵀ)^(−1/2) W.</summary>
    Parallel,

    /// <summary>One component at a time, each kept orthogonal to those found before by Gram–Schmidt.</summary>
    Deflation,
}

/// <summary>
/// Independent component analysis by FastICA (GBC §13.2; Hyvärinen &amp; Oja 2000): recovers sources s from mixtures
/// x = As by finding the directions along which the whitened data are least Gaussian. The contrast is logcosh,
/// G(u) = log cosh u, whose derivative g = tanh gives the fixed-point step w ← E[z g(wᵀz)] − E[g′(wᵀz)] w on whitened z.
/// As in scikit-learn, data are centred and whitened by PCA first; sources are recovered up to order, sign and scale.
/// </summary>
public sealed class FastICA : ITransformer
{
    private const string Op = "FastICA";
    private readonly int? nComponents;
    private readonly int maxIter, seed;
    private readonly double tol;
    private readonly IcaAlgorithm algorithm;
    private Tensor? mean, unmixing, mixing;

    /// <param name="nComponents">Sources to recover; null uses the number of features.</param>
    /// <param name="algorithm">Parallel (symmetric) or deflation.</param>
    /// <param name="maxIter">Fixed-point iterations (per component for deflation).</param>
    /// <param name="tol">Stop when every unmixing vector's direction changes by less than this (1 − |cos|).</param>
    /// <param name="seed">Seed of the random initial unmixing matrix.</param>
    public FastICA(int? nComponents = null, IcaAlgorithm algorithm = IcaAlgorithm.Parallel, int maxIter = 200, double tol = 1e-4, int seed = 0)
    {
        if (nComponents is { } l) FittedState.RequirePositive(l, nameof(nComponents), Op);
        FittedState.RequirePositive(maxIter, nameof(maxIter), Op);
        (this.nComponents, this.algorithm, this.maxIter, this.tol, this.seed) = (nComponents, algorithm, maxIter, tol, seed);
    }

    /// <summary>The unmixing matrix [l, D], applied to centred data: s = W(x − μ).</summary>
    public Tensor Components => FittedState.Require(unmixing, $"{Op}.Components");

    /// <summary>The estimated mixing matrix A [D, l], the pseudo-inverse of <see cref="Components"/>.</summary>
    public Tensor Mixing => FittedState.Require(mixing, $"{Op}.Mixing");

    /// <summary>μ [D].</summary>
    public Tensor Mean => FittedState.Require(mean, $"{Op}.Mean");

    /// <summary>Fixed-point iterations the fit took (the largest over components for deflation).</summary>
    public int Iterations { get; private set; }

    public ITransformer Fit(Tensor x)
    {
        var data = EstimatorInput.Features(x, Op);
        int d = data.Size(1), l = nComponents ?? d;
        FittedState.RequireAtMost(l, d, "the number of features", x, Op);
        using var _ = Autograd.NoGrad();
        mean = data.Mean(0);
        var centered = data - mean;
        // Whitening (GBC §13.2 assumes it): z = Kx with K = Λ^(−1/2)Eᵀ from the top-l covariance eigenpairs.
        var (values, vectors) = Linalg.EighDescending(centered.T.MatMul(centered) / centered.Size(0));
        var whitening = (vectors.Narrow(1, 0, l) / values.Narrow(0, 0, l).Clamp(1e-12, null).Sqrt()).T;   // [l, D]
        var whitened = centered.MatMul(whitening.T);                                                          // [N, l]
        var start = Tensor.Randn([l, l], DType.Float64, new Generator(seed));
        var w = algorithm == IcaAlgorithm.Parallel ? Parallel(whitened, start) : Deflation(whitened, start);
        unmixing = w.MatMul(whitening);
        mixing = Linalg.Pinv(unmixing);
        return this;
    }

    /// <summary>The estimated sources W(x − μ) [N, l].</summary>
    public Tensor Transform(Tensor x)
    {
        var data = EstimatorInput.Features(x, $"{Op}.Transform", Components.Size(1));
        using var _ = Autograd.NoGrad();
        return (data - Mean).MatMul(Components.T);
    }

    public Tensor FitTransform(Tensor x) => Fit(x).Transform(x);

    /// <summary>The one-unit fixed-point step for each row w of <paramref name="w"/>: E[z g(wᵀz)] − E[g′(wᵀz)] w, g = tanh.</summary>
    private static Tensor FixedPointStep(Tensor z, Tensor w)
    {
        var g = z.MatMul(w.T).Tanh();                         // [N, m]
        var gPrime = 1 - g.Square();
        return g.T.MatMul(z) / z.Size(0) - gPrime.Mean(0).Unsqueeze(1) * w;
    }

    /// <summary>W ← (WWᵀ)^(−1/2) W, the orthonormal matrix nearest W, so no two rows converge to the same source.</summary>
    private static Tensor SymmetricDecorrelation(Tensor w)
    {
        var (values, vectors) = Linalg.Eigh(w.MatMul(w.T));
        return (vectors / values.Clamp(1e-300, null).Sqrt()).MatMul(vectors.T).MatMul(w);
    }

    /// <summary>How far each row turned in one step, max over rows of |1 − |⟨w_new, w_old⟩||.</summary>
    private static double Change(Tensor updated, Tensor previous) =>
        ((updated * previous).Sum(1).Abs() - 1).Abs().Max().Item();

    private Tensor Parallel(Tensor z, Tensor start)
    {
        var w = SymmetricDecorrelation(start);
        for (Iterations = 1; Iterations <= maxIter; Iterations++)
        {
            var updated = SymmetricDecorrelation(FixedPointStep(z, w));
            double change = Change(updated, w);
            w = updated;
            if (change < tol) break;
        }
        return w;
    }

    private Tensor Deflation(Tensor z, Tensor start)
    {
        var found = new List<Tensor>();
        Iterations = 0;
        for (int p = 0; p < start.Size(0); p++)
        {
            var w = Unit(start.Narrow(0, p, 1));
            int iteration = 1;
            for (; iteration <= maxIter; iteration++)
            {
                var updated = FixedPointStep(z, w);
                if (found.Count > 0)
                {
                    var previous = Tensor.Cat(found, 0);                        // Gram–Schmidt against earlier components
                    updated = updated - updated.MatMul(previous.T).MatMul(previous);
                }
                updated = Unit(updated);
                double change = Change(updated, w);
                w = updated;
                if (change < tol) break;
            }
            Iterations = Math.Max(Iterations, Math.Min(iteration, maxIter));
            found.Add(w);
        }
        return Tensor.Cat(found, 0);
    }

    private static Tensor Unit(Tensor rows) => rows / rows.Norm(2, [1], keepdim: true);
}
