namespace Sharpgrad.Classic;

/// <summary>
/// k-nearest-neighbour regression (GBC §5.7.3): the prediction is the (weighted) mean of the targets of the k
/// nearest training examples.
/// </summary>
public sealed class KNeighborsRegressor : Regressor
{
    private Tensor? train, targets;

    public KNeighborsRegressor(int k = 5, NeighborWeights weights = NeighborWeights.Uniform)
    {
        NearestNeighbors.RequirePositive(k);
        K = k;
        Weights = weights;
    }

    public int K { get; }
    public NeighborWeights Weights { get; }

    protected override void FitMatrix(Tensor x, Tensor y)
    {
        NearestNeighbors.RequireEnoughSamples(K, x.Size(0), Name);
        train = x;
        targets = y;
    }

    protected override Tensor PredictMatrix(Tensor x)
    {
        var (indices, weights) = NearestNeighbors.Find(FittedState.Require(train, Name), x, K, Weights);
        var y = FittedState.Require(targets, Name);
        var neighborTargets = y.IndexSelect(0, indices.Flatten()).Reshape(indices.Size(0), K, y.Size(1));
        var w = weights.Unsqueeze(2);
        return (neighborTargets * w).Sum(1) / w.Sum(1);
    }
}
