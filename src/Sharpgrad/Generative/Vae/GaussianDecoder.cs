namespace Sharpgrad.Generative;

/// <summary>
/// Independent Gaussian pixels N(μ, σ²) whose means μ are the decoder's output and whose standard deviation σ is fixed
/// (Kingma &amp; Welling 2014 §C.2 learn σ; a fixed σ is the common simplification and weighs reconstruction against the
/// KL term): log p(x | z) = Σᵢ −(xᵢ − μᵢ)²/(2σ²) − log σ − ½ log 2π.
/// </summary>
public sealed class GaussianDecoder : IDecoderLikelihood
{
    public GaussianDecoder(double stdDev = 1)
    {
        if (!(stdDev > 0) || double.IsInfinity(stdDev))
            throw new ArgumentOutOfRangeException(nameof(stdDev), $"GaussianDecoder: the standard deviation must be finite and > 0, got {stdDev}.");
        StdDev = stdDev;
    }

    public double StdDev { get; }

    public Tensor LogLikelihood(Tensor decoderOutput, Tensor input)
    {
        var perPixel = (input - decoderOutput).Square() * (-0.5 / (StdDev * StdDev)) - (Math.Log(StdDev) + 0.5 * Math.Log(2 * Math.PI));
        return perPixel.Flatten(1).Sum(1);
    }

    public Tensor Mean(Tensor decoderOutput) => decoderOutput;

    public override string ToString() => $"GaussianDecoder(std={StdDev})";
}
