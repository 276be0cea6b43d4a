namespace Sharpgrad.NN;

/// <summary>
/// One layer in one direction over packed rows (see <see cref="RecurrentSequence"/>): step t reads the <c>sizes[t]</c>
/// rows starting at the sum of the earlier sizes. Because the sequences are sorted longest first, the sequences alive at
/// step t are the first <c>sizes[t]</c> of the batch: the state's other rows are either finished (forward) or not
/// started yet (reverse), and are simply left out of the step.
/// </summary>
internal sealed class RecurrentDirection(RecurrentKind kind, RecurrentWeights weights, int[] sizes)
{
    private readonly int[] starts = Starts(sizes);

    /// <summary>
    /// t = 0 … T−1. A sequence that ends before step t keeps the state of its last real step: those rows are set aside
    /// when the batch shrinks and joined back, in row order, after the last step.
    /// </summary>
    public (Tensor Output, Tensor H, Tensor? C) Forward(Tensor rows, Tensor h, Tensor? c)
    {
        var inputGates = Functional.Linear(rows, weights.InputToHidden, weights.InputBias);   // one GEMM for every step
        var outputs = new Tensor[sizes.Length];
        var finishedH = new List<Tensor>();
        var finishedC = new List<Tensor>();
        for (int t = 0; t < sizes.Length; t++)
        {
            int alive = sizes[t], held = h.Size(0);
            if (alive < held)
            {
                finishedH.Insert(0, h.Narrow(0, alive, held - alive));
                if (c is not null) finishedC.Insert(0, c.Narrow(0, alive, held - alive));
                (h, c) = (h.Narrow(0, 0, alive), c?.Narrow(0, 0, alive));
            }
            (h, c) = weights.StepProjected(kind, inputGates.Narrow(0, starts[t], alive), h, c);
            outputs[t] = h;
        }
        return (Tensor.Cat(outputs), Joined(h, finishedH), c is null ? null : Joined(c, finishedC));
    }

    /// <summary>
    /// t = T−1 … 0, each sequence starting from the initial state at its own last step: when the batch grows going back
    /// in time, the newly started rows join with their initial state. The final state is the state after step 0.
    /// </summary>
    public (Tensor Output, Tensor H, Tensor? C) Reverse(Tensor rows, Tensor h0, Tensor? c0)
    {
        var inputGates = Functional.Linear(rows, weights.InputToHidden, weights.InputBias);
        var outputs = new Tensor[sizes.Length];
        int batch = h0.Size(0), last = sizes.Length - 1;
        var (h, c) = sizes[last] == batch ? (h0, c0) : (h0.Narrow(0, 0, sizes[last]), c0?.Narrow(0, 0, sizes[last]));
        for (int t = last; t >= 0; t--)
        {
            int alive = sizes[t], held = h.Size(0);
            if (alive > held)
                (h, c) = (Tensor.Cat([h, h0.Narrow(0, held, alive - held)]), c is null ? null : Tensor.Cat([c, c0!.Narrow(0, held, alive - held)]));
            (h, c) = weights.StepProjected(kind, inputGates.Narrow(0, starts[t], alive), h, c);
            outputs[t] = h;
        }
        return (Tensor.Cat(outputs), h, c);
    }

    private static Tensor Joined(Tensor alive, List<Tensor> finished) => finished.Count == 0 ? alive : Tensor.Cat([alive, .. finished]);

    private static int[] Starts(int[] sizes)
    {
        var starts = new int[sizes.Length];
        for (int t = 1; t < sizes.Length; t++) starts[t] = starts[t - 1] + sizes[t - 1];
        return starts;
    }
}
