namespace Sharpgrad.Training;

/// <summary>
/// A callback whose state must survive a checkpoint for a resumed run to behave exactly like an uninterrupted one
/// (early stopping's best value and patience counter, a monitor's records). The trainer saves the state under
/// "callbacks.<see cref="CheckpointKey"/>." and gives it back on resume.
/// </summary>
public interface ICheckpointable
{
    /// <summary>A name unique among the run's callbacks, without dots ("early_stopping").</summary>
    string CheckpointKey { get; }

    /// <summary>A snapshot of the state (copies: later training must not change it).</summary>
    Dictionary<string, Tensor> StateDict();

    /// <summary>Restores what <see cref="StateDict"/> saved; throws a message naming the missing or malformed entry.</summary>
    void LoadStateDict(IReadOnlyDictionary<string, Tensor> state);
}
