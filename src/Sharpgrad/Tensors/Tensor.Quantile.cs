namespace Sharpgrad;

// Quantiles as torch.quantile computes them: sort the slice, place the q-quantile at rank q·(n−1), and read it off
// the sorted values by the chosen interpolation. The values are read through Gather and Lerp, so the gradient
// flows to the (at most two) elements that the quantile interpolates between.
public sealed partial class Tensor
{
    private static readonly string[] Interpolations = ["linear", "lower", "higher", "midpoint", "nearest"];

    /// <summary>The <paramref name="q"/>-quantile along <paramref name="dim"/>, or of all elements when it is null.</summary>
    public Tensor Quantile(double q, int? dim = null, bool keepdim = false, string interpolation = "linear")
        => Quantile(Scalar(q, DType.IsFloatingPoint() ? DType : DType.Float32), dim, keepdim, interpolation);

    /// <summary>
    /// Quantiles for each q in a 0-d or 1-d tensor; with a 1-d q of length Q the result has a leading dim of size Q.
    /// <paramref name="interpolation"/> decides between the two neighbours i = ⌊r⌋ and j = ⌈r⌉ of the rank r = q·(n−1):
    /// "linear" (vᵢ + (r − i)(vⱼ − vᵢ)), "lower" (vᵢ), "higher" (vⱼ), "midpoint" ((vᵢ + vⱼ)/2) or "nearest" (the rank
    /// rounded half to even). A slice containing NaN gives NaN. q is not differentiated.
    /// </summary>
    public Tensor Quantile(Tensor q, int? dim = null, bool keepdim = false, string interpolation = "linear")
    {
        if (!DType.IsFloatingPoint())
            throw new ArgumentException($"Quantile: expected a float32 or float64 input, got {DType.Name()}.");
        if (q.DType != DType)
            throw new ArgumentException($"Quantile: q must have the input's dtype {DType.Name()}, got {q.DType.Name()}.");
        if (q.Rank > 1) throw new ArgumentException($"Quantile: q must be a 0-d or 1-d tensor, got shape {q.ShapeText}.");
        if (!Interpolations.Contains(interpolation))
            throw new ArgumentException($"Quantile: interpolation must be one of {string.Join(", ", Interpolations)}; got \"{interpolation}\".");
        var qs = q.Detach().Reshape(-1);
        if (!(qs.Ge(0).All() && qs.Le(1).All()))
            throw new ArgumentException($"Quantile: q must lie in [0, 1], got [{string.Join(", ", qs.Double().ToArray<double>())}].");

        var x = dim is null ? Reshape(-1) : this;
        int d = dim is null ? 0 : ShapeUtil.NormalizeDim(dim.Value, Rank, "Quantile");
        if (x.Rank == 0) x = x.Reshape(1);
        int n = x.shape[d];
        if (n == 0) throw new ArgumentException($"Quantile: cannot take a quantile over dim {d} of size 0 (shape {ShapeText}).");

        var sorted = x.Gather(d, x.SortedPositions(d, "Quantile").Order).Movedim(d, -1);        // [..., n]
        int[] rest = sorted.shape[..^1];
        var ranks = qs.Reshape([qs.Count, .. Enumerable.Repeat(1, sorted.Rank)]) * (n - 1);   // [Q, 1, …, 1]
        var hasNaN = sorted.Detach().IsNan().Long().Sum(-1, keepdim: true).Gt(0).Unsqueeze(0); // [1, …, 1]
        ranks = Where(hasNaN, n - 1.0, ranks);                                                 // [Q, …, 1]
        var candidates = sorted.Unsqueeze(0).Expand([qs.Count, .. rest, n]);

        var result = interpolation switch
        {
            "lower" => candidates.Gather(-1, ranks.Floor().Long()),
            "higher" => candidates.Gather(-1, ranks.Ceil().Long()),
            "nearest" => candidates.Gather(-1, ranks.Round().Long()),
            _ => candidates.Gather(-1, ranks.Floor().Long()).Lerp(candidates.Gather(-1, ranks.Ceil().Long()),
                interpolation == "midpoint" ? FullLike(ranks, 0.5) : ranks - ranks.Floor()),
        };
        result = result.Squeeze(-1);                                                           // [Q, rest…]
        if (keepdim)
            result = dim is null ? result.Reshape([qs.Count, .. Enumerable.Repeat(1, Rank)]) : result.Unsqueeze(d + 1);
        return q.Rank == 0 ? result.Squeeze(0) : result;
    }
}
