using Sharpgrad.NN.Memory;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// A trained network's run over one sequence: its outputs [T, 1, out], per probe a time × cell map, and the state after
/// the last step (for what only the end shows, such as the DNC's link matrix).
/// </summary>
public sealed record MemoryTrace<TState>(Tensor Outputs, double[][,] Maps, TState Final);

/// <summary>
/// Replays one sequence (batch 1) through a memory-augmented network step by step, without gradients, and records what
/// the probes read from each step's state (a weighting or usage [1, N], or a head's row of [1, heads, N]) as rows of a
/// time × cell map, the data of the experiments' heat maps.
/// </summary>
public static class MemoryReplay
{
    public static MemoryTrace<TState> Run<TState>(MemoryAugmentedNetwork<TState> network, Tensor sequence, params Func<TState, Tensor>[] probes)
        where TState : class, IMemoryState
    {
        if (sequence.Rank != 3 || sequence.Shape[1] != 1)
            throw new ArgumentException($"MemoryReplay: the sequence must be [steps, 1, inputs], got {sequence.Shape}.");
        int time = sequence.Shape[0], cells = network.Cells;
        var maps = probes.Select(_ => new double[time, cells]).ToArray();
        var outputs = new Tensor[time];
        using var _ = Autograd.NoGrad();
        TState? state = null;
        if (time == 0) throw new ArgumentException("MemoryReplay: the sequence has no steps.");
        for (int t = 0; t < time; t++)
        {
            (outputs[t], state) = network.Step(sequence.Select(0, t), state);
            for (int p = 0; p < probes.Length; p++)
            {
                var row = probes[p](state).Flatten().To(DType.Float64).ToArray<double>();
                for (int i = 0; i < cells; i++) maps[p][t, i] = row[i];
            }
        }
        return new(Tensor.Stack(outputs), maps, state!);
    }

    /// <summary>The matrix of a batch-1 tensor [1, rows, columns] (a link matrix) as rows × columns numbers.</summary>
    public static double[,] Matrix(Tensor single)
    {
        if (single.Rank != 3 || single.Shape[0] != 1)
            throw new ArgumentException($"MemoryReplay.Matrix: expected one matrix [1, rows, columns], got {single.Shape}.");
        var (rows, columns) = (single.Shape[1], single.Shape[2]);
        var values = single.Flatten().To(DType.Float64).ToArray<double>();
        var matrix = new double[rows, columns];
        for (int k = 0; k < values.Length; k++) matrix[k / columns, k % columns] = values[k];
        return matrix;
    }
}
