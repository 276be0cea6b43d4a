namespace Sharpgrad.NN;

public static partial class Functional
{
    // ---------------------------------------------------------------- normalisation (GBC §8.7.1)

    /// <summary>
    /// Batch normalisation (GBC §8.7.1, Ioffe &amp; Szegedy 2015): each channel (dim 1) of [N, C, ...] is shifted and
    /// scaled to mean 0 and variance 1, H′ = (H − μ)/√(σ² + ε), then given a learned scale γ and shift β.
    /// <para>
    /// In training μ and σ² are the batch statistics over every dim but dim 1, with the biased variance (divide by
    /// m), and — when running statistics are given — these are updated in place as exponential moving averages,
    /// r ← (1 − momentum)·r + momentum·statistic, using the unbiased variance σ²·m/(m − 1) as the estimate of the
    /// population variance. In evaluation the running statistics replace the batch ones, so one example's output
    /// does not depend on the rest of its batch. The running statistics are constants: no gradient flows to them.
    /// </para>
    /// </summary>
    /// <param name="runningMean">[C] or null; updated in place when training</param>
    /// <param name="runningVar">[C] or null; updated in place when training</param>
    /// <param name="weight">γ, [C] or null for 1</param>
    /// <param name="bias">β, [C] or null for 0</param>
    public static Tensor BatchNorm(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight = null, Tensor? bias = null,
        bool training = false, double momentum = 0.1, double eps = 1e-5)
        => BatchNorm("BatchNorm", input, runningMean, runningVar, weight, bias, training, momentum, eps, residual: null, relu: false);

    /// <summary>
    /// ReLU(BatchNorm(input) + residual) as one op, the tail of a residual block (He et al. 2016, Fig. 2; GBC §8.7.1,
    /// §6.3): <see cref="BatchNorm"/> with the same arguments, then the <paramref name="residual"/> (null: none) added,
    /// then max(·, 0) — the same values and gradients as the three ops composed, in fewer passes over memory (the add
    /// and the ReLU run in the normalisation's pass, and the ReLU's backward in batch norm's).
    /// </summary>
    /// <param name="residual">the input's shape and dtype, or null</param>
    public static Tensor BatchNormRelu(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight = null, Tensor? bias = null,
        Tensor? residual = null, bool training = false, double momentum = 0.1, double eps = 1e-5)
    {
        CheckBatchNormReluResidual(input, residual);
        return BatchNorm("BatchNormRelu", input, runningMean, runningVar, weight, bias, training, momentum, eps, residual, relu: true);
    }

    /// <summary>
    /// The residual of <see cref="BatchNormRelu"/> has the input's shape and dtype, not merely one that broadcasts to
    /// it; <see cref="BatchNormNd.ForwardRelu"/> checks the same before choosing the fused op or its own fallback.
    /// </summary>
    internal static void CheckBatchNormReluResidual(Tensor input, Tensor? residual)
    {
        if (residual is not null && (!residual.Shape.SequenceEqual(input.Shape) || residual.DType != input.DType))
            throw new ArgumentException($"BatchNormRelu: the residual must have the input's shape {input.ShapeText} and dtype "
                + $"{input.DType.Name()}, got {residual.ShapeText} {residual.DType.Name()}.");
    }

    private static Tensor BatchNorm(string op, Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight, Tensor? bias,
        bool training, double momentum, double eps, Tensor? residual, bool relu)
    {
        if (input.Rank < 2)
            throw new ArgumentException($"{op}: expected an input [N, C, ...] with at least 2 dims, got shape {input.ShapeText}.");
        int channels = input.Size(1);
        CheckNormFloat(op, input);
        foreach (var (t, name) in new[] { (runningMean, "running mean"), (runningVar, "running variance"), (weight, "weight"), (bias, "bias") })
            if (t is not null && (t.Rank != 1 || t.Size(0) != channels))
                throw new ArgumentException($"{op}: {name} must have shape [{channels}] for input of shape {input.ShapeText}, got {t.ShapeText}.");
        if ((runningMean is null) != (runningVar is null))
            throw new ArgumentException($"{op}: pass both running statistics or neither.");

        bool batchStatistics = training || runningMean is null;
        if (batchStatistics && input.Count / Math.Max(1, channels) <= 1)
            throw new ArgumentException($"{op}: expected more than 1 value per channel when training, got input of shape {input.ShapeText}.");
        CheckParameterDTypes(op, input, weight, bias);
        return BatchNormalization.Forward(op, input, runningMean, runningVar, weight, bias, batchStatistics,
            updateRunning: training && runningMean is not null, momentum, eps, residual, relu);
    }

    /// <summary>
    /// Layer normalisation (Ba et al. 2016): each example is standardised over its last dims
    /// (<paramref name="normalizedShape"/>, e.g. the features of a token), with biased variance, then scaled by
    /// <paramref name="weight"/> and shifted by <paramref name="bias"/>, both of that shape. Unlike batch norm it
    /// behaves the same in training and evaluation and does not depend on the batch.
    /// </summary>
    public static Tensor LayerNorm(Tensor input, int[] normalizedShape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
    {
        const string op = "LayerNorm";
        ArgumentNullException.ThrowIfNull(normalizedShape);
        CheckNormFloat(op, input);
        int k = normalizedShape.Length;
        if (k == 0 || k > input.Rank || !input.Shape[^k..].SequenceEqual(normalizedShape))
            throw new ArgumentException(
                $"{op}: input shape {input.ShapeText} does not end with the normalized shape [{string.Join(", ", normalizedShape)}].");
        foreach (var (t, name) in new[] { (weight, "weight"), (bias, "bias") })
            if (t is not null && !t.Shape.SequenceEqual(normalizedShape))
                throw new ArgumentException($"{op}: {name} must have the normalized shape [{string.Join(", ", normalizedShape)}], got {t.ShapeText}.");
        CheckParameterDTypes(op, input, weight, bias);
        return LayerNormalization.Forward(op, input, normalizedShape, weight, bias, eps);
    }

    /// <summary>
    /// Group normalisation (Wu &amp; He 2018): the channels of each example are split into
    /// <paramref name="numGroups"/> groups and each group is standardised over its channels and positions, then
    /// every channel gets its own scale and shift ([C]). One group is layer norm over (C, spatial); C groups is
    /// instance norm.
    /// </summary>
    public static Tensor GroupNorm(Tensor input, int numGroups, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
    {
        const string op = "GroupNorm";
        CheckNormFloat(op, input);
        if (input.Rank < 2)
            throw new ArgumentException($"{op}: expected an input [N, C, ...] with at least 2 dims, got shape {input.ShapeText}.");
        int channels = input.Size(1);
        if (numGroups < 1 || channels % numGroups != 0)
            throw new ArgumentException($"{op}: {channels} channels (input shape {input.ShapeText}) cannot be split into {numGroups} groups.");
        foreach (var (t, name) in new[] { (weight, "weight"), (bias, "bias") })
            if (t is not null && (t.Rank != 1 || t.Size(0) != channels))
                throw new ArgumentException($"{op}: {name} must have shape [{channels}], got {t.ShapeText}.");
        var grouped = input.Reshape(input.Size(0), numGroups, -1);
        var normalized = Standardize(grouped, [2], eps).Normalized.Reshape(input.Shape);
        var perChannel = PerChannelShape(input);
        return Affine(op, input, normalized, weight?.Reshape(perChannel), bias?.Reshape(perChannel));
    }

    /// <summary>
    /// Local response normalisation across channels (Krizhevsky et al. 2012; PyTorch's formula):
    /// b_c = a_c / (k + α/n · Σ_{c′} a_{c′}²)^β, the sum running over the n = <paramref name="size"/> channels
    /// c − ⌊n/2⌋ … c + ⌊(n − 1)/2⌋ (missing channels count as 0), and α divided by n as in PyTorch.
    /// </summary>
    public static Tensor LocalResponseNorm(Tensor input, int size, double alpha = 1e-4, double beta = 0.75, double k = 1)
    {
        const string op = "LocalResponseNorm";
        CheckNormFloat(op, input);
        if (input.Rank < 3)
            throw new ArgumentException($"{op}: expected an input [N, C, ...] with at least 3 dims, got shape {input.ShapeText}.");
        if (size < 1) throw new ArgumentException($"{op}: size must be at least 1, got {size}.");
        int n = input.Size(0), channels = input.Size(1);
        // The mean of squares over a window of channels is an average pooling along C of [N, 1, C, positions].
        var squares = input.Square().Reshape(n, 1, channels, -1);
        var padded = Pad(squares, [0, 0, size / 2, (size - 1) / 2]);
        var mean = AvgPool2d(padded, (size, 1), stride: 1).Reshape(input.Shape);
        return input / (mean * alpha + k).Pow(beta);
    }

    /// <summary>
    /// (x − μ)/√(σ² + ε) with μ and the biased σ² taken over <paramref name="dims"/> (kept for broadcasting),
    /// the standardisation every normalisation layer shares.
    /// </summary>
    private static (Tensor Normalized, Tensor Mean, Tensor Variance) Standardize(Tensor x, int[] dims, double eps)
    {
        var mean = x.Mean(dims, keepdim: true);
        var centered = x - mean;
        var variance = centered.Square().Mean(dims, keepdim: true);
        return (centered * (variance + eps).Rsqrt(), mean, variance);
    }

    /// <summary>γ·x̂ + β, either of which may be absent.</summary>
    private static Tensor Affine(string op, Tensor input, Tensor normalized, Tensor? weight, Tensor? bias)
    {
        CheckParameterDTypes(op, input, weight, bias);
        var y = weight is null ? normalized : normalized * weight;
        return bias is null ? y : y + bias;
    }

    /// <summary>[1, C, 1, …, 1]: a per-channel vector shaped to broadcast over [N, C, ...].</summary>
    private static int[] PerChannelShape(Tensor input)
    {
        var shape = Enumerable.Repeat(1, input.Rank).ToArray();
        shape[1] = input.Size(1);
        return shape;
    }

    private static void CheckParameterDTypes(string op, Tensor input, Tensor? weight, Tensor? bias)
    {
        foreach (var t in new[] { weight, bias })
            if (t is not null && t.DType != input.DType)
                throw new ArgumentException(
                    $"{op}: input dtype {input.DType.Name()} does not match parameter dtype {t.DType.Name()}; convert one with To().");
    }

    private static void CheckNormFloat(string op, Tensor input)
    {
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"{op}: input must be float32 or float64, got {input.DType.Name()}.");
    }
}
