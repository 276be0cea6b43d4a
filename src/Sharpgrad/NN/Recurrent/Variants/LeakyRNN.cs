namespace Sharpgrad.NN;

/// <summary>
/// A layer of leaky units (GBC §10.9.2; Mozer 1992, Jaeger et al. 2007): each unit is a running average
/// μ_t = α ⊙ μ_{t−1} + (1 − α) ⊙ v_t of what a tanh RNN would have computed, v_t = tanh(W_ih x_t + b_ih + W_hh μ_{t−1} + b_hh).
/// α near 1 makes the unit remember for about 1/(1 − α) steps, α = 0 is the plain <see cref="RNN"/>. α is one
/// number or one per unit (<c>perUnit</c>), fixed (the buffer <c>alpha</c>) or learned; a learned α is stored as the
/// parameter <c>alpha_logit</c> with α = σ(alpha_logit), so gradient steps keep it inside (0, 1). PyTorch has no such
/// layer; the weights have <see cref="RNNCell"/>'s names and shapes.
/// </summary>
public sealed class LeakyRNN : RecurrenceVariant
{
    private readonly Tensor alphaTensor;

    /// <summary>Whether α is a parameter (learned through σ) rather than a fixed buffer.</summary>
    public bool LearnAlpha { get; }

    /// <param name="alpha">initial (or fixed) α in [0, 1], (0, 1) when learned</param>
    /// <param name="perUnit">one α per hidden unit ([H]) instead of one for the layer ([])</param>
    public LeakyRNN(int inputSize, int hiddenSize, double alpha = 0.5, bool perUnit = false, bool learnAlpha = false, bool bias = true,
        DType dtype = DType.Float32, Generator? generator = null)
        : base(inputSize, hiddenSize, bias, dtype, generator)
    {
        bool inRange = learnAlpha ? alpha is > 0 and < 1 : alpha is >= 0 and <= 1;
        if (!inRange)
            throw new ArgumentException($"LeakyRNN: alpha must lie in {(learnAlpha ? "(0, 1) when learned" : "[0, 1]")}, got {alpha}.", nameof(alpha));
        LearnAlpha = learnAlpha;
        int[] shape = perUnit ? [hiddenSize] : [];
        alphaTensor = learnAlpha
            ? RegisterParameter("alpha_logit", Tensor.Full(shape, Math.Log(alpha / (1 - alpha)), dtype))
            : RegisterBuffer("alpha", Tensor.Full(shape, alpha, dtype));
    }

    /// <summary>The current α, [] or [H]: the buffer, or σ(alpha_logit) when learned.</summary>
    public Tensor Alpha => LearnAlpha ? alphaTensor.Sigmoid() : alphaTensor;

    /// <summary>α μ, 1 − α, (1 − α) v and the sum: 4 per unit.</summary>
    private protected override long ExtraFlopsPerRow => 4L * HiddenSize;

    private protected override IReadOnlyList<Tensor> Unroll(Tensor projected, Tensor h0) => Run(weights, projected, h0, Alpha);

    /// <summary>The recurrence itself, as a function of its tensors (the op table checks it to second order).</summary>
    internal static List<Tensor> Run(RecurrentWeights weights, Tensor projected, Tensor h0, Tensor alpha)
    {
        var states = new List<Tensor>(projected.Size(0));
        var mu = h0;
        for (int t = 0; t < projected.Size(0); t++)
        {
            var v = weights.StepProjected(RecurrentKind.RnnTanh, projected[t], mu, null).H;
            mu = alpha * mu + (1 - alpha) * v; // the book's form: exact at α = 0 (plain RNN) and α = 1 (μ held)
            states.Add(mu);
        }
        return states;
    }
}
