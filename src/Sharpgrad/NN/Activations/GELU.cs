namespace Sharpgrad.NN;

/// <summary>
/// Gaussian error linear unit, x·Φ(x) (Hendrycks &amp; Gimpel, 2016), the transformer's activation; with
/// <c>approximate: "tanh"</c> the tanh approximation used by GPT-2 and BERT.
/// </summary>
public sealed class GELU(string approximate = "none") : Module<Tensor, Tensor>
{
    public string Approximate { get; } = approximate;

    protected override Tensor ForwardCore(Tensor input) => Functional.Gelu(input, Approximate);

    protected override string ExtraRepr() => $"approximate='{Approximate}'";
}
