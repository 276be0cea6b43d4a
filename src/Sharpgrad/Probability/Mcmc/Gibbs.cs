namespace Sharpgrad.Probability;

/// <summary>
/// Draws a new value for one block of variables from its conditional distribution given the current values of all
/// blocks (<paramref name="state"/>), e.g. (s, g) => new Normal(ρ * s[1], Math.Sqrt(1 - ρ * ρ)).Sample(null, g).
/// </summary>
public delegate Tensor GibbsConditional(IReadOnlyList<Tensor> state, Generator generator);

/// <summary>
/// Gibbs sampling (GBC §17.4): the state is split into blocks, and each sweep resamples every block in turn from its
/// conditional p(block | all other blocks), always using the newest values. Each draw is exact, so every move is
/// accepted. Block Gibbs — sampling all hidden units of an RBM given the visible ones, then all visible given the
/// hidden (GBC §16.7.1) — is the same loop with two blocks. When the variables are strongly correlated the
/// conditionals are narrow and the chain mixes slowly (GBC §17.5).
/// </summary>
public sealed class Gibbs
{
    private const string Op = "Gibbs";
    private readonly GibbsConditional[] conditionals;

    /// <summary>One conditional sampler per block, applied in this order each sweep.</summary>
    public Gibbs(params GibbsConditional[] conditionals)
    {
        if (conditionals.Length == 0) throw new ArgumentException($"{Op}: give at least one conditional sampler.");
        this.conditionals = conditionals;
    }

    /// <summary>
    /// Runs burnIn + numSamples sweeps from <paramref name="initial"/> (one tensor per block) and returns one chain
    /// per block, each with acceptance rate 1.
    /// </summary>
    public McmcResult[] Run(IReadOnlyList<Tensor> initial, int numSamples, Generator? generator = null, int burnIn = 0)
    {
        if (initial.Count != conditionals.Length)
            throw new ArgumentException($"{Op}: got {initial.Count} initial blocks for {conditionals.Length} conditional samplers.");
        var traces = conditionals.Select(_ => new List<Tensor>(numSamples)).ToArray();
        var start = initial.Select(block => block.Detach()).ToArray();
        double rate = MarkovChain.Run(start, numSamples, burnIn, generator ?? Generator.Default, Sweep, state =>
        {
            for (int b = 0; b < state.Length; b++) traces[b].Add(state[b]);
        }, Op);
        return traces.Select(trace => new McmcResult(Tensor.Stack(trace), rate)).ToArray();
    }

    private (Tensor[] State, bool Accepted) Sweep(Tensor[] current, Generator generator)
    {
        var state = (Tensor[])current.Clone();
        for (int b = 0; b < state.Length; b++)
        {
            var block = conditionals[b](state, generator);
            if (!block.Shape.SequenceEqual(state[b].Shape))
                throw new ArgumentException(
                    $"{Op}: conditional {b} returned shape {ShapeUtil.Format(block.Shape)} for a block of shape {ShapeUtil.Format(state[b].Shape)}.");
            state[b] = block.Detach();
        }
        return (state, true);
    }
}
