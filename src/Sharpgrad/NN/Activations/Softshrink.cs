namespace Sharpgrad.NN;

/// <summary>The soft-thresholding operator x − λ·sign(x) where |x| &gt; λ, else 0: the proximal step of L1 (ISTA).</summary>
public sealed class Softshrink(double lambda = 0.5) : Module<Tensor, Tensor>
{
    public double Lambda { get; } = lambda;

    protected override Tensor ForwardCore(Tensor input) => Functional.Softshrink(input, Lambda);

    protected override string ExtraRepr() => $"lambd={Lambda}";
}
