namespace Sharpgrad.Classic;

/// <summary>
/// k-nearest-neighbour classification (GBC §5.7.3): a query gets the class with the largest (weighted) vote among
/// its k nearest training examples in Euclidean distance; PredictProba is the normalised vote. Fit only stores the
/// data, so features on different scales should be standardised first (<see cref="StandardScaler"/>).
/// </summary>
public sealed class KNeighborsClassifier : Classifier
{
    private Tensor? train, labels;

    public KNeighborsClassifier(int k = 5, NeighborWeights weights = NeighborWeights.Uniform)
    {
        NearestNeighbors.RequirePositive(k);
        K = k;
        Weights = weights;
    }

    public int K { get; }
    public NeighborWeights Weights { get; }

    protected override void FitIndices(Tensor x, Tensor y, int classCount)
    {
        NearestNeighbors.RequireEnoughSamples(K, x.Size(0), Name);
        train = x;
        labels = y;
    }

    protected override Tensor ProbabilitiesOf(Tensor x)
    {
        var (indices, weights) = NearestNeighbors.Find(Fitted(train, Name), x, K, Weights);
        // votes[m, c] = Σ over neighbours of weight · [label = c]
        var neighborLabels = Fitted(labels, Name).IndexSelect(0, indices.Flatten()).Reshape(indices.Shape);
        var votes = (Tensor.OneHot(neighborLabels, ClassCount, DType.Float64) * weights.Unsqueeze(2)).Sum(1);
        return votes / votes.Sum(1, keepdim: true);
    }
}
