namespace Sharpgrad.NN;

/// <summary>
/// Runs a stack of recurrent layers over a batch of sequences (the computation of PyTorch's <c>_VF.lstm</c>/<c>gru</c>/
/// <c>rnn_tanh</c>). The steps are laid out as in a <see cref="PackedSequence"/>: rows [Σ sizes, in], step t holding
/// <c>sizes[t]</c> rows, the sequences sorted longest first. A padded batch [T, N, in] is the case where every size is N.
/// Per layer and direction the input projection for all steps is one GEMM ([rows, in] by W_ihᵀ), and each step adds one
/// GEMM for the recurrent part, h·W_hhᵀ, plus the fused gate arithmetic (GBC §10.2, §10.3).
/// </summary>
internal static class RecurrentSequence
{
    /// <param name="input">[T, N, in], time first</param>
    /// <param name="hidden">[L·D, N, H or P], the initial hidden states, layer by layer, forward before reverse</param>
    /// <param name="cell">[L·D, N, H], the LSTM's initial memory cells; null for the other kinds</param>
    /// <param name="weights">L·D entries in the order of <paramref name="hidden"/></param>
    /// <returns>the last layer's outputs [T, N, D·(H or P)] and the final states, shaped like the initial ones</returns>
    public static (Tensor Output, Tensor H, Tensor? C) Run(RecurrentKind kind, Tensor input, Tensor hidden, Tensor? cell,
        IReadOnlyList<RecurrentWeights> weights, bool bidirectional, double dropout, bool training, Generator? generator)
    {
        int steps = input.Size(0), batch = input.Size(1);
        var rows = input.Reshape(steps * batch, input.Size(2));
        var (output, h, c) = RunPacked(kind, rows, Enumerable.Repeat(batch, steps).ToArray(), hidden, cell, weights, bidirectional, dropout,
            training, generator);
        return (output.Reshape(steps, batch, output.Size(1)), h, c);
    }

    /// <summary>
    /// The stack over packed rows [Σ sizes, in]: each sequence runs exactly its own number of steps, its final state
    /// is taken at its last real step, and the reverse direction starts at its own end. States are in sorted order.
    /// </summary>
    /// <returns>the last layer's output rows [Σ sizes, D·(H or P)] and the final states</returns>
    public static (Tensor Output, Tensor H, Tensor? C) RunPacked(RecurrentKind kind, Tensor rows, int[] sizes, Tensor hidden, Tensor? cell,
        IReadOnlyList<RecurrentWeights> weights, bool bidirectional, double dropout, bool training, Generator? generator)
    {
        int directions = bidirectional ? 2 : 1, layers = weights.Count / directions;
        var finalHidden = new List<Tensor>();
        var finalCell = new List<Tensor>();
        var layerInput = rows;
        for (int layer = 0; layer < layers; layer++)
        {
            // Dropout on the outputs of every layer but the last, i.e. on the input of every layer but the first (PyTorch).
            if (layer > 0) layerInput = Functional.Dropout(layerInput, dropout, training, generator);
            var outputs = new Tensor[directions];
            for (int direction = 0; direction < directions; direction++)
            {
                int k = layer * directions + direction;
                var layerDirection = new RecurrentDirection(kind, weights[k], sizes);
                var (output, h, c) = direction == 0
                    ? layerDirection.Forward(layerInput, hidden.Select(0, k), cell?.Select(0, k))
                    : layerDirection.Reverse(layerInput, hidden.Select(0, k), cell?.Select(0, k));
                outputs[direction] = output;
                finalHidden.Add(h);
                if (c is not null) finalCell.Add(c);
            }
            layerInput = directions == 1 ? outputs[0] : Tensor.Cat(outputs, -1);
        }
        return (layerInput, Tensor.Stack(finalHidden), cell is null ? null : Tensor.Stack(finalCell));
    }
}
