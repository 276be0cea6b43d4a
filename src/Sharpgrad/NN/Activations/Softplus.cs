namespace Sharpgrad.NN;

/// <summary>log(1 + e^{βx})/β, a smooth version of ReLU (GBC §3.10, §6.3.3); linear where βx exceeds the threshold.</summary>
public sealed class Softplus : Module<Tensor, Tensor>
{
    public double Beta { get; }
    public double Threshold { get; }

    public Softplus(double beta = 1, double threshold = 20)
    {
        if (beta <= 0) throw new ArgumentException($"Softplus: beta must be positive, got {beta}.");
        Beta = beta;
        Threshold = threshold;
    }

    protected override Tensor ForwardCore(Tensor input) => Functional.Softplus(input, Beta, Threshold);

    protected override string ExtraRepr() => $"beta={Beta}, threshold={Threshold}";
}
