namespace Sharpgrad.Classic;

/// <summary>
/// Dictionary learning for sparse coding (GBC §13.4): alternately find the sparse codes H of the data under the
/// current dictionary (by ISTA, <see cref="SparseCoding.Encode"/>) and the dictionary D that best reconstructs the data
/// from those codes, min ½‖X − HD‖² with every atom's norm at most 1 (without that bound the L1 penalty could be
/// dodged by shrinking H and growing D). The dictionary step is the least-squares solution projected onto the bound.
/// Atoms start as randomly chosen (seeded) data rows scaled to unit norm.
/// </summary>
public sealed class DictionaryLearning : ITransformer
{
    private const string Op = "DictionaryLearning";
    private readonly int nComponents, maxIter, codingIterations, seed;
    private readonly double alpha;
    private Tensor? dictionary;

    /// <param name="nComponents">k, the number of atoms.</param>
    /// <param name="alpha">The L1 weight: larger gives sparser codes.</param>
    /// <param name="maxIter">Alternations between coding and dictionary update.</param>
    /// <param name="codingIterations">ISTA steps per coding stage.</param>
    /// <param name="seed">Seed of the choice of initial atoms.</param>
    public DictionaryLearning(int nComponents, double alpha = 1.0, int maxIter = 30, int codingIterations = 100, int seed = 0)
    {
        FittedState.RequirePositive(nComponents, nameof(nComponents), Op);
        FittedState.RequirePositive(maxIter, nameof(maxIter), Op);
        if (alpha < 0) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"{Op}: alpha must be non-negative.");
        (this.nComponents, this.alpha, this.maxIter, this.codingIterations, this.seed) = (nComponents, alpha, maxIter, codingIterations, seed);
    }

    /// <summary>The atoms, one per row [k, D], each of norm at most 1.</summary>
    public Tensor Components => FittedState.Require(dictionary, $"{Op}.Components");

    /// <summary>½‖X − HD‖² + α‖H‖₁ after each alternation.</summary>
    public IReadOnlyList<double> ObjectiveHistory { get; private set; } = [];

    public ITransformer Fit(Tensor x)
    {
        var data = EstimatorInput.Features(x, Op);
        FittedState.RequireAtMost(nComponents, data.Size(0), "the number of samples", x, Op);
        using var _ = Autograd.NoGrad();
        var rows = new Generator(seed).Permutation(data.Size(0))[..nComponents];
        var atoms = ProjectToUnitBall(data.IndexSelect(0, Tensor.FromArray(rows.Select(i => (long)i).ToArray())));
        Tensor? codes = null;
        var history = new List<double>();
        for (int iteration = 0; iteration < maxIter; iteration++)
        {
            codes = SparseCoding.Encode(data, atoms, alpha, codingIterations, initialCodes: codes).Codes;
            // Least squares for D given H; the tiny ridge keeps HᵀH invertible when an atom is unused.
            var gram = codes.T.MatMul(codes) + 1e-10 * Tensor.Eye(nComponents, dtype: DType.Float64);
            atoms = ProjectToUnitBall(Linalg.Solve(gram, codes.T.MatMul(data)));
            history.Add(SparseCoding.Objective(data, atoms, codes, alpha));
        }
        (dictionary, ObjectiveHistory) = (atoms, history);
        return this;
    }

    /// <summary>The sparse codes of <paramref name="x"/> under the learned dictionary [N, k].</summary>
    public Tensor Transform(Tensor x) =>
        SparseCoding.Encode(EstimatorInput.Features(x, $"{Op}.Transform", Components.Size(1)), Components, alpha, codingIterations * 5).Codes;

    public Tensor FitTransform(Tensor x) => Fit(x).Transform(x);

    private static Tensor ProjectToUnitBall(Tensor atoms) => atoms / atoms.Norm(2, [1], keepdim: true).Clamp(1, null);
}
