namespace Sharpgrad.NN;

/// <summary>
/// Channel dropout for convolutional feature maps (<see cref="Functional.Dropout2d"/>): in training, whole channels of
/// [N, C, H, W] are zeroed with probability <see cref="P"/> and the rest scaled by 1/(1 − p); identity in evaluation.
/// </summary>
public sealed class Dropout2d : Module<Tensor, Tensor>
{
    private readonly Generator? generator;

    public Dropout2d(double p = 0.5, Generator? generator = null)
    {
        Functional.CheckDropoutProbability(p);
        P = p;
        this.generator = generator;
    }

    /// <summary>The probability of dropping a channel, in [0, 1).</summary>
    public double P { get; }

    protected override Tensor ForwardCore(Tensor input) => Functional.Dropout2d(input, P, IsTraining, generator);

    protected override string ExtraRepr() => $"p={PyRepr.Number(P)}";
}
