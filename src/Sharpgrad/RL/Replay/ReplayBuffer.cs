namespace Sharpgrad.RL;

/// <summary>
/// Experience replay (Lin 1992; Mnih et al. 2015; Buduma ch9): a FIFO memory of the last <see cref="Capacity"/>
/// transitions (s, a, r, s′, terminated), from which minibatches are drawn uniformly with replacement. Sampling breaks
/// the correlation between consecutive steps that would otherwise make the Q-network's updates chase its own trajectory.
/// Storage is flat float32 arrays in a ring, so adding never allocates; <see cref="StateDict"/> saves it all for
/// a bit-identical resume.
/// </summary>
public sealed class ReplayBuffer
{
    private readonly float[] states, nextStates, rewards, terminated;
    private readonly long[] actions;
    private int next;

    public ReplayBuffer(int capacity, int observationSize)
    {
        if (capacity <= 0) throw new ArgumentException($"ReplayBuffer: capacity must be positive, got {capacity}.", nameof(capacity));
        if (observationSize <= 0) throw new ArgumentException($"ReplayBuffer: observationSize must be positive, got {observationSize}.", nameof(observationSize));
        (Capacity, ObservationSize) = (capacity, observationSize);
        states = new float[capacity * observationSize];
        nextStates = new float[capacity * observationSize];
        rewards = new float[capacity];
        terminated = new float[capacity];
        actions = new long[capacity];
    }

    public int Capacity { get; }
    public int ObservationSize { get; }

    /// <summary>How many transitions are held (at most <see cref="Capacity"/>).</summary>
    public int Count { get; private set; }

    /// <summary>Stores a transition, overwriting the oldest once full.</summary>
    public void Add(IReadOnlyList<double> state, int action, double reward, IReadOnlyList<double> nextState, bool isTerminal)
    {
        if (state.Count != ObservationSize || nextState.Count != ObservationSize)
            throw new ArgumentException($"ReplayBuffer.Add: states must have {ObservationSize} values, got {state.Count} and {nextState.Count}.");
        for (int j = 0; j < ObservationSize; j++)
        {
            states[next * ObservationSize + j] = (float)state[j];
            nextStates[next * ObservationSize + j] = (float)nextState[j];
        }
        (actions[next], rewards[next], terminated[next]) = (action, (float)reward, isTerminal ? 1 : 0);
        next = (next + 1) % Capacity;
        Count = Math.Min(Count + 1, Capacity);
    }

    /// <summary>The transition at position <paramref name="index"/> of the ring, oldest-first order not implied (for tests).</summary>
    public (float[] State, long Action, float Reward, float[] NextState, bool Terminated) this[int index] => index >= 0 && index < Count
        ? (states[(index * ObservationSize)..((index + 1) * ObservationSize)], actions[index], rewards[index],
           nextStates[(index * ObservationSize)..((index + 1) * ObservationSize)], terminated[index] != 0)
        : throw new ArgumentOutOfRangeException(nameof(index), $"ReplayBuffer: index {index} is outside the {Count} stored transitions.");

    /// <summary><paramref name="batchSize"/> transitions drawn uniformly with replacement.</summary>
    public ReplayBatch Sample(int batchSize, Generator generator)
    {
        if (Count == 0) throw new InvalidOperationException("ReplayBuffer.Sample: the buffer is empty.");
        if (batchSize <= 0) throw new ArgumentException($"ReplayBuffer.Sample: batchSize must be positive, got {batchSize}.", nameof(batchSize));
        int d = ObservationSize;
        var (s, s2) = (new float[batchSize * d], new float[batchSize * d]);
        var (a, r, done) = (new long[batchSize], new float[batchSize], new float[batchSize]);
        for (int b = 0; b < batchSize; b++)
        {
            int i = (int)generator.NextInt64(Count);
            Array.Copy(states, i * d, s, b * d, d);
            Array.Copy(nextStates, i * d, s2, b * d, d);
            (a[b], r[b], done[b]) = (actions[i], rewards[i], terminated[i]);
        }
        return new ReplayBatch(Tensor.FromArray(s, batchSize, d), Tensor.FromArray(a), Tensor.FromArray(r),
            Tensor.FromArray(s2, batchSize, d), Tensor.FromArray(done));
    }

    /// <summary>The whole memory and its write position.</summary>
    public Dictionary<string, Tensor> StateDict() => new()
    {
        ["states"] = Tensor.FromArray(states, Capacity, ObservationSize),
        ["next_states"] = Tensor.FromArray(nextStates, Capacity, ObservationSize),
        ["actions"] = Tensor.FromArray(actions),
        ["rewards"] = Tensor.FromArray(rewards),
        ["terminated"] = Tensor.FromArray(terminated),
        ["position"] = Tensor.FromArray(new long[] { next, Count }),
    };

    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        var expected = StateDict();
        foreach (var (key, tensor) in expected)
            if (!state.TryGetValue(key, out var given) || !given.Shape.SequenceEqual(tensor.Shape) || given.DType != tensor.DType)
                throw new ArgumentException($"ReplayBuffer.LoadStateDict: \"{key}\" must be {tensor.DType} [{string.Join(", ", tensor.Shape)}] " +
                                            $"for capacity {Capacity} and {ObservationSize} observations, got {(given is null ? "nothing" : $"{given.DType} [{string.Join(", ", given.Shape)}]")}.");
        state["states"].ToArray<float>().CopyTo(states, 0);
        state["next_states"].ToArray<float>().CopyTo(nextStates, 0);
        state["actions"].ToArray<long>().CopyTo(actions, 0);
        state["rewards"].ToArray<float>().CopyTo(rewards, 0);
        state["terminated"].ToArray<float>().CopyTo(terminated, 0);
        var position = state["position"].ToArray<long>();
        // A filling buffer writes next at Count; a full one anywhere in [0, Capacity).
        if (position[1] < 0 || position[1] > Capacity || position[0] < 0 || position[0] >= Capacity || position[1] < Capacity && position[0] != position[1] % Capacity)
            throw new ArgumentException($"ReplayBuffer.LoadStateDict: \"position\" holds next {position[0]} and count {position[1]}, which a buffer of capacity {Capacity} cannot have.");
        (next, Count) = ((int)position[0], (int)position[1]);
    }
}
