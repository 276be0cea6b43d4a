namespace Sharpgrad.Classic;

/// <summary>How a classification tree scores the impurity of a node with class frequencies p.</summary>
public enum SplitCriterion
{
    /// <summary>Gini impurity 1 − Σ p²: the chance that two random draws from the node disagree.</summary>
    Gini,

    /// <summary>Entropy −Σ p log₂ p (GBC §3.13): choosing the split with the most information gain.</summary>
    Entropy,
}

/// <summary>
/// A CART classification tree (GBC §5.7.3): axis-aligned splits chosen greedily to reduce Gini impurity or
/// entropy. PredictProba is the class frequencies of the leaf a row falls in. See <see cref="CartTree"/>.
/// </summary>
public sealed class DecisionTreeClassifier : Classifier
{
    private CartTree? tree;

    /// <param name="criterion">Node impurity: Gini (default, as scikit-learn) or entropy.</param>
    /// <param name="maxDepth">The deepest a leaf may be (null: grow until leaves are pure or too small).</param>
    /// <param name="minSamplesLeaf">The fewest training examples a leaf may hold.</param>
    /// <param name="minSamplesSplit">The fewest examples a node needs to be split.</param>
    public DecisionTreeClassifier(SplitCriterion criterion = SplitCriterion.Gini, int? maxDepth = null, int minSamplesLeaf = 1, int minSamplesSplit = 2)
    {
        TreeOptions.Validate(maxDepth, minSamplesLeaf, minSamplesSplit, "DecisionTreeClassifier");
        Criterion = criterion;
        MaxDepth = maxDepth;
        MinSamplesLeaf = minSamplesLeaf;
        MinSamplesSplit = minSamplesSplit;
    }

    public SplitCriterion Criterion { get; }
    public int? MaxDepth { get; }
    public int MinSamplesLeaf { get; }
    public int MinSamplesSplit { get; }

    /// <summary>The number of leaves of the fitted tree.</summary>
    public int LeafCount => Fitted(tree, $"{Name}.LeafCount").LeafCount;

    /// <summary>The depth of the fitted tree.</summary>
    public int Depth => Fitted(tree, $"{Name}.Depth").Depth;

    protected override void FitIndices(Tensor x, Tensor y, int classCount)
    {
        Func<double[], int, double> impurity = Criterion == SplitCriterion.Gini ? Gini : Entropy;
        tree = CartTree.Grow(x, Tensor.OneHot(y, classCount, DType.Float64), impurity, MaxDepth, MinSamplesLeaf, MinSamplesSplit);
    }

    protected override Tensor ProbabilitiesOf(Tensor x) => Fitted(tree, Name).Predict(x);

    private static double Gini(double[] counts, int n) => 1 - counts.Sum(c => (c / n) * (c / n));

    private static double Entropy(double[] counts, int n) => -counts.Where(c => c > 0).Sum(c => c / n * Math.Log2(c / n));
}

/// <summary>The checks shared by the two tree estimators.</summary>
internal static class TreeOptions
{
    public static void Validate(int? maxDepth, int minSamplesLeaf, int minSamplesSplit, string op)
    {
        if (maxDepth is < 0) throw new ArgumentOutOfRangeException(nameof(maxDepth), maxDepth, $"{op}: maxDepth must be non-negative.");
        if (minSamplesLeaf < 1) throw new ArgumentOutOfRangeException(nameof(minSamplesLeaf), minSamplesLeaf, $"{op}: minSamplesLeaf must be at least 1.");
        if (minSamplesSplit < 2) throw new ArgumentOutOfRangeException(nameof(minSamplesSplit), minSamplesSplit, $"{op}: minSamplesSplit must be at least 2.");
    }
}
