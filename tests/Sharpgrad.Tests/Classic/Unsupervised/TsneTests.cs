using Sharpgrad.Classic;
using Sharpgrad.Data;

namespace Sharpgrad.Tests.Classic.Unsupervised;

/// <summary>
/// Exact t-SNE. The acceptance: the digits' 2-D embedding separates the classes, measured by leave-one-out
/// 1-NN accuracy in the embedding ≥ 0.9. We use 500 digits (a seeded subset) and 500 iterations to keep it fast.
/// </summary>
public class TsneTests
{
    [Fact]
    public void DigitsEmbeddingHasNearestNeighbourAccuracyAboveNinetyPercent()
    {
        var digits = Datasets.Digits();
        var subset = Tensor.FromArray(new Generator(0).Permutation(digits.Count)[..500].Select(i => (long)i).ToArray());
        var x = digits.Inputs.IndexSelect(0, subset);
        var labels = digits.Targets.IndexSelect(0, subset);

        var tsne = new TSNE(perplexity: 30, maxIter: 500, seed: 0);
        var embedding = tsne.FitTransform(x);

        Assert.Equal([500, 2], embedding.Shape);
        var distances = PairwiseDistances.SquaredEuclidean(embedding, embedding) + Tensor.Eye(500, dtype: DType.Float64) * 1e300;
        var neighbour = distances.ArgMin(1);
        double accuracy = labels.IndexSelect(0, neighbour).Eq(labels).Double().Mean().Item();
        Assert.True(accuracy >= 0.9, $"1-NN accuracy in the embedding {accuracy}");
        Assert.True(tsne.KlDivergence is > 0 and < 3, $"KL {tsne.KlDivergence}");
    }

    [Fact]
    public void BinarySearchHitsThePerplexityForEveryPoint()
    {
        var x = Tensor.Randn([60, 5], DType.Float64, new Generator(1));
        var p = TSNE.ConditionalProbabilities(PairwiseDistances.SquaredEuclidean(x, x), perplexity: 10);
        Assert.True(p.Sum(1).AllClose(Tensor.Ones([60], DType.Float64), 0, 1e-12));
        Assert.True(Linalg.Diagonal(p).Abs().Max().Item() == 0);
        // H(p(·|i)) = −Σⱼ p log p must equal log(perplexity) (natural log, as in the reference implementation).
        var entropy = -(p * p.Clamp(1e-300, null).Log()).Sum(1);
        Assert.True((entropy - Math.Log(10)).Abs().Max().Item() < 1e-4, $"entropies {entropy}");
        var joint = TSNE.JointProbabilities(PairwiseDistances.SquaredEuclidean(x, x), 10);
        Assert.True(joint.AllClose(joint.T, 0, 0));
        Assert.Equal(1.0, joint.Sum().Item(), 6);
    }

    [Fact]
    public void TransformOfNewPointsIsRefusedWithAReason()
    {
        var error = Assert.Throws<NotSupportedException>(() => new TSNE().Transform(Tensor.Zeros([3, 2])));
        Assert.Contains("FitTransform", error.Message);
        Assert.Throws<ArgumentException>(() => new TSNE(perplexity: 30).Fit(Tensor.Zeros([10, 2], DType.Float64)));
    }
}
