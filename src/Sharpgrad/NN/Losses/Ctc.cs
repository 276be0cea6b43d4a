using Sharpgrad.Kernels;

namespace Sharpgrad.NN;

public static partial class Losses
{
    /// <summary>
    /// Connectionist temporal classification loss (Graves et al. 2006; GBC §10.4): −log p(l | x), where p sums over every
    /// alignment of the target l to the frames — label repeats collapsed, blanks removed — computed by the α–β
    /// forward–backward recursions in log space (Backend.CtcLossAndGradient).
    /// </summary>
    /// <param name="logProbs">[T, N, C] per-frame log-probabilities (e.g. a log-softmax over C), or unbatched [T, C]</param>
    /// <param name="targets">int64 labels, padded [N, S] (S ≥ the longest target) or all targets concatenated, 1-D; [S] when unbatched</param>
    /// <param name="inputLengths">int64 [N]: the frames of each example, at most T</param>
    /// <param name="targetLengths">int64 [N]: the labels of each example</param>
    /// <param name="blank">the blank class</param>
    /// <param name="reduction">Mean divides each loss by its target length (at least 1) and then averages, as PyTorch</param>
    /// <param name="zeroInfinity">replace the +∞ loss of an impossible alignment (too few frames) and its NaN gradient by 0</param>
    /// <remarks>
    /// The gradient is the exact partial derivative w.r.t. the log-probs, −(1/p)·Σ_{s: l′ₛ = c} α_t(s)β_t(s)/y_t(c), first
    /// order only (as PyTorch). PyTorch's backward adds y_t(c) = exp(log y_t(c)) to it, which assumes the log-probs
    /// come from a log-softmax: through a log-softmax both give the same gradient w.r.t. the logits.
    /// </remarks>
    public static Tensor Ctc(Tensor logProbs, Tensor targets, Tensor inputLengths, Tensor targetLengths, int blank = 0,
        Reduction reduction = Reduction.Mean, bool zeroInfinity = false)
    {
        const string op = "Ctc";
        CheckFloat(logProbs, "the log-probabilities", op);
        if (logProbs.Rank == 2) return Unbatched(logProbs, targets, inputLengths, targetLengths, blank, reduction, zeroInfinity);
        if (logProbs.Rank != 3)
            throw new ArgumentException($"{op}: expected log-probabilities [T, N, C] (or unbatched [T, C]), got shape {logProbs.ShapeText}.");
        int frames = logProbs.Size(0), batch = logProbs.Size(1), classes = logProbs.Size(2);
        if (blank < 0 || blank >= classes)
            throw new ArgumentException($"{op}: blank {blank} is not a class of log-probabilities with {classes} classes (shape {logProbs.ShapeText}).");
        var inputs = Lengths(inputLengths, batch, "input lengths", op);
        var lengths = Lengths(targetLengths, batch, "target lengths", op);
        for (int n = 0; n < batch; n++)
            if (inputs[n] > frames)
                throw new ArgumentException($"{op}: input length {inputs[n]} of example {n} exceeds the {frames} frames of log-probabilities of shape {logProbs.ShapeText}.");
        var examples = Examples(targets, inputs, lengths, classes, blank, op);

        // The recursions run in float64 (a float32 input is rounded back at the end), like the linear-algebra ones.
        var device = logProbs.Device;
        var losses = Tensor.Uninitialized(DType.Float64, [batch], device);
        var gradient = Tensor.Empty(DType.Float64, [frames, batch, classes], device);
        logProbs.Backend.CtcLossAndGradient(losses, gradient, logProbs.Detach().To(DType.Float64).Contiguous(), examples, blank, zeroInfinity);
        var loss = losses.To(logProbs.DType);
        var lossGradient = gradient.To(logProbs.DType);
        loss = loss.Record(op, [logProbs], g => [lossGradient.FirstOrderOnly("CtcBackward", logProbs) * g.Reshape(1, batch, 1)]);
        return reduction switch
        {
            Reduction.Mean => (loss / Tensor.FromHost<double>(lengths.Select(l => (double)Math.Max(l, 1)).ToArray(), [batch], device).To(loss.DType)).Mean(),
            _ => Reduce(loss, reduction, op),
        };
    }

    /// <summary><see cref="Ctc(Tensor, Tensor, Tensor, Tensor, int, Reduction, bool)"/> with the lengths given as arrays.</summary>
    public static Tensor Ctc(Tensor logProbs, Tensor targets, int[] inputLengths, int[] targetLengths, int blank = 0,
        Reduction reduction = Reduction.Mean, bool zeroInfinity = false)
        => Ctc(logProbs, targets, Tensor.From(inputLengths.Select(l => (long)l).ToArray()),
            Tensor.From(targetLengths.Select(l => (long)l).ToArray()), blank, reduction, zeroInfinity);

    /// <summary>One example: log-probs [T, C], targets [S] and single lengths, as a batch of one; None gives a 0-d loss.</summary>
    private static Tensor Unbatched(Tensor logProbs, Tensor targets, Tensor inputLengths, Tensor targetLengths, int blank,
        Reduction reduction, bool zeroInfinity)
    {
        if (targets.Rank != 1 || inputLengths.Count != 1 || targetLengths.Count != 1)
            throw new ArgumentException(
                $"Ctc: unbatched log-probabilities {logProbs.ShapeText} take 1-D targets and single lengths, got targets {targets.ShapeText} and lengths {inputLengths.ShapeText} and {targetLengths.ShapeText}.");
        var loss = Ctc(logProbs.Unsqueeze(1), targets.Unsqueeze(0), inputLengths.Reshape(1), targetLengths.Reshape(1), blank, reduction, zeroInfinity);
        return reduction == Reduction.None ? loss.Reshape([]) : loss;
    }

    private static int[] Lengths(Tensor lengths, int batch, string what, string op)
    {
        if (lengths.DType != DType.Int64 || lengths.Rank != 1 || lengths.Size(0) != batch)
            throw new ArgumentException($"{op}: {what} must be an int64 tensor of shape [{batch}], got {lengths.DType.Name()} {lengths.ShapeText}.");
        var values = lengths.ToArray<long>();
        foreach (var v in values)
            if (v < 0) throw new ArgumentException($"{op}: {what} must be non-negative, got {v}.");
        return values.Select(v => (int)v).ToArray();
    }

    /// <summary>Each example's input length and labels, from padded [N, S] or concatenated 1-D targets.</summary>
    private static CtcExample[] Examples(Tensor targets, int[] inputs, int[] lengths, int classes, int blank, string op)
    {
        if (targets.DType != DType.Int64)
            throw new ArgumentException($"{op}: targets must be int64 class indices, got {targets.DType.Name()}.");
        int batch = inputs.Length;
        var all = targets.ToArray<long>();
        bool padded = targets.Rank == 2;
        if (padded && targets.Size(0) != batch || targets.Rank is not (1 or 2))
            throw new ArgumentException($"{op}: targets must be padded [{batch}, S] or concatenated 1-D, got shape {targets.ShapeText}.");
        int total = lengths.Sum();
        if (!padded && total != all.Length)
            throw new ArgumentException($"{op}: the target lengths add up to {total} but the concatenated targets have {all.Length} labels.");
        var examples = new CtcExample[batch];
        for (int n = 0, start = 0; n < batch; n++)
        {
            if (padded && lengths[n] > targets.Size(1))
                throw new ArgumentException($"{op}: target length {lengths[n]} of example {n} exceeds the padded targets' width {targets.Size(1)} (shape {targets.ShapeText}).");
            int from = padded ? n * targets.Size(1) : start;
            var labels = all[from..(from + lengths[n])];
            foreach (var label in labels)
                if (label < 0 || label >= classes || label == blank)
                    throw new ArgumentException($"{op}: target label {label} of example {n} must be a class in [0, {classes}) other than the blank {blank}.");
            examples[n] = new CtcExample(inputs[n], labels);
            start += lengths[n];
        }
        return examples;
    }
}
