namespace Sharpgrad.Classic;

/// <summary>
/// Expands features [N, D] into every monomial of total degree ≤ <see cref="Degree"/>, so that a linear model in
/// the new features is a polynomial model in the old ones (GBC §5.2, Fig. 5.2: capacity grows with the degree).
/// Columns follow scikit-learn's order: the bias 1 (if <see cref="IncludeBias"/>), then degree 1 (x₁ … x_D), then
/// degree 2 (x₁², x₁x₂, …, x_D²), and so on — each degree's monomials in lexicographic order of feature indices.
/// </summary>
public sealed class PolynomialFeatures : ITransformer
{
    private int? features;

    public PolynomialFeatures(int degree = 2, bool includeBias = true)
    {
        if (degree < 1) throw new ArgumentOutOfRangeException(nameof(degree), degree, $"PolynomialFeatures: degree must be at least 1, got {degree}.");
        Degree = degree;
        IncludeBias = includeBias;
    }

    public int Degree { get; }
    public bool IncludeBias { get; }

    public ITransformer Fit(Tensor x)
    {
        features = EstimatorInput.Features(x, "PolynomialFeatures.Fit").Size(1);
        return this;
    }

    /// <summary>The expanded features, float64 [N, number of monomials].</summary>
    public Tensor Transform(Tensor x)
    {
        const string op = "PolynomialFeatures.Transform";
        if (features is not { } d) throw new InvalidOperationException($"{op}: not fitted yet; call Fit first.");
        var x64 = EstimatorInput.Features(x, op, d);
        int n = x64.Size(0);
        var blocks = new List<Tensor>();
        if (IncludeBias) blocks.Add(Tensor.Ones([n, 1], DType.Float64));
        for (int degree = 1; degree <= Degree; degree++)
        {
            // All monomials of this degree at once: gather their factors into [N, monomials, degree] and multiply along the last dim.
            var combos = CombinationsWithReplacement(d, degree);
            var index = Tensor.FromArray(combos.SelectMany(c => c).Select(i => (long)i).ToArray());
            blocks.Add(x64.IndexSelect(1, index).Reshape(n, combos.Count, degree).Prod(2));
        }
        return Tensor.Cat(blocks, 1);
    }

    /// <summary>Non-decreasing index tuples (i₁ ≤ … ≤ i_k) over 0..d−1, in lexicographic order.</summary>
    private static List<int[]> CombinationsWithReplacement(int d, int k)
    {
        var result = new List<int[]>();
        void Extend(int[] prefix, int from)
        {
            if (prefix.Length == k) { result.Add(prefix); return; }
            for (int i = from; i < d; i++) Extend([.. prefix, i], i);
        }
        Extend([], 0);
        return result;
    }
}
