using Sharpgrad.NN;

namespace Sharpgrad.Generative;

/// <summary>
/// The k-sparse layer of Makhzani &amp; Frey (2013): in each row of [N, units] only the k largest activations pass, the
/// others become 0 (GBC §14.2.1 lists it among sparse autoencoders). The gradient flows through the kept units only,
/// as in the paper. Ties at the k-th value keep the units TopK returns first. Applied in training and evaluation alike.
/// </summary>
public sealed class KSparse : Module<Tensor, Tensor>
{
    public KSparse(int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), $"KSparse: k must be at least 1, got {k}.");
        K = k;
    }

    public int K { get; }

    protected override Tensor ForwardCore(Tensor input)
    {
        if (input.Rank != 2 || input.Size(1) < K)
            throw new ArgumentException($"KSparse: expected activations [N, units] with at least k = {K} units, got {input.ShapeText}.");
        var (_, kept) = input.TopK(K, dim: 1);
        var mask = Tensor.ZerosLike(input).Scatter(1, kept, 1.0);
        return input * mask;
    }

    protected override string ExtraRepr() => $"k={K}";
}
