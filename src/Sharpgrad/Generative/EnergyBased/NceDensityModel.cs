using Sharpgrad.NN;
using Sharpgrad.Probability;

namespace Sharpgrad.Generative;

/// <summary>
/// Noise-contrastive estimation of a density (GBC §18.6; Gutmann &amp; Hyvärinen 2010). The model is
/// log p_model(x) = log p̃(x; θ) + c, where c ("c", a scalar parameter starting at 0) stands for −log Z and is learned
/// like any other parameter. NCE turns density estimation into classifying data (y = 1) against ν times as many samples
/// of a known noise distribution (y = 0): with G(x) = log p_model(x) − log(ν·p_noise(x)), p(y = 1 | x) = σ(G(x))
/// (GBC eq. 18.31–18.34 with ν noise samples per example), and the loss is the classifier's negative log-likelihood,
/// mean_data ζ(−G) + ν·mean_noise ζ(G). Its optimum is p_model = p_data when the model family holds the data's
/// density, and because that forces p_model to be normalised, c converges to −log Z(θ). The noise must cover the data
/// and have a tractable log density; the closer it is to the data the more informative the classification.
/// </summary>
public sealed class NceDensityModel : Module
{
    /// <param name="unnormalised">log p̃(x; θ): [N, d] → [N]</param>
    /// <param name="noise">p_noise over [d] vectors (e.g. a MultivariateNormal); its samples and log densities are constants</param>
    /// <param name="noiseRatio">ν, noise samples per data example</param>
    public NceDensityModel(Module<Tensor, Tensor> unnormalised, Distribution noise, int noiseRatio = 1)
    {
        ArgumentNullException.ThrowIfNull(unnormalised);
        ArgumentNullException.ThrowIfNull(noise);
        if (noiseRatio < 1) throw new ArgumentOutOfRangeException(nameof(noiseRatio), $"NceDensityModel: the noise ratio ν must be ≥ 1, got {noiseRatio}.");
        if (noise.EventShape.Length != 1 || noise.BatchShape.Length != 0)
            throw new ArgumentException($"NceDensityModel: the noise must be one distribution over vectors (event shape [d], no batch), got event [{string.Join(", ", noise.EventShape)}] and batch [{string.Join(", ", noise.BatchShape)}].");
        Unnormalised = RegisterModule("model", unnormalised);
        Noise = noise;
        NoiseRatio = noiseRatio;
        LogNormaliser = RegisterParameter("c", Tensor.Zeros([], unnormalised.Parameters().FirstOrDefault()?.DType ?? DType.Float32));
    }

    public Module<Tensor, Tensor> Unnormalised { get; }

    public Distribution Noise { get; }

    public int NoiseRatio { get; }

    /// <summary>c, the learned estimate of −log Z.</summary>
    public Tensor LogNormaliser { get; }

    /// <summary>log p_model(x) = log p̃(x) + c per example [N].</summary>
    public Tensor LogDensity(Tensor x)
    {
        var scores = Unnormalised.Forward(x);
        // c takes the model's parameter dtype (float32 for a model without parameters); adding it to scores of another
        // dtype would silently promote, so a mismatch is refused instead.
        if (scores.DType != LogNormaliser.DType)
            throw new ArgumentException(
                $"NceDensityModel: the unnormalised model returned {scores.DType.Name()} scores for input {x.ShapeText}, but c is " +
                $"{LogNormaliser.DType.Name()}; give the model parameters of the data's dtype or convert the input.");
        return scores + LogNormaliser;
    }

    /// <summary>The NCE loss with ν·N fresh noise samples drawn from <paramref name="generator"/>.</summary>
    public Tensor Loss(Tensor data, Generator generator)
    {
        Tensor noiseSamples;
        using (Autograd.NoGrad()) noiseSamples = Noise.Sample([NoiseRatio * data.Size(0)], generator).To(data.DType);
        return Loss(data, noiseSamples);
    }

    /// <summary>The NCE loss with given noise samples (fixed ones make it a deterministic function, for L-BFGS or tests).</summary>
    public Tensor Loss(Tensor data, Tensor noiseSamples)
    {
        int d = Noise.EventShape[0];
        if (data.Rank != 2 || data.Size(1) != d || noiseSamples.Rank != 2 || noiseSamples.Size(1) != d)
            throw new ArgumentException($"NceDensityModel: expected data and noise samples [N, {d}], got {data.ShapeText} and {noiseSamples.ShapeText}.");
        var classifierData = Logit(data);
        var classifierNoise = Logit(noiseSamples);
        return (-classifierData).Softplus().Mean() + classifierNoise.Softplus().Mean() * NoiseRatio;
    }

    /// <summary>G(x) = log p_model(x) − log ν − log p_noise(x).</summary>
    private Tensor Logit(Tensor x)
    {
        Tensor logNoise;
        using (Autograd.NoGrad()) logNoise = Noise.LogProb(x.Detach()).To(x.DType);
        return LogDensity(x) - logNoise - Math.Log(NoiseRatio);
    }
}
