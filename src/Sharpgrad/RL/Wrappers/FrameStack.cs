namespace Sharpgrad.RL;

/// <summary>
/// Frame stacking (Mnih et al. 2015; Buduma ch9's Breakout agent): the observation is the last
/// <see cref="Frames"/> observations of the wrapped environment concatenated, oldest first, so a network that sees
/// one observation can still read motion (a single frame of a ball shows where it is, not where it goes). At a reset
/// the first frame fills every slot. Works for any flat observation, a flattened image included.
/// </summary>
public sealed class FrameStack : IEnvironment<double[], int>
{
    private readonly IEnvironment<double[], int> inner;
    private readonly Queue<double[]> frames = new();

    public FrameStack(IEnvironment<double[], int> inner, int frames)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (frames <= 0) throw new ArgumentException($"FrameStack: frames must be positive, got {frames}.", nameof(frames));
        if (inner.ObservationSpace is not BoxSpace box)
            throw new ArgumentException($"FrameStack: the wrapped environment must observe a BoxSpace, got {inner.ObservationSpace}.", nameof(inner));
        this.inner = inner;
        Frames = frames;
        ObservationSpace = new BoxSpace([.. Enumerable.Repeat(box.Low, frames).SelectMany(x => x)], [.. Enumerable.Repeat(box.High, frames).SelectMany(x => x)]);
    }

    /// <summary>How many consecutive observations each stacked observation holds.</summary>
    public int Frames { get; }

    public Space ObservationSpace { get; }
    public Space ActionSpace => inner.ActionSpace;

    public double[] Reset(long? seed = null)
    {
        var first = inner.Reset(seed);
        frames.Clear();
        for (int k = 0; k < Frames; k++) frames.Enqueue(first);
        return Stacked();
    }

    public StepResult<double[]> Step(int action)
    {
        var step = inner.Step(action);
        frames.Dequeue();
        frames.Enqueue(step.Observation);
        return step with { Observation = Stacked() };
    }

    private double[] Stacked() => [.. frames.SelectMany(f => f)];
}
