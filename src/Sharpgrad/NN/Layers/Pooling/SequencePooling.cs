namespace Sharpgrad.NN;

/// <summary>
/// Reduces a sequence of feature vectors to one vector per example, removing the time dim <see cref="TimeDim"/>: the mean
/// of the steps, or the first or the last step. A Transformer encoder classifier pools its outputs this way before the
/// classifier (Vaswani et al. 2017 leave the readout to the task; mean pooling and the first token are the usual ones).
/// </summary>
public sealed class SequencePooling : Module<Tensor, Tensor>
{
    public int TimeDim { get; }
    public SequencePoolingMode Mode { get; }

    /// <param name="timeDim">the time dim of the input: 1 for batch-first [N, T, E], 0 for [T, N, E]</param>
    public SequencePooling(int timeDim, SequencePoolingMode mode = SequencePoolingMode.Mean)
    {
        if (timeDim < 0)
            throw new ArgumentException($"SequencePooling: timeDim must be non-negative (0 for [T, N, E], 1 for [N, T, E]), got {timeDim}.");
        if (!Enum.IsDefined(mode))
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "SequencePooling: mode must be Mean, First or Last.");
        (TimeDim, Mode) = (timeDim, mode);
    }

    protected override Tensor ForwardCore(Tensor input)
    {
        if (input.Rank <= TimeDim || input.Size(TimeDim) == 0)
            throw new ArgumentException($"SequencePooling: the input {input.ShapeText} has no steps along dim {TimeDim}.");
        return Mode switch
        {
            SequencePoolingMode.Mean => input.Mean(TimeDim),
            SequencePoolingMode.First => input.Select(TimeDim, 0),
            _ => input.Select(TimeDim, input.Size(TimeDim) - 1),
        };
    }

    protected override string ExtraRepr() => $"time_dim={TimeDim}, mode={Mode}";
}
