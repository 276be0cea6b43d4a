namespace Sharpgrad.NN;

/// <summary>
/// Inverted dropout (GBC §7.12): while training, each element is zeroed with probability <see cref="P"/> and the
/// survivors are scaled by 1/(1 − p), so no rescaling is needed at test time, when the layer is the identity
/// (<see cref="ModuleExtensions.Eval"/>). The book's usual choices: keep 0.8 of the inputs (p = 0.2) and 0.5 of hidden units.
/// </summary>
public sealed class Dropout : Module<Tensor, Tensor>
{
    private readonly Generator? generator;

    /// <summary>The probability of dropping an element, in [0, 1).</summary>
    public double P { get; }

    /// <param name="p">drop probability in [0, 1)</param>
    /// <param name="generator">source of the masks; the same seed gives the same masks (default: <see cref="Generator.Default"/>)</param>
    public Dropout(double p = 0.5, Generator? generator = null)
    {
        Functional.CheckDropoutProbability(p);
        P = p;
        this.generator = generator;
    }

    protected override Tensor ForwardCore(Tensor input) => Functional.Dropout(input, P, IsTraining, generator);

    protected override string ExtraRepr() => $"p={P}";
}
