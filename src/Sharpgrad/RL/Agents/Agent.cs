using Sharpgrad.NN;

namespace Sharpgrad.RL;

/// <summary>
/// What the agents share: the environment they make (one observation vector in, one of a few actions out), their own
/// seeded <see cref="Generator"/> (episode seeds, exploration, action sampling, replay sampling all come from it, so a
/// seed fixes the whole run), ε-greedy selection, the episode counter, and the counters' part of the state dict.
/// </summary>
public abstract class Agent : IAgent
{
    private const string GeneratorKey = "agent.generator", CountersKey = "agent.counters", LossKey = "agent.loss";

    /// <param name="environment">Makes a new environment (CartPole, or a wrapper); the agent calls it once per copy it needs.</param>
    protected Agent(string name, Func<IEnvironment<double[], int>> environment, long seed)
    {
        ArgumentNullException.ThrowIfNull(environment);
        Name = name;
        MakeEnvironment = environment;
        var probe = environment();
        ObservationSize = probe.ObservationSpace is BoxSpace box
            ? box.Dimension
            : throw new ArgumentException($"{name}: the environment must observe a BoxSpace (a vector), got {probe.ObservationSpace}.");
        ActionCount = probe.ActionSpace is DiscreteSpace discrete
            ? discrete.Count
            : throw new ArgumentException($"{name}: the environment must take a DiscreteSpace action, got {probe.ActionSpace}.");
        Generator = new Generator(seed);
    }

    public string Name { get; }
    public int EpisodesDone { get; protected set; }

    /// <summary>Environment steps taken so far (all copies together).</summary>
    public long StepsDone { get; protected set; }

    /// <summary>The loss of the latest update; null before the first.</summary>
    public double? LastLoss { get; protected set; }

    /// <summary>The length of the observation vector.</summary>
    public int ObservationSize { get; }

    /// <summary>How many actions there are.</summary>
    public int ActionCount { get; }

    protected Func<IEnvironment<double[], int>> MakeEnvironment { get; }

    /// <summary>The agent's only source of randomness after construction.</summary>
    protected Generator Generator { get; }

    public abstract IReadOnlyList<EpisodeStatistics> TrainIteration();

    /// <summary>A seed for the next episode's reset, drawn from the agent's generator (so no environment state needs saving between episodes).</summary>
    /// <summary>
    /// Stops before a non-finite loss reaches the optimiser: a NaN update would leave NaN weights that then act silently
    /// (every probability NaN picks one fixed action). Called between backward and the optimiser's step.
    /// </summary>
    protected void RequireFiniteLoss(Tensor loss)
    {
        double value = loss.Item();
        if (!double.IsFinite(value))
            throw new InvalidOperationException(
                $"{Name}: the loss became {value} at update {Updates + 1} (episode {EpisodesDone}, step {StepsDone}); "
                + "the weights were left unchanged. Lower the learning rate or clip the gradients.");
    }

    /// <summary>Optimiser updates made so far (for messages).</summary>
    protected long Updates { get; private set; }

    /// <summary>Checks the loss, then steps the optimiser.</summary>
    protected void Step(Optim.Optimizer optimizer, Tensor loss)
    {
        RequireFiniteLoss(loss);
        optimizer.Step();
        Updates++;
    }

    protected long NextEpisodeSeed() => (long)(Generator.NextUInt64() >> 1);

    /// <summary>A generator for initialising the <paramref name="index"/>-th network, derived from the agent's seed.</summary>
    protected static Generator InitGenerator(long seed, int index) => new(seed * 7919 + 104729 * (index + 1));

    /// <summary>
    /// ε-greedy over a distribution: with probability ε a uniformly random action, otherwise one drawn from
    /// <paramref name="probabilities"/> (a policy) by inverting its cumulative sum at a uniform draw.
    /// </summary>
    protected int SelectAction(ReadOnlySpan<float> probabilities, double epsilon)
    {
        if (Generator.NextDouble() < epsilon) return (int)Generator.NextInt64(ActionCount);
        double u = Generator.NextDouble(), cumulative = 0;
        for (int a = 0; a < probabilities.Length - 1; a++)
        {
            cumulative += probabilities[a];
            if (u < cumulative) return a;
        }
        return probabilities.Length - 1;
    }

    /// <summary>ε-greedy over action values: with probability ε a uniformly random action, else the first best.</summary>
    protected int SelectGreedy(ReadOnlySpan<float> values, double epsilon)
    {
        if (Generator.NextDouble() < epsilon) return (int)Generator.NextInt64(ActionCount);
        int best = 0;
        for (int a = 1; a < values.Length; a++)
            if (values[a] > values[best]) best = a;
        return best;
    }

    /// <summary>Observations as a float32 batch [rows, <see cref="ObservationSize"/>].</summary>
    protected Tensor Batch(IReadOnlyList<double[]> observations)
    {
        var flat = new float[observations.Count * ObservationSize];
        for (int i = 0; i < observations.Count; i++)
            for (int j = 0; j < ObservationSize; j++) flat[i * ObservationSize + j] = (float)observations[i][j];
        return Tensor.FromArray(flat, observations.Count, ObservationSize);
    }

    /// <summary>The network's output for one observation, without recording a graph.</summary>
    protected static float[] Evaluate(Module<Tensor, Tensor> network, Tensor observation, Func<Tensor, Tensor>? then = null)
    {
        using var _ = Autograd.NoGrad();
        var output = network.Forward(observation);
        return (then is null ? output : then(output)).ToArray<float>();
    }

    public Dictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor>
        {
            [GeneratorKey] = Tensor.FromArray([.. Generator.GetState().Select(v => (long)v)]),
            [CountersKey] = Tensor.FromArray(new long[] { EpisodesDone, StepsDone }),
            [LossKey] = Tensor.FromArray(LastLoss is { } loss ? new[] { loss } : []),
        };
        foreach (var (key, value) in OwnState()) state[key] = value;
        return state;
    }

    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        foreach (var key in new[] { GeneratorKey, CountersKey, LossKey })
            if (!state.ContainsKey(key)) throw new ArgumentException($"{Name}.LoadStateDict: the state has no \"{key}\"; is it an agent checkpoint?");
        LoadOwnState(state);
        Generator.SetState([.. state[GeneratorKey].ToArray<long>().Select(v => (ulong)v)]);
        var counters = state[CountersKey].ToArray<long>();
        (EpisodesDone, StepsDone) = ((int)counters[0], counters[1]);
        LastLoss = state[LossKey].Count == 1 ? state[LossKey].ToArray<double>()[0] : null;
    }

    /// <summary>The subclass's networks, optimiser and any other state, under keys of its own.</summary>
    protected abstract IEnumerable<KeyValuePair<string, Tensor>> OwnState();

    /// <summary>Restores what <see cref="OwnState"/> gave.</summary>
    protected abstract void LoadOwnState(IReadOnlyDictionary<string, Tensor> state);

    /// <summary>Entries of <paramref name="state"/> under "<paramref name="prefix"/>.", with the prefix removed.</summary>
    protected static Dictionary<string, Tensor> Part(IReadOnlyDictionary<string, Tensor> state, string prefix) =>
        state.Where(kv => kv.Key.StartsWith(prefix + ".", StringComparison.Ordinal))
             .ToDictionary(kv => kv.Key[(prefix.Length + 1)..], kv => kv.Value);

    /// <summary><paramref name="state"/>'s entries under "<paramref name="prefix"/>.".</summary>
    protected static IEnumerable<KeyValuePair<string, Tensor>> Prefixed(string prefix, IReadOnlyDictionary<string, Tensor> state) =>
        state.Select(kv => KeyValuePair.Create(prefix + "." + kv.Key, kv.Value));
}
