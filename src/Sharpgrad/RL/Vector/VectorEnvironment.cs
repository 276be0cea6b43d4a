namespace Sharpgrad.RL;

/// <summary>
/// n copies of an environment stepped together, as gymnasium's <c>SyncVectorEnv</c>: one action per copy in, one
/// batch of observations, rewards and flags out. A copy whose episode ends is reset at once (auto-reset), so every
/// step returns a live observation for each copy; the observation the ending step reached is kept in
/// <see cref="VectorStepResult.FinalObservations"/>, since a learner bootstraps from it when the episode was truncated.
/// </summary>
/// <remarks>
/// <see cref="Reset"/> with a seed s seeds copy i with s + i (gymnasium's convention), so the copies run different
/// episodes and the whole batch is reproducible; later auto-resets continue each copy's own stream.
/// </remarks>
public sealed class VectorEnvironment
{
    private readonly IEnvironment<double[], int>[] copies;
    private readonly double[][] observations;
    private bool started;

    /// <param name="count">How many copies.</param>
    /// <param name="create">Makes copy i; each call must return a new environment.</param>
    public VectorEnvironment(int count, Func<int, IEnvironment<double[], int>> create)
    {
        if (count <= 0) throw new ArgumentException($"VectorEnvironment: count must be positive, got {count}.", nameof(count));
        ArgumentNullException.ThrowIfNull(create);
        copies = new IEnvironment<double[], int>[count];
        for (int i = 0; i < count; i++)
        {
            copies[i] = create(i);
            if (Array.IndexOf(copies, copies[i], 0, i) >= 0)
                throw new ArgumentException($"VectorEnvironment: create({i}) returned an environment already in the batch; each copy must be a new one.", nameof(create));
        }
        observations = new double[count][];
    }

    /// <summary>How many copies are stepped together.</summary>
    public int Count => copies.Length;

    /// <summary>The copies' shared observation space (copy 0's).</summary>
    public Space ObservationSpace => copies[0].ObservationSpace;

    /// <summary>The copies' shared action space (copy 0's).</summary>
    public Space ActionSpace => copies[0].ActionSpace;

    /// <summary>The copy at <paramref name="index"/>, for inspection.</summary>
    public IEnvironment<double[], int> this[int index] => copies[index];

    /// <summary>Resets every copy (copy i with seed + i when a seed is given) and returns their observations, one row per copy.</summary>
    public double[][] Reset(long? seed = null)
    {
        for (int i = 0; i < copies.Length; i++) observations[i] = copies[i].Reset(seed + i);
        started = true;
        return CopyRows(observations);
    }


    /// <summary>Steps copy i with <paramref name="actions"/>[i]; copies that end are reset before this returns.</summary>
    public VectorStepResult Step(IReadOnlyList<int> actions)
    {
        if (!started) throw new InvalidOperationException("VectorEnvironment.Step: call Reset before the first step.");
        if (actions.Count != copies.Length)
            throw new ArgumentException($"VectorEnvironment.Step: expected one action per copy ({copies.Length}), got {actions.Count}.", nameof(actions));
        int n = copies.Length;
        var rewards = new double[n];
        var terminated = new bool[n];
        var truncated = new bool[n];
        var finals = new double[n][];
        for (int i = 0; i < n; i++)
        {
            var step = copies[i].Step(actions[i]);
            (rewards[i], terminated[i], truncated[i]) = (step.Reward, step.Terminated, step.Truncated);
            finals[i] = step.Observation;
            observations[i] = step.Done ? copies[i].Reset() : step.Observation;
        }
        return new VectorStepResult(CopyRows(observations), rewards, terminated, truncated, finals);
    }

    private static double[][] CopyRows(double[][] rows) => [.. rows.Select(r => (double[])r.Clone())];
}
