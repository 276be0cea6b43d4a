namespace Sharpgrad.NN;

/// <summary>
/// A tanh RNN with a skip connection through time (GBC §10.9.1; Lin et al. 1996): besides h_{t−1}, each step reads the
/// state d steps back, h_t = tanh(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh + W_hs h_{t−d}). A gradient then reaches τ steps
/// back through about τ/d products of Jacobians instead of τ, so it vanishes or explodes d times more slowly. The skip
/// weight is the parameter <c>weight_hs</c> [H, H], drawn like the others from U(−1/√H, 1/√H). Before the sequence
/// starts every state is h0 (h_{t} = h0 for t &lt; 0), as if the initial state had been held for d steps.
/// </summary>
public sealed class SkipRNN : RecurrenceVariant
{
    /// <summary>The delay d ≥ 2 of the skip connection (d = 1 is W_hh itself).</summary>
    public int Delay { get; }

    /// <summary>W_hs [H, H].</summary>
    public Tensor SkipWeight { get; }

    public SkipRNN(int inputSize, int hiddenSize, int delay, bool bias = true, DType dtype = DType.Float32, Generator? generator = null)
        : base(inputSize, hiddenSize, bias, dtype, generator)
    {
        if (delay < 2)
            throw new ArgumentException($"SkipRNN: delay must be at least 2 (delay 1 is the ordinary recurrent weight), got {delay}.", nameof(delay));
        Delay = delay;
        SkipWeight = RegisterParameter("weight_hs", Tensor.Zeros([hiddenSize, hiddenSize], dtype));
        double bound = 1 / Math.Sqrt(hiddenSize);
        Init.Uniform(SkipWeight, -bound, bound, generator);
    }

    /// <summary>The skip GEMM h_{t−d}·W_hsᵀ (2 per multiply-add) and its addition to the pre-activation.</summary>
    private protected override long ExtraFlopsPerRow => 2L * HiddenSize * HiddenSize + HiddenSize;

    private protected override IReadOnlyList<Tensor> Unroll(Tensor projected, Tensor h0) => Run(weights, SkipWeight, Delay, projected, h0);

    /// <summary>The recurrence itself, as a function of its tensors (the op table checks it to second order).</summary>
    internal static List<Tensor> Run(RecurrentWeights weights, Tensor skipWeight, int delay, Tensor projected, Tensor h0)
    {
        var states = new List<Tensor>(projected.Size(0));
        for (int t = 0; t < projected.Size(0); t++)
        {
            var previous = t >= 1 ? states[t - 1] : h0;
            var skipped = t >= delay ? states[t - delay] : h0;
            // The skip term is one more input to the tanh: add it to the projected input and take an RNN step.
            states.Add(weights.StepProjected(RecurrentKind.RnnTanh, projected[t] + Functional.Linear(skipped, skipWeight, null), previous, null).H);
        }
        return states;
    }
}
