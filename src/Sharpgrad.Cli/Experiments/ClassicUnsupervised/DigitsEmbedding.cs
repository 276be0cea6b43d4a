using Sharpgrad.Classic;
using Sharpgrad.Data;

namespace Sharpgrad.Cli.Experiments;

/// <summary>A 2-D embedding of digits, their labels, and how well the classes separate in it.</summary>
public sealed record DigitsEmbeddingResult(Tensor Embedding, Tensor Labels, double NearestNeighbourAccuracy, string Detail);

/// <summary>
/// The digits (UCI 8×8, 1797 images) mapped to 2-D, coloured by class: by PCA (GBC §2.12; the codes are
/// uncorrelated but the classes overlap) and by t-SNE (the classes form separate clusters). Separation is measured
/// by leave-one-out 1-nearest-neighbour accuracy in the embedding.
/// </summary>
public static class DigitsEmbedding
{
    /// <summary>PCA to 2-D of all 1797 digits.</summary>
    public static DigitsEmbeddingResult Pca()
    {
        var digits = Datasets.Digits();
        var pca = new PCA(2);
        var codes = pca.FitTransform(digits.Inputs);
        var ratio = pca.ExplainedVarianceRatio.ToArray<double>();
        return Summarise(codes, digits.Targets, $"explained variance ratio {ratio[0]:0.000} + {ratio[1]:0.000}");
    }

    /// <summary>t-SNE (perplexity 30) of a seeded subset of <paramref name="count"/> digits.</summary>
    public static DigitsEmbeddingResult Tsne(int count = 1000, int maxIter = 1000, int seed = 0)
    {
        var digits = Datasets.Digits();
        var subset = Tensor.RandPerm(digits.Count, new Generator(seed)).Narrow(0, 0, Math.Min(count, digits.Count));
        var tsne = new TSNE(perplexity: 30, maxIter: maxIter, seed: seed);
        var embedding = tsne.FitTransform(digits.Inputs.IndexSelect(0, subset));
        return Summarise(embedding, digits.Targets.IndexSelect(0, subset), $"KL(P‖Q) = {tsne.KlDivergence:0.000}");
    }

    /// <summary>Leave-one-out 1-NN accuracy: the fraction of points whose nearest other point has the same label.</summary>
    public static double NearestNeighbourAccuracy(Tensor embedding, Tensor labels)
    {
        int n = embedding.Size(0);
        var distances = PairwiseDistances.SquaredEuclidean(embedding, embedding) + Tensor.Eye(n, dtype: DType.Float64) * double.MaxValue;
        return labels.IndexSelect(0, distances.ArgMin(1)).Eq(labels).Double().Mean().Item();
    }

    private static DigitsEmbeddingResult Summarise(Tensor embedding, Tensor labels, string detail) =>
        new(embedding, labels, NearestNeighbourAccuracy(embedding.Double(), labels), detail);
}
