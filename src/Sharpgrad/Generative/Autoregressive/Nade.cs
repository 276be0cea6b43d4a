using Sharpgrad.NN;

namespace Sharpgrad.Generative;

/// <summary>
/// The neural autoregressive density estimator (Larochelle &amp; Murray 2011; GBC §20.10.10) for binary vectors:
/// p(v) = Πᵢ p(vᵢ | v₍&lt;ᵢ₎) with p(vᵢ = 1 | v₍&lt;ᵢ₎) = σ(bᵢ + Vᵢ·hᵢ) and hᵢ = σ(c + W:,₍&lt;ᵢ₎·v₍&lt;ᵢ₎). The hidden
/// layers of the D conditionals share one weight matrix (GBC's W′ⱼ,ₖ,ᵢ = Wₖ,ᵢ), so hᵢ₊₁'s pre-activation is hᵢ's plus
/// W:,ᵢ·vᵢ and all D of them come from one cumulative sum: the exact log-likelihood costs O(DH), like one forward pass
/// of an autoencoder, with no partition function. Parameters: "input_weight" W [hidden, visible], "output_weight"
/// V [visible, hidden], "visible_bias" b [visible], "hidden_bias" c [hidden]; weights start at N(0, 0.01²), biases at 0.
/// The variables are taken in their index order.
/// </summary>
public sealed class Nade : Module
{
    public Nade(int visible, int hidden, DType dtype = DType.Float32, Generator? generator = null)
    {
        if (visible < 1 || hidden < 1) throw new ArgumentException($"Nade: visible and hidden sizes must be positive, got {visible} and {hidden}.");
        if (!dtype.IsFloatingPoint()) throw new ArgumentException($"Nade: dtype must be float32 or float64, got {dtype.Name()}.");
        InputWeight = RegisterParameter("input_weight", Init.Normal(Tensor.Zeros([hidden, visible], dtype), 0, 0.01, generator));
        OutputWeight = RegisterParameter("output_weight", Init.Normal(Tensor.Zeros([visible, hidden], dtype), 0, 0.01, generator));
        VisibleBias = RegisterParameter("visible_bias", Tensor.Zeros([visible], dtype));
        HiddenBias = RegisterParameter("hidden_bias", Tensor.Zeros([hidden], dtype));
    }

    public Tensor InputWeight { get; }

    public Tensor OutputWeight { get; }

    public Tensor VisibleBias { get; }

    public Tensor HiddenBias { get; }

    public int VisibleSize => InputWeight.Size(1);

    /// <summary>The logits of p(vᵢ = 1 | v₍&lt;ᵢ₎) for every example and position [N, visible].</summary>
    public Tensor ConditionalLogits(Tensor visible)
    {
        if (visible.Rank != 2 || visible.Size(1) != VisibleSize)
            throw new ArgumentException($"Nade: expected binary vectors [N, {VisibleSize}], got {visible.ShapeText}.");
        var contributions = visible.Unsqueeze(2) * InputWeight.T.Unsqueeze(0);          // [N, D, H]: W:,ᵢ·vᵢ
        var preActivations = contributions.CumSum(1) - contributions + HiddenBias;       // exclusive sum: only j < i
        return (preActivations.Sigmoid() * OutputWeight).Sum(2) + VisibleBias;
    }

    /// <summary>The exact log p(v) per example [N], in nats: Σᵢ vᵢ·lᵢ − ζ(lᵢ).</summary>
    public Tensor LogLikelihood(Tensor visible)
    {
        var logits = ConditionalLogits(visible);
        return (visible * logits - logits.Softplus()).Sum(1);
    }

    /// <summary>Exact samples by ancestral sampling, one variable at a time.</summary>
    public Tensor Sample(int count, Generator generator)
    {
        using var _ = Autograd.NoGrad();
        var preActivation = HiddenBias.Detach().Unsqueeze(0).Expand(count, HiddenBias.Size(0));
        var columns = new List<Tensor>();
        for (int i = 0; i < VisibleSize; i++)
        {
            var p = (preActivation.Sigmoid().MatMul(OutputWeight.Detach().Select(0, i)) + VisibleBias.Detach().Select(0, i)).Sigmoid();
            var vi = Tensor.Rand(p.Shape, p.DType, generator).Lt(p).To(p.DType);
            columns.Add(vi);
            preActivation = preActivation + vi.Unsqueeze(1) * InputWeight.Detach().Select(1, i);
        }
        return Tensor.Stack(columns, dim: 1);
    }
}
