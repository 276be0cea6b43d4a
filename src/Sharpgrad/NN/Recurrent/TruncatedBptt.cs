namespace Sharpgrad.NN;

/// <summary>
/// Truncated back-propagation through time. Back-propagation through time (GBC §10.2.2) costs memory and time
/// proportional to the sequence length, since every step's values are kept for the backward pass. Truncating it splits
/// a long sequence into chunks of k steps, runs the network over one chunk at a time, and takes a gradient step per chunk.
/// The state is carried from chunk to chunk, so the forward pass still sees the whole history, but detached: gradients
/// stop at the chunk boundary and a dependency longer than k steps is not learned through them (Williams &amp; Peng
/// 1990; the usual way language models are trained).
/// </summary>
/// <example>
/// <code>
/// (Tensor H, Tensor C)? state = null;
/// foreach (var (start, chunk) in TruncatedBptt.Chunks(inputs, 35))
/// {
///     var (output, next) = lstm.Forward(chunk, state);
///     var loss = Losses.CrossEntropy(head.Forward(output).Reshape(-1, vocabulary), targets.Narrow(0, start, chunk.Size(0)).Reshape(-1));
///     optimizer.ZeroGrad(); loss.Backward(); optimizer.Step();
///     state = TruncatedBptt.Detach(next);
/// }
/// </code>
/// </example>
public static class TruncatedBptt
{
    /// <summary>
    /// Consecutive chunks of at most <paramref name="length"/> steps of <paramref name="sequence"/> along its time dim
    /// (0 for [T, N, …]; 1 with <paramref name="batchFirst"/>), the last one shorter when T is not a multiple, each with
    /// its first step. The chunks are views.
    /// </summary>
    public static IEnumerable<(int Start, Tensor Chunk)> Chunks(Tensor sequence, int length, bool batchFirst = false)
    {
        int dim = batchFirst ? 1 : 0;
        if (length < 1) throw new ArgumentException($"TruncatedBptt: chunk length must be at least 1, got {length}.");
        if (sequence.Rank <= dim)
            throw new ArgumentException($"TruncatedBptt: sequence must have a time dim {dim} ({(batchFirst ? "[N, T, …]" : "[T, …]")}), got shape {sequence.Shape}.");
        return Enumerate(sequence, length, dim);
    }

    private static IEnumerable<(int Start, Tensor Chunk)> Enumerate(Tensor sequence, int length, int dim)
    {
        int steps = sequence.Size(dim);
        for (int start = 0; start < steps; start += length)
            yield return (start, sequence.Narrow(dim, start, Math.Min(length, steps - start)));
    }

    /// <summary>The state to carry into the next chunk: the same values, cut from the graph of this one.</summary>
    public static Tensor Detach(Tensor state) => state.Detach();

    /// <summary>An LSTM's (h, c), both detached.</summary>
    public static (Tensor H, Tensor C) Detach((Tensor H, Tensor C) state) => (state.H.Detach(), state.C.Detach());
}
