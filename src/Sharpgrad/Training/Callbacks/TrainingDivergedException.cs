namespace Sharpgrad.Training;

/// <summary>Thrown by <see cref="DivergenceDetector"/>; the model holds the weights of <see cref="LastGoodEpoch"/> when it is set.</summary>
public sealed class TrainingDivergedException(string message, long step, int epoch, int? lastGoodEpoch) : Exception(message)
{
    public long Step { get; } = step;

    public int Epoch { get; } = epoch;

    /// <summary>The epoch whose weights the model was restored to, or null when none had finished (the weights are the diverged ones).</summary>
    public int? LastGoodEpoch { get; } = lastGoodEpoch;
}
