namespace Sharpgrad.Backends;

// Gamma sampling (Probability/Distributions/StandardGamma.cs), the source of every Gamma-based distribution.
internal abstract partial class Backend
{
    /// <summary>
    /// One Gamma(α, 1) draw per element of <paramref name="output"/>, α the element of <paramref name="concentration"/>
    /// at the same position (Marsaglia &amp; Tsang 2000), drawn from <paramref name="generator"/> in element order so a
    /// seed gives the same samples on every backend. NaN where α ≤ 0 or NaN. float64, contiguous. Writes output.
    /// </summary>
    public abstract void SampleGamma(Tensor output, Tensor concentration, Generator generator);

    /// <summary>
    /// dx/dα of Gamma(α, 1) samples x by implicit reparameterisation (Figurnov, Mohamed &amp; Mnih 2018):
    /// −(∂P(α, x)/∂α) / p(x; α), with P the regularised lower incomplete gamma function; 0 where x is not a positive
    /// finite number. float64, contiguous, one shape. Writes gradient.
    /// </summary>
    public abstract void GammaSampleGradient(Tensor gradient, Tensor sample, Tensor concentration);
}
