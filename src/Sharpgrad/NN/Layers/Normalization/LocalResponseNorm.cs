namespace Sharpgrad.NN;

/// <summary>
/// Local response normalisation across channels (Krizhevsky et al. 2012, AlexNet; <see cref="Functional.LocalResponseNorm"/>):
/// b_c = a_c / (k + α/n · Σ a_{c′}²)^β over the n = <see cref="Size"/> neighbouring channels, a form of lateral
/// inhibition between feature maps. AlexNet used n = 5, α = 1e-4, β = 0.75, k = 2.
/// </summary>
public sealed class LocalResponseNorm : Module<Tensor, Tensor>
{
    public LocalResponseNorm(int size, double alpha = 1e-4, double beta = 0.75, double k = 1)
    {
        if (size < 1) throw new ArgumentException($"LocalResponseNorm: size must be at least 1, got {size}.");
        (Size, Alpha, Beta, K) = (size, alpha, beta, k);
    }

    public int Size { get; }
    public double Alpha { get; }
    public double Beta { get; }
    public double K { get; }

    protected override Tensor ForwardCore(Tensor input) => Functional.LocalResponseNorm(input, Size, Alpha, Beta, K);

    protected override string ExtraRepr() => $"{Size}, alpha={PyRepr.Number(Alpha)}, beta={PyRepr.Number(Beta)}, k={PyRepr.Number(K)}";
}
