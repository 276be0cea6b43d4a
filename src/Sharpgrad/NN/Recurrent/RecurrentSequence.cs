namespace Sharpgrad.NN;

/// <summary>
/// Runs a stack of recurrent layers over a whole sequence (the computation of PyTorch's <c>_VF.lstm</c>/<c>gru</c>/
/// <c>rnn_tanh</c>). Per layer and direction the input projection for all T steps is one GEMM ([T·N, in] by W_ihᵀ),
/// and each step adds one GEMM for the recurrent part, h·W_hhᵀ, plus the gate arithmetic (GBC §10.2, §10.3).
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
        int directions = bidirectional ? 2 : 1, layers = weights.Count / directions;
        var finalHidden = new List<Tensor>();
        var finalCell = new List<Tensor>();
        var layerInput = input;
        for (int layer = 0; layer < layers; layer++)
        {
            // Dropout on the outputs of every layer but the last, i.e. on the input of every layer but the first (PyTorch).
            if (layer > 0) layerInput = Functional.Dropout(layerInput, dropout, training, generator);
            var outputs = new Tensor[directions];
            for (int direction = 0; direction < directions; direction++)
            {
                int k = layer * directions + direction;
                var (output, h, c) = RunDirection(kind, layerInput, hidden.Select(0, k), cell?.Select(0, k), weights[k], reverse: direction == 1);
                outputs[direction] = output;
                finalHidden.Add(h);
                if (c is not null) finalCell.Add(c);
            }
            layerInput = directions == 1 ? outputs[0] : Tensor.Cat(outputs, -1);
        }
        return (layerInput, Tensor.Stack(finalHidden), cell is null ? null : Tensor.Stack(finalCell));
    }

    /// <summary>One layer in one direction; the reverse direction reads t = T−1 … 0 and writes its outputs in place t.</summary>
    private static (Tensor Output, Tensor H, Tensor? C) RunDirection(RecurrentKind kind, Tensor input, Tensor h, Tensor? c,
        RecurrentWeights weights, bool reverse)
    {
        int steps = input.Size(0);
        var inputGates = Functional.Linear(input, weights.InputToHidden, weights.InputBias);   // [T, N, G·H]: one GEMM
        var outputs = new Tensor[steps];
        for (int s = 0; s < steps; s++)
        {
            int t = reverse ? steps - 1 - s : s;
            (h, c) = weights.StepProjected(kind, inputGates.Select(0, t), h, c);
            outputs[t] = h;
        }
        return (Tensor.Stack(outputs), h, c);
    }
}
