using Sharpgrad.NN;

namespace Sharpgrad.Training;

/// <summary>
/// Stops a run whose loss has diverged: it became NaN or infinite, or grew past <see cref="GrowthFactor"/> times its
/// value at the run's first step (at least 1, so that a resumed run starting near zero loss is not stopped by an
/// ordinary fluctuation). A learning rate far too large makes the iterates overshoot and grow without bound
/// (GBC §4.3, §8.2); once the loss is NaN every later step is wasted and the weights are garbage. The detector keeps
/// a copy of the weights at the end of each epoch, restores the last one before it throws, and throws
/// <see cref="TrainingDivergedException"/> naming the step and epoch, so the caller can keep the last good model.
/// </summary>
/// <remarks>
/// Checking every step costs one scalar read, which the trainer already makes to log the loss. Losses such as
/// <see cref="Losses"/>' MeanSquaredError return NaN for NaN inputs, as PyTorch does, rather than scanning every
/// input for NaN on every step; this detector is where a NaN is turned into a word (docs/design.md).
/// </remarks>
public sealed class DivergenceDetector(double growthFactor = 1e4) : ITrainingCallback
{
    private double startLoss = double.NaN;
    private Dictionary<string, Tensor>? lastGood;
    private int lastGoodEpoch;

    /// <summary>How many times its first value (at least 1) the loss may grow before the run counts as diverged.</summary>
    public double GrowthFactor { get; } = growthFactor > 1 && double.IsFinite(growthFactor)
        ? growthFactor
        : throw new ArgumentException($"DivergenceDetector: growthFactor must be a finite number above 1, got {growthFactor}.", nameof(growthFactor));

    public void OnBatchEnd(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Loss is null) return;
        double loss = context.Loss.Item();
        if (double.IsNaN(startLoss) && double.IsFinite(loss)) startLoss = loss;
        double limit = GrowthFactor * Math.Max(Math.Abs(startLoss), 1);
        if (double.IsFinite(loss) && !(loss > limit)) return;

        if (lastGood is not null)
            context.Model.LoadStateDict(lastGood);
        string what = double.IsFinite(loss)
            ? $"grew to {loss:G4}, more than {GrowthFactor:G} times its first value {startLoss:G4}"
            : $"became {loss}";
        throw new TrainingDivergedException(
            $"the training loss {what} at step {context.Step} (epoch {context.Epoch}); the run diverged", context.Step, context.Epoch,
            lastGood is null ? null : lastGoodEpoch);
    }

    public void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(context);
        lastGood = context.Model.StateDict().ToDictionary(p => p.Key, p => p.Value.Detach().Clone());
        lastGoodEpoch = context.Epoch;
    }
}
