namespace Sharpgrad.NN;

/// <summary>
/// Adds a position's vector to each step's features, since attention by itself ignores order (Vaswani et al. §3.5):
/// y = x + P[t] for t = 0 … T−1, then dropout. x is [T, N, d], [N, T, d] with batchFirst, or unbatched [T, d].
/// The table P is fixed sinusoids (<see cref="SinusoidalPositionalEncoding"/>) or learned (<see cref="LearnedPositionalEncoding"/>).
/// </summary>
public abstract class PositionalEncoding : Module<Tensor, Tensor>
{
    private readonly Generator? generator;

    public int DModel { get; }
    public int MaxLen { get; }
    public bool BatchFirst { get; }
    public double Dropout { get; }

    private protected PositionalEncoding(int dModel, int maxLen, double dropout, bool batchFirst, DType dtype, Generator? generator)
    {
        if (dModel < 1 || maxLen < 1)
            throw new ArgumentException($"{GetType().Name}: dModel and maxLen must be positive, got dModel={dModel}, maxLen={maxLen}.");
        if (!dtype.IsFloatingPoint()) throw new ArgumentException($"{GetType().Name}: dtype must be float32 or float64, got {dtype.Name()}.");
        Functional.CheckDropoutProbability(dropout);
        (DModel, MaxLen, Dropout, BatchFirst, this.generator) = (dModel, maxLen, dropout, batchFirst, generator);
    }

    /// <summary>The table P [MaxLen, DModel].</summary>
    protected abstract Tensor Table { get; }

    protected override Tensor ForwardCore(Tensor input)
    {
        if (input.Rank is not (2 or 3) || input.Size(-1) != DModel)
            throw new ArgumentException(
                $"{GetType().Name}(dModel={DModel}): input must be [T, N, {DModel}] ([N, T, {DModel}] with batchFirst, or unbatched [T, {DModel}]), got {input.ShapeText}.");
        int timeDim = input.Rank == 3 && BatchFirst ? 1 : 0, steps = input.Size(timeDim);
        if (steps > MaxLen)
            throw new ArgumentException($"{GetType().Name}: the input {input.ShapeText} has {steps} steps, more than maxLen = {MaxLen}.");
        var positions = Table.Narrow(0, 0, steps);
        if (input.Rank == 3 && !BatchFirst) positions = positions.Unsqueeze(1);
        return Functional.Dropout(input + positions, Dropout, IsTraining, generator);
    }

    protected override string ExtraRepr() => $"d_model={DModel}, max_len={MaxLen}, dropout={PyRepr.Number(Dropout)}";
}
