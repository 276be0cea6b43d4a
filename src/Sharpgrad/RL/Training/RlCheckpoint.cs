using Sharpgrad.IO;

namespace Sharpgrad.RL;

/// <summary>
/// A training run in one safetensors file: the agent's <see cref="IAgent.StateDict"/> (weights, optimiser moments,
/// generator state, counters, replay memory) and the episode history under "history.*", so that training resumed from
/// it continues bit for bit as if it had never stopped.
/// </summary>
public static class RlCheckpoint
{
    private const string Prefix = "history.";

    public static void Save(string path, IAgent agent, IReadOnlyList<EpisodeStatistics> history)
    {
        var state = agent.StateDict();
        state[Prefix + "episode"] = Tensor.FromArray([.. history.Select(e => (long)e.Episode)]);
        state[Prefix + "length"] = Tensor.FromArray([.. history.Select(e => (long)e.Length)]);
        state[Prefix + "return"] = Tensor.FromArray([.. history.Select(e => e.Return)]);
        state[Prefix + "epsilon"] = Tensor.FromArray([.. history.Select(e => e.Epsilon)]);
        state[Prefix + "loss"] = Tensor.FromArray([.. history.Select(e => e.Loss ?? 0)]);
        state[Prefix + "has_loss"] = Tensor.FromArray([.. history.Select(e => e.Loss is not null)]);
        SafeTensors.Save(path, state, new Dictionary<string, string> { ["agent"] = agent.Name });
    }

    /// <summary>Loads <paramref name="path"/> into <paramref name="agent"/> (built with the same options) and returns the history.</summary>
    public static List<EpisodeStatistics> Load(string path, IAgent agent)
    {
        var file = SafeTensors.LoadWithMetadata(path);
        if (file.Metadata is null || !file.Metadata.TryGetValue("agent", out var name) || name != agent.Name)
            throw new InvalidDataException($"RlCheckpoint.Load: {path} is not a checkpoint of a {agent.Name} agent.");
        var state = file.Tensors;
        agent.LoadStateDict(state.Where(kv => !kv.Key.StartsWith(Prefix, StringComparison.Ordinal)).ToDictionary());
        var episodes = state[Prefix + "episode"].ToArray<long>();
        var lengths = state[Prefix + "length"].ToArray<long>();
        var returns = state[Prefix + "return"].ToArray<double>();
        var epsilons = state[Prefix + "epsilon"].ToArray<double>();
        var losses = state[Prefix + "loss"].ToArray<double>();
        var hasLoss = state[Prefix + "has_loss"].ToArray<bool>();
        return [.. Enumerable.Range(0, episodes.Length).Select(k =>
            new EpisodeStatistics((int)episodes[k], returns[k], (int)lengths[k], epsilons[k], hasLoss[k] ? losses[k] : null))];
    }
}
