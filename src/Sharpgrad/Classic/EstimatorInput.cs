namespace Sharpgrad.Classic;

/// <summary>
/// The checks every estimator applies to its inputs, so bad data fails loudly with the estimator's name and the
/// shapes involved instead of producing NaN: 2-D float features, no NaN or infinity, matching lengths, int64 labels,
/// and at prediction time the feature count seen in Fit.
/// </summary>
public static class EstimatorInput
{
    /// <summary>Validates features [N, D] and returns them as float64 (classic models compute in double precision).</summary>
    public static Tensor Features(Tensor x, string op, int? expectedFeatures = null)
    {
        if (x.Rank != 2)
            throw new ArgumentException($"{op}: expected features of shape [samples, features], got {ShapeUtil.Format(x.Shape)}.");
        if (!x.DType.IsFloatingPoint() && x.DType != DType.Int64)
            throw new ArgumentException($"{op}: features must be numeric, got {x.DType.Name()}.");
        if (x.Size(0) == 0) throw new ArgumentException($"{op}: no samples.");
        if (expectedFeatures is { } d && x.Size(1) != d)
            throw new ArgumentException($"{op}: the model was fitted on {d} features, got {x.Size(1)} (shape {ShapeUtil.Format(x.Shape)}).");
        var features = x.Double();
        using (Autograd.NoGrad())
        {
            // One summing pass settles the usual case: a NaN or ±∞ anywhere makes the sum NaN or ±∞, so a finite sum
            // means every element is finite. Only a non-finite sum (bad data, or finite values that overflow) pays
            // for the exact count below (the count's six passes took 3 s of a KMeans fit of 60,000 × 784).
            if (double.IsFinite(features.Sum().Item())) return features;
            var bad = features.Ne(features).Long().Sum().Item() + features.Abs().Eq(double.PositiveInfinity).Long().Sum().Item();
            if (bad > 0) throw new ArgumentException($"{op}: features contain {bad} NaN or infinite values; remove or impute them first.");
        }
        return features;
    }

    /// <summary>Validates int64 class labels [N] matching <paramref name="x"/>'s rows.</summary>
    public static Tensor Labels(Tensor x, Tensor y, string op)
    {
        if (y.DType != DType.Int64)
            throw new ArgumentException($"{op}: class labels must be int64, got {y.DType.Name()}.");
        Targets(x, y, op);
        return y;
    }

    /// <summary>Validates regression targets [N] or [N, T] matching <paramref name="x"/>'s rows; returns them as float64.</summary>
    public static Tensor Targets(Tensor x, Tensor y, string op)
    {
        if (y.Rank is < 1 or > 2 || y.Size(0) != x.Size(0))
            throw new ArgumentException($"{op}: X has {x.Size(0)} samples (shape {ShapeUtil.Format(x.Shape)}) but y has shape {ShapeUtil.Format(y.Shape)}.");
        return y.DType == DType.Int64 ? y : Features(y.Rank == 1 ? y.Unsqueeze(1) : y, op).Reshape(y.Shape);
    }

    /// <summary>The sorted distinct labels of <paramref name="y"/>.</summary>
    public static long[] ClassesOf(Tensor y) => y.ToArray<long>().Distinct().Order().ToArray();

    /// <summary>Maps labels to column indices 0..K−1 of <paramref name="classes"/>; an unseen label is an error naming it.</summary>
    public static Tensor EncodeLabels(Tensor y, long[] classes, string op)
    {
        var index = new Dictionary<long, long>();
        for (int i = 0; i < classes.Length; i++) index[classes[i]] = i;
        var labels = y.ToArray<long>();
        var encoded = new long[labels.Length];
        for (int i = 0; i < labels.Length; i++)
            encoded[i] = index.TryGetValue(labels[i], out var k)
                ? k
                : throw new ArgumentException($"{op}: label {labels[i]} was not seen in Fit (known classes: {string.Join(", ", classes)}).");
        return Tensor.FromArray(encoded);
    }
}
