namespace Sharpgrad.Classic;

/// <summary>
/// Exact t-distributed stochastic neighbour embedding (van der Maaten &amp; Hinton 2008; GBC §5.8, NYU): places N points
/// in a low-dimensional space so that a Student-t similarity Q between the embedded points matches a Gaussian
/// similarity P between the originals, by gradient descent on KL(P‖Q).
/// <list type="bullet">
/// <item>P: for each point a Gaussian bandwidth σᵢ is found by binary search so that the conditional distribution
/// p(j|i) has the requested perplexity 2^H (all rows searched at once); then pᵢⱼ = (p(j|i) + p(i|j)) / 2N.</item>
/// <item>Q: qᵢⱼ ∝ (1 + ‖yᵢ − yⱼ‖²)⁻¹, the heavy tail that lets dissimilar points sit far apart.</item>
/// <item>Gradient: ∂KL/∂yᵢ = 4 Σⱼ (pᵢⱼ − qᵢⱼ)(yᵢ − yⱼ)(1 + ‖yᵢ − yⱼ‖²)⁻¹.</item>
/// <item>Optimiser, as in van der Maaten's reference implementation and scikit-learn: P multiplied by the early
/// exaggeration (12) and momentum 0.5 for the first 250 iterations, then momentum 0.8; per-coordinate gains that grow
/// by 0.2 while the gradient keeps its sign and shrink ×0.8 when it flips (floor 0.01); the embedding re-centred
/// every step; a seeded N(0, 10⁻⁴) start.</item>
/// </list>
/// With <see cref="TsneMethod.Exact"/> (the default) the N×N matrices are tensor expressions, O(N²) memory and time per
/// iteration: fine for a few thousand points. <see cref="TsneMethod.BarnesHut"/> (van der Maaten 2014, scikit-learn's
/// default) keeps P over the ⌊3·perplexity⌋ + 1 nearest neighbours and approximates the repulsion with a quadtree
/// (<see cref="SpaceTree"/>), O(N log N) per iteration; both share the optimiser below.
/// t-SNE has no mapping for new points: use <see cref="FitTransform"/>; <see cref="Transform"/> throws.
/// </summary>
public sealed class TSNE : ITransformer
{
    private const string Op = "TSNE";
    private const int ExplorationIterations = 250;
    private const double InitialMomentum = 0.5, FinalMomentum = 0.8, MinGain = 0.01;
    private readonly int nComponents, maxIter, seed;
    private readonly double perplexity, learningRate, earlyExaggeration, angle;
    private readonly TsneMethod method;
    private Tensor? embedding;

    /// <param name="nComponents">Dimension of the embedding, usually 2.</param>
    /// <param name="perplexity">The effective number of neighbours each point's Gaussian covers (5–50 is typical).</param>
    /// <param name="learningRate">Gradient step size (scikit-learn's former default, 200).</param>
    /// <param name="maxIter">Total gradient iterations, including the 250 exaggerated ones.</param>
    /// <param name="earlyExaggeration">Factor on P during the first 250 iterations, which forms tight, well-separated clusters early.</param>
    /// <param name="seed">Seed of the random start.</param>
    /// <param name="method">Exact gradients, or the Barnes–Hut approximation (2-D or 3-D embeddings only).</param>
    /// <param name="angle">Barnes–Hut's θ: a cell of width w at distance r from a point stands for its points when
    /// w / r &lt; θ (scikit-learn's default 0.5); 0 makes Barnes–Hut exact on its sparse P.</param>
    public TSNE(int nComponents = 2, double perplexity = 30, double learningRate = 200, int maxIter = 1000, double earlyExaggeration = 12, int seed = 0,
        TsneMethod method = TsneMethod.Exact, double angle = 0.5)
    {
        if (method == TsneMethod.BarnesHut && nComponents > 3)
            throw new ArgumentOutOfRangeException(nameof(nComponents), nComponents, $"{Op}: Barnes–Hut needs nComponents ≤ 3 (its tree has 2^nComponents children per cell); use TsneMethod.Exact.");
        if (!(angle >= 0)) throw new ArgumentOutOfRangeException(nameof(angle), angle, $"{Op}: angle must be non-negative.");
        (this.method, this.angle) = (method, angle);
        FittedState.RequirePositive(nComponents, nameof(nComponents), Op);
        FittedState.RequirePositive(maxIter, nameof(maxIter), Op);
        if (perplexity <= 1) throw new ArgumentOutOfRangeException(nameof(perplexity), perplexity, $"{Op}: perplexity must exceed 1.");
        if (learningRate <= 0) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, $"{Op}: learningRate must be positive.");
        (this.nComponents, this.perplexity, this.learningRate, this.maxIter, this.earlyExaggeration, this.seed) =
            (nComponents, perplexity, learningRate, maxIter, earlyExaggeration, seed);
    }

    /// <summary>The embedding of the fitted points [N, nComponents].</summary>
    public Tensor Embedding => FittedState.Require(embedding, $"{Op}.Embedding");

    /// <summary>KL(P‖Q) at the end of the fit (without exaggeration).</summary>
    public double KlDivergence { get; private set; } = double.NaN;

    public ITransformer Fit(Tensor x)
    {
        var data = EstimatorInput.Features(x, Op);
        int n = data.Size(0);
        if (n - 1 < perplexity)
            throw new ArgumentException($"{Op}: perplexity {perplexity} needs more than that many other points; X has shape {ShapeUtil.Format(x.Shape)}.");
        using var _ = Autograd.NoGrad();
        if (method == TsneMethod.Exact)
        {
            var p = JointProbabilities(PairwiseDistances.SquaredEuclidean(data, data), perplexity);
            embedding = Descend(n, exaggeration => Gradient(exaggeration == 1 ? p : p * exaggeration, y: embedding!));
            KlDivergence = KlDivergenceOf(p, embedding);
        }
        else
        {
            var p = SparseAffinities.Of(data, perplexity);
            embedding = Descend(n, exaggeration =>
                Tensor.FromArray(BarnesHutGradient.Compute(p, embedding!.ToDoubleArray(), nComponents, angle, exaggeration), n, nComponents));
            KlDivergence = BarnesHutGradient.KlDivergence(p, embedding.ToDoubleArray(), nComponents, angle);
        }
        return this;
    }

    /// <summary>
    /// The optimiser shared by both methods; <paramref name="gradient"/> reads the current <see cref="embedding"/> and
    /// takes the factor on P (the early exaggeration, then 1).
    /// </summary>
    private Tensor Descend(int n, Func<double, Tensor> gradient)
    {
        embedding = Tensor.Randn([n, nComponents], DType.Float64, new Generator(seed)) * 1e-2;   // N(0, 10⁻⁴)
        var velocity = Tensor.ZerosLike(embedding);
        var gains = Tensor.OnesLike(embedding);
        for (int iteration = 0; iteration < maxIter; iteration++)
        {
            bool exploring = iteration < ExplorationIterations;
            var g = gradient(exploring ? earlyExaggeration : 1);
            // Gains (Jacobs 1988, as in the reference code): grow where the step keeps its direction, shrink where it flips.
            var sameDirection = g.Gt(0).Eq(velocity.Gt(0));
            gains = Tensor.Where(sameDirection, gains * 0.8, gains + 0.2).Clamp(MinGain, null);
            velocity = (exploring ? InitialMomentum : FinalMomentum) * velocity - learningRate * gains * g;
            embedding = embedding + velocity;
            embedding = embedding - embedding.Mean(0, keepdim: true);
        }
        return embedding;
    }

    /// <summary>Not available: t-SNE learns positions for the points it was fitted on, not a function of x.</summary>
    public Tensor Transform(Tensor x) =>
        throw new NotSupportedException($"{Op}.Transform: t-SNE has no mapping for new points (got shape {ShapeUtil.Format(x.Shape)}); use FitTransform on all the points.");

    /// <summary>Fits and returns <see cref="Embedding"/> [N, nComponents].</summary>
    public Tensor FitTransform(Tensor x)
    {
        Fit(x);
        return Embedding;
    }

    /// <summary>
    /// The symmetric joint probabilities pᵢⱼ [N, N] from squared distances, with σᵢ chosen per row so that
    /// H(p(·|i)) = log(perplexity) (natural log, as in the reference code).
    /// </summary>
    public static Tensor JointProbabilities(Tensor squaredDistances, double perplexity)
    {
        int n = squaredDistances.Size(0);
        var conditional = ConditionalProbabilities(squaredDistances, perplexity);
        return ((conditional + conditional.T) / (2.0 * n)).Clamp(1e-12, null);
    }

    /// <summary>
    /// p(j|i) ∝ exp(−βᵢ‖xᵢ − xⱼ‖²) with p(i|i) = 0, each precision βᵢ = 1/2σᵢ² found by the reference implementation's
    /// search: double (or halve) β until the entropy is bracketed, then bisect, 50 steps at most, tolerance 1e-5 —
    /// done for all rows at once with masks.
    /// </summary>
    public static Tensor ConditionalProbabilities(Tensor squaredDistances, double perplexity)
    {
        int n = squaredDistances.Size(0);
        return SearchBandwidths(squaredDistances + Tensor.Eye(n, dtype: DType.Float64) * double.MaxValue,
            1 - Tensor.Eye(n, dtype: DType.Float64), perplexity);
    }

    /// <summary>
    /// The bandwidth search on squared distances [N, M] from each point to M candidates (all points, the point itself
    /// excluded by <paramref name="candidates"/> = 0 there and a huge distance; or its M nearest neighbours and no mask):
    /// row i of the result is p(·|i) over those candidates.
    /// </summary>
    internal static Tensor SearchBandwidths(Tensor squaredDistances, Tensor? candidates, double perplexity)
    {
        int n = squaredDistances.Size(0);
        // Distances measured from each row's nearest neighbour leave the probabilities unchanged and keep exp from underflowing.
        var nearest = squaredDistances.Min(1, keepdim: true).Values;
        var d = (squaredDistances - nearest).Clamp(0, null);
        if (candidates is not null) d = d * candidates;
        double target = Math.Log(perplexity);
        var beta = Tensor.Ones([n, 1], DType.Float64);
        var low = Tensor.Full([n, 1], double.NegativeInfinity, DType.Float64);
        var high = Tensor.Full([n, 1], double.PositiveInfinity, DType.Float64);
        Tensor probabilities = d;
        for (int step = 0; step < 50; step++)
        {
            var weights = (-d * beta).Exp();
            if (candidates is not null) weights = weights * candidates;
            var total = weights.Sum(1, keepdim: true);
            probabilities = weights / total;
            var entropy = total.Log() + beta * (d * probabilities).Sum(1, keepdim: true);
            var excess = entropy - target;
            if (excess.Abs().Max().Item() < 1e-5) break;
            var tooFlat = excess.Gt(0);                   // entropy too high: sharpen (raise β)
            low = Tensor.Where(tooFlat, beta, low);
            high = Tensor.Where(tooFlat, high, beta);
            var raised = Tensor.Where(high.Eq(double.PositiveInfinity), beta * 2, (beta + high) / 2);
            var lowered = Tensor.Where(low.Eq(double.NegativeInfinity), beta / 2, (beta + low) / 2);
            beta = Tensor.Where(tooFlat, raised, lowered);
        }
        return probabilities;
    }

    /// <summary>The Student-t kernel (1 + ‖yᵢ − yⱼ‖²)⁻¹ with a zero diagonal, and Q, the kernel normalised to sum to 1.</summary>
    private static (Tensor Kernel, Tensor Q) StudentT(Tensor y)
    {
        var kernel = (1 + PairwiseDistances.SquaredEuclidean(y, y)).Reciprocal() * (1 - Tensor.Eye(y.Size(0), dtype: DType.Float64));
        return (kernel, (kernel / kernel.Sum()).Clamp(1e-12, null));
    }

    /// <summary>∂KL(P‖Q)/∂Y [N, c] for the embedding <paramref name="y"/>.</summary>
    private static Tensor Gradient(Tensor p, Tensor y)
    {
        var (kernel, q) = StudentT(y);
        var stiffness = (p - q) * kernel;                                      // (pᵢⱼ − qᵢⱼ)(1 + ‖yᵢ − yⱼ‖²)⁻¹
        // Σⱼ sᵢⱼ(yᵢ − yⱼ) = (Σⱼ sᵢⱼ) yᵢ − (SY)ᵢ
        return 4 * (stiffness.Sum(1, keepdim: true) * y - stiffness.MatMul(y));
    }

    /// <summary>KL(P‖Q) = Σ pᵢⱼ log(pᵢⱼ/qᵢⱼ), the cost t-SNE minimises.</summary>
    public static double KlDivergenceOf(Tensor p, Tensor y) => (p * (p / StudentT(y).Q).Log()).Sum().Item();
}
