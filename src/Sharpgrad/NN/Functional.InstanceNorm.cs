namespace Sharpgrad.NN;

public static partial class Functional
{
    /// <summary>
    /// Instance normalisation (Ulyanov et al. 2016): every channel of every example of [N, C, spatial...] is standardised
    /// over its own spatial positions (biased variance), then given the per-channel scale and shift [C]. It is batch
    /// normalisation (GBC §8.7.1) of the input viewed as one example with N·C channels, which is how PyTorch computes it
    /// and how it is computed here, so the two share one kernel and the same running-statistics rule.
    /// <para>
    /// With <paramref name="useInputStats"/> (the default, and PyTorch's in both training and evaluation unless the layer
    /// tracks running statistics) each instance uses its own statistics and, when running statistics are given, they are
    /// updated in place with the average over the batch of the instances' mean and unbiased variance:
    /// r ← (1 − momentum)·r + momentum·meanₙ(statisticₙ). Without it the running statistics normalise every instance.
    /// </para>
    /// </summary>
    public static Tensor InstanceNorm(Tensor input, Tensor? runningMean = null, Tensor? runningVar = null, Tensor? weight = null,
        Tensor? bias = null, bool useInputStats = true, double momentum = 0.1, double eps = 1e-5)
    {
        const string op = "InstanceNorm";
        CheckNormFloat(op, input);
        if (input.Rank < 3)
            throw new ArgumentException($"{op}: expected an input [N, C, spatial...] with at least one spatial dim, got shape {input.ShapeText}.");
        int n = input.Size(0), channels = input.Size(1);
        foreach (var (t, name) in new[] { (runningMean, "running mean"), (runningVar, "running variance"), (weight, "weight"), (bias, "bias") })
            if (t is not null && (t.Rank != 1 || t.Size(0) != channels))
                throw new ArgumentException($"{op}: {name} must have shape [{channels}] for input of shape {input.ShapeText}, got {t.ShapeText}.");
        if ((runningMean is null) != (runningVar is null))
            throw new ArgumentException($"{op}: pass both running statistics or neither.");
        if (!useInputStats && runningMean is null)
            throw new ArgumentException($"{op}: useInputStats = false needs running statistics to normalise with.");
        if (useInputStats && input.Count / Math.Max(1, n * channels) <= 1)
            throw new ArgumentException($"{op}: expected more than 1 spatial element per channel when using input statistics, got input of shape {input.ShapeText}.");

        // [N, C, ...] as one example with N·C channels; per-channel tensors are repeated for each instance.
        Tensor? PerInstance(Tensor? t) => t?.Unsqueeze(0).Expand(n, channels).Reshape(n * channels);
        var instanceMean = PerInstance(runningMean?.Detach());
        var instanceVar = PerInstance(runningVar?.Detach());
        var asChannels = input.Reshape([1, n * channels, .. input.Shape[2..]]);
        var y = BatchNorm(asChannels, instanceMean, instanceVar, PerInstance(weight), PerInstance(bias), training: useInputStats, momentum, eps);
        if (useInputStats && runningMean is not null)
            using (Autograd.NoGrad())
            {
                runningMean.CopyFrom(instanceMean!.View(n, channels).Mean(0));
                runningVar!.CopyFrom(instanceVar!.View(n, channels).Mean(0));
            }
        return y.Reshape(input.Shape);
    }
}
