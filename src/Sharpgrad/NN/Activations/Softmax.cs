namespace Sharpgrad.NN;

/// <summary>
/// softmax(βx) along <see cref="Dim"/> (GBC §6.2.2.3): a categorical distribution. β is the inverse temperature:
/// β → ∞ approaches a one-hot argmax, β → 0 the uniform distribution. For a loss, prefer <see cref="LogSoftmax"/>
/// or <see cref="Losses.CrossEntropy"/> on the logits, which stay finite.
/// </summary>
public sealed class Softmax(int dim = -1, double beta = 1) : Module<Tensor, Tensor>
{
    public int Dim { get; } = dim;
    public double Beta { get; } = beta;

    protected override Tensor ForwardCore(Tensor input) => Functional.Softmax(input, Dim, Beta);

    protected override string ExtraRepr() => Beta == 1 ? $"dim={Dim}" : $"dim={Dim}, beta={Beta}";
}
