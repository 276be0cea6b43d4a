namespace Sharpgrad.Distributed;

/// <summary>How <see cref="DistributedDataParallel"/> cuts the parameters into buckets.</summary>
internal static class GradientBuckets
{
    /// <summary>
    /// Parameters in reverse registration order (backward produces the last layers' gradients first, so a bucket fills
    /// early), cut whenever the dtype changes or a bucket would pass <paramref name="capBytes"/>. Every rank builds the
    /// same model, so every rank gets the same buckets, and the allreduces match up.
    /// </summary>
    public static IGradientBucket[] Build(IReadOnlyList<Tensor> parameters, long capBytes)
    {
        var buckets = new List<IGradientBucket>();
        var current = new List<Tensor>();
        long bytes = 0;
        foreach (var p in parameters.Reverse())
        {
            long size = (long)p.Count * ElementSize(p);
            if (current.Count > 0 && (current[0].DType != p.DType || bytes + size > capBytes))
            {
                buckets.Add(Create(current));
                current = [];
                bytes = 0;
            }
            current.Add(p);
            bytes += size;
        }
        if (current.Count > 0) buckets.Add(Create(current));
        return [.. buckets];
    }

    private static int ElementSize(Tensor p) => p.DType == DType.Float32 ? 4 : 8;

    private static IGradientBucket Create(List<Tensor> parameters) => parameters[0].DType switch
    {
        DType.Float32 => new GradientBucket<float>(parameters),
        DType.Float64 => new GradientBucket<double>(parameters),
        var other => throw new NotSupportedException(
            $"DistributedDataParallel: a parameter of shape {parameters[0].Shape} has dtype {other.Name()}; gradients are averaged in float32 or float64."),
    };
}
