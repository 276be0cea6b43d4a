namespace Sharpgrad.NN;

/// <summary>log softmax(x) along <see cref="Dim"/>, computed as x − logsumexp(x) so it never takes log(0).</summary>
public sealed class LogSoftmax(int dim = -1) : Module<Tensor, Tensor>
{
    public int Dim { get; } = dim;

    protected override Tensor ForwardCore(Tensor input) => Functional.LogSoftmax(input, Dim);

    protected override string ExtraRepr() => $"dim={Dim}";
}
