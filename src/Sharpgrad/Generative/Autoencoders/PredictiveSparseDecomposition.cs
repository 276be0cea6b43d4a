using Sharpgrad.NN;

namespace Sharpgrad.Generative;

/// <summary>
/// Predictive sparse decomposition, PSD (GBC §14.8; Kavukcuoglu, Ranzato &amp; LeCun 2008): sparse coding with a
/// parametric encoder trained to predict the code. The energy of an input x and a code h is
/// ‖x − g(h)‖² + λ‖h‖₁ + γ‖h − f(x)‖² (GBC eq. 14.19), with the decoder g(h) = Dh ("decoder.weight" D [inputs, code],
/// one unit-norm atom per column, no bias) and the encoder f(x) = G ⊙ tanh(Wx + b) ("encoder.weight", "encoder.bias",
/// and the diagonal gain G, "gain", as in the paper). Training alternates, as the book describes: minimise the energy
/// over h for fixed parameters (<see cref="InferCodes"/>, ISTA started at f(x)), then take a gradient step on the
/// parameters at that h (<see cref="Loss"/>) and renormalise the atoms (<see cref="NormaliseDictionary"/>; without it
/// the L1 term could be dodged by growing D). After training, f(x) alone is a fast approximation of the sparse code.
/// </summary>
public sealed class PredictiveSparseDecomposition : Module
{
    /// <param name="sparsity">λ, the weight of ‖h‖₁</param>
    /// <param name="predictionWeight">γ, the weight of ‖h − f(x)‖² (the paper uses 1)</param>
    public PredictiveSparseDecomposition(int inputs, int codeSize, double sparsity, double predictionWeight = 1.0, DType dtype = DType.Float32, Generator? generator = null)
    {
        if (inputs < 1 || codeSize < 1)
            throw new ArgumentException($"PredictiveSparseDecomposition: inputs and code size must be positive, got {inputs} and {codeSize}.");
        if (!(sparsity >= 0) || !(predictionWeight >= 0))
            throw new ArgumentOutOfRangeException(nameof(sparsity), $"PredictiveSparseDecomposition: λ and γ must be ≥ 0, got {sparsity} and {predictionWeight}.");
        Sparsity = sparsity;
        PredictionWeight = predictionWeight;
        Encoder = RegisterModule("encoder", new Linear(inputs, codeSize, dtype: dtype, generator: generator));
        Gain = RegisterParameter("gain", Tensor.Ones([codeSize], dtype));
        Decoder = RegisterModule("decoder", new Linear(codeSize, inputs, bias: false, dtype: dtype, generator: generator));
        NormaliseDictionary();
    }

    public double Sparsity { get; }

    public double PredictionWeight { get; }

    public Linear Encoder { get; }

    public Tensor Gain { get; }

    public Linear Decoder { get; }

    /// <summary>The dictionary D [inputs, code], one atom per column.</summary>
    public Tensor Dictionary => Decoder.Weight;

    /// <summary>The encoder's prediction f(x) = G ⊙ tanh(Wx + b) [N, code].</summary>
    public Tensor Encode(Tensor input) => Encoder.Forward(RequireInput(input)).Tanh() * Gain;

    /// <summary>g(h) = Dh for codes [N, code].</summary>
    public Tensor Decode(Tensor codes) => Decoder.Forward(codes);

    /// <summary>The energy ‖x − Dh‖² + λ‖h‖₁ + γ‖h − f(x)‖² of each example [N], differentiable w.r.t. the parameters.</summary>
    public Tensor Energy(Tensor input, Tensor codes)
    {
        RequireCodes(RequireInput(input), codes);
        return (input - Decode(codes)).Square().Sum(1) + codes.Abs().Sum(1) * Sparsity + (codes - Encode(input)).Square().Sum(1) * PredictionWeight;
    }

    /// <summary>The codes that minimise the energy for fixed parameters: <paramref name="steps"/> ISTA steps from f(x).</summary>
    public Tensor InferCodes(Tensor input, int steps)
    {
        using var _ = Autograd.NoGrad();
        var prediction = Encode(input);
        return Ista(input, prediction, prediction, PredictionWeight, steps);
    }

    /// <summary>
    /// The optimal sparse codes under the current dictionary alone, argmin ‖x − Dh‖² + λ‖h‖₁ (γ = 0, from h = 0): what
    /// the encoder learns to predict.
    /// </summary>
    public Tensor SparseCodes(Tensor input, int steps)
    {
        using var _ = Autograd.NoGrad();
        var zeros = Tensor.Zeros([RequireInput(input).Size(0), Dictionary.Size(1)], Dictionary.DType);
        return Ista(input, zeros, zeros, 0, steps);
    }

    /// <summary>The parameter step's loss: the mean energy at the inferred codes h*, held constant.</summary>
    public Tensor Loss(Tensor input, int inferenceSteps) => Energy(input, InferCodes(input, inferenceSteps)).Mean();

    /// <summary>Scales every atom (column of D) to unit norm; call after each optimiser step.</summary>
    public void NormaliseDictionary()
    {
        using var _ = Autograd.NoGrad();
        Dictionary.CopyFrom(Dictionary / Dictionary.Square().Sum(0, keepdim: true).Sqrt().Clamp(1e-12, null));
    }

    /// <summary>
    /// ISTA on ‖x − Dh‖² + γ‖h − p‖² + λ‖h‖₁: a gradient step 2(Dh − x)ᵀD + 2γ(h − p) of size 1/L with
    /// L = 2(λ_max(DᵀD) + γ), the smooth part's Lipschitz constant, then soft thresholding at λ/L (its proximal step).
    /// </summary>
    private Tensor Ista(Tensor input, Tensor start, Tensor prediction, double gamma, int steps)
    {
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), $"PredictiveSparseDecomposition: ISTA steps must be ≥ 0, got {steps}.");
        var d = Dictionary.Detach();
        double lipschitz = 2 * (Linalg.Eigvalsh(d.T.MatMul(d)).Max().Item() + gamma);
        var h = start;
        for (int s = 0; s < steps; s++)
        {
            var gradient = (h.MatMul(d.T) - input).MatMul(d) * 2 + (h - prediction) * (2 * gamma);
            h = Functional.Softshrink(h - gradient / lipschitz, Sparsity / lipschitz);
        }
        return h;
    }

    private Tensor RequireInput(Tensor input)
    {
        if (input.Rank != 2 || input.Size(1) != Encoder.Weight.Size(1))
            throw new ArgumentException($"PredictiveSparseDecomposition: expected inputs [N, {Encoder.Weight.Size(1)}], got {input.ShapeText}.");
        return input;
    }

    private void RequireCodes(Tensor input, Tensor codes)
    {
        if (codes.Rank != 2 || codes.Size(0) != input.Size(0) || codes.Size(1) != Dictionary.Size(1))
            throw new ArgumentException($"PredictiveSparseDecomposition: expected codes [{input.Size(0)}, {Dictionary.Size(1)}] for inputs {input.ShapeText}, got {codes.ShapeText}.");
    }
}
