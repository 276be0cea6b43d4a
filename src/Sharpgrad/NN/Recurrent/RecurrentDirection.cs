namespace Sharpgrad.NN;

/// <summary>
/// One layer in one direction over packed rows (see <see cref="RecurrentSequence"/>): step t reads the <c>sizes[t]</c>
/// rows starting at the sum of the earlier sizes. Because the sequences are sorted longest first, the sequences alive at
/// step t are the first <c>sizes[t]</c> of the batch: the state's other rows are either finished (forward) or not
/// started yet (reverse), and are simply left out of the step.
/// A plain LSTM over full steps runs as one node over the whole sequence instead (<see cref="LstmSequence"/>) unless
/// <paramref name="fused"/> is false, which keeps the per-step path (the fused node's recorded backward and its oracle).
/// </summary>
internal sealed class RecurrentDirection(RecurrentKind kind, RecurrentWeights weights, int[] sizes, bool fused = true)
{
    private readonly int[] starts = Starts(sizes);

    /// <summary>
    /// t = 0 … T−1. A sequence that ends before step t keeps the state of its last real step: those rows are set aside
    /// when the batch shrinks and joined back, in row order, after the last step.
    /// </summary>
    public (Tensor Output, Tensor H, Tensor? C) Forward(Tensor rows, Tensor h, Tensor? c)
    {
        if (WholeSequence(rows)) return LstmSequence.Run(weights, rows, h, c!, sizes.Length, reverse: false);
        var inputGates = StepGates(rows);
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
            (h, c) = weights.StepProjected(kind, inputGates[t], h, c);
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
        if (WholeSequence(rows)) return LstmSequence.Run(weights, rows, h0, c0!, sizes.Length, reverse: true);
        var inputGates = StepGates(rows);
        var outputs = new Tensor[sizes.Length];
        int batch = h0.Size(0), last = sizes.Length - 1;
        var (h, c) = sizes[last] == batch ? (h0, c0) : (h0.Narrow(0, 0, sizes[last]), c0?.Narrow(0, 0, sizes[last]));
        for (int t = last; t >= 0; t--)
        {
            int alive = sizes[t], held = h.Size(0);
            if (alive > held)
                (h, c) = (Tensor.Cat([h, h0.Narrow(0, held, alive - held)]), c is null ? null : Tensor.Cat([c, c0!.Narrow(0, held, alive - held)]));
            (h, c) = weights.StepProjected(kind, inputGates[t], h, c);
            outputs[t] = h;
        }
        return (Tensor.Cat(outputs), h, c);
    }

    /// <summary>
    /// The input projection x·W_ihᵀ + b_ih of every step: one GEMM over all rows, handed out as one view per step. The
    /// backward of a view scatters its gradient into a zero tensor the size of what it views, so T views taken straight
    /// from the [rows, G·H] result would cost T full-size fills and additions (O(T²) memory traffic, about a third of an
    /// lstm_lm_step at T = 64, measured). Taken through ⌈√T⌉ blocks of ⌈√T⌉ steps, each step's gradient is scattered
    /// into its block and each block's into the whole: O(T√T).
    /// </summary>
    private Tensor[] StepGates(Tensor rows)
    {
        var inputGates = Functional.Linear(rows, weights.InputToHidden, weights.InputBias);
        int steps = sizes.Length, block = (int)Math.Ceiling(Math.Sqrt(steps));
        var views = new Tensor[steps];
        for (int first = 0; first < steps; first += block)
        {
            int last = Math.Min(steps, first + block) - 1;
            var blockGates = inputGates.Narrow(0, starts[first], starts[last] + sizes[last] - starts[first]);
            for (int t = first; t <= last; t++) views[t] = blockGates.Narrow(0, starts[t] - starts[first], sizes[t]);
        }
        return views;
    }

    private bool WholeSequence(Tensor rows) => fused && LstmSequence.Applies(kind, weights, sizes, rows);

    private static Tensor Joined(Tensor alive, List<Tensor> finished) => finished.Count == 0 ? alive : Tensor.Cat([alive, .. finished]);

    private static int[] Starts(int[] sizes)
    {
        var starts = new int[sizes.Length];
        for (int t = 1; t < sizes.Length; t++) starts[t] = starts[t - 1] + sizes[t - 1];
        return starts;
    }
}
