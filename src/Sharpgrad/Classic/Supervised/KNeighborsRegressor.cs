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
        if (K > x.Size(0)) throw new ArgumentException($"{Name}.Fit: k = {K} but X has only {x.Size(0)} samples.");
        train = x;
        targets = y;
    }

    protected override Tensor PredictMatrix(Tensor x)
    {
        var (indices, weights) = NearestNeighbors.Find(train!, x, K, Weights, $"{Name}.Predict");
        var y = targets!;
        var neighborTargets = y.IndexSelect(0, indices.Flatten()).Reshape(indices.Size(0), K, y.Size(1));
        var w = weights.Unsqueeze(2);
        return (neighborTargets * w).Sum(1) / w.Sum(1);
    }
}
