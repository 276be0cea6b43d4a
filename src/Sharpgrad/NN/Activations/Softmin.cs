namespace Sharpgrad.NN;

/// <summary>softmax(−x) along <see cref="Dim"/>.</summary>
public sealed class Softmin(int dim = -1) : Module<Tensor, Tensor>
{
    public int Dim { get; } = dim;

    protected override Tensor ForwardCore(Tensor input) => Functional.Softmin(input, Dim);

    protected override string ExtraRepr() => $"dim={Dim}";
}
