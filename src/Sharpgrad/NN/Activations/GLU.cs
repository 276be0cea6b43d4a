namespace Sharpgrad.NN;

/// <summary>Gated linear unit: a ⊙ σ(b) for the two halves a, b of the input along <see cref="Dim"/> (Dauphin et al., 2017).</summary>
public sealed class GLU(int dim = -1) : Module<Tensor, Tensor>
{
    public int Dim { get; } = dim;

    protected override Tensor ForwardCore(Tensor input) => Functional.Glu(input, Dim);

    protected override string ExtraRepr() => $"dim={Dim}";
}
