namespace Sharpgrad.NN;

/// <summary>x clipped to [min, max] (GBC §6.3.3: the hard tanh); the gradient is 1 inside the interval, 0 outside.</summary>
public sealed class Hardtanh : Module<Tensor, Tensor>
{
    public double Min { get; }
    public double Max { get; }

    public Hardtanh(double min = -1, double max = 1)
    {
        if (min > max) throw new ArgumentException($"Hardtanh: min ({min}) must not exceed max ({max}).");
        Min = min;
        Max = max;
    }

    protected override Tensor ForwardCore(Tensor input) => Functional.Hardtanh(input, Min, Max);

    protected override string ExtraRepr() => $"min_val={Min}, max_val={Max}";
}
