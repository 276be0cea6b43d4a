namespace Sharpgrad.Classic;

/// <summary>
/// A CART regression tree: splits chosen to reduce the squared error (the within-node variance of y, summed over
/// target columns); a leaf predicts the mean target of its training examples. See <see cref="CartTree"/>.
/// </summary>
public sealed class DecisionTreeRegressor : Regressor
{
    private CartTree? tree;
    private int targets;

    public DecisionTreeRegressor(int? maxDepth = null, int minSamplesLeaf = 1, int minSamplesSplit = 2)
    {
        TreeOptions.Validate(maxDepth, minSamplesLeaf, minSamplesSplit, "DecisionTreeRegressor");
        MaxDepth = maxDepth;
        MinSamplesLeaf = minSamplesLeaf;
        MinSamplesSplit = minSamplesSplit;
    }

    public int? MaxDepth { get; }
    public int MinSamplesLeaf { get; }
    public int MinSamplesSplit { get; }

    /// <summary>The number of leaves of the fitted tree.</summary>
    public int LeafCount => FittedState.Require(tree, $"{Name}.LeafCount").LeafCount;

    protected override void FitMatrix(Tensor x, Tensor y)
    {
        targets = y.Size(1);
        // statistics [y, y²]: the node variance is mean(y²) − mean(y)²
        tree = CartTree.Grow(x, Tensor.Cat([y, y.Square()], 1), Variance, MaxDepth, MinSamplesLeaf, MinSamplesSplit);
    }

    protected override Tensor PredictMatrix(Tensor x) => tree!.Predict(x).Narrow(1, 0, targets);

    private double Variance(double[] sums, int n)
    {
        double total = 0;
        for (int t = 0; t < targets; t++)
        {
            double mean = sums[t] / n;
            total += Math.Max(sums[targets + t] / n - mean * mean, 0);
        }
        return total;
    }
}
