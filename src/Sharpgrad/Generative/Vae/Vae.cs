using Sharpgrad.NN;

namespace Sharpgrad.Generative;

/// <summary>
/// A variational autoencoder (Kingma &amp; Welling 2014; GBC §20.10.3). The encoder maps x [N, ...] to [N, 2L], read as the
/// mean μ and log-variance log σ² of q(z | x) = N(μ, diag σ²); the decoder maps z [N, L] to the parameters of
/// p(x | z) (<see cref="IDecoderLikelihood"/>); the prior is p(z) = N(0, I). Training maximises the ELBO
/// L = E_q[log p(x | z)] − KL(q(z | x) ‖ p(z)), with z = μ + σ ⊙ ε, ε ~ N(0, I) (the reparameterisation trick, GBC §20.9),
/// so gradients flow to the encoder through the sample. All bounds are per example, in nats.
/// Forward returns (decoder output, μ, log σ²): sampled z in training mode, z = μ in eval mode.
/// </summary>
public sealed class Vae : Module<Tensor, (Tensor Output, Tensor Mean, Tensor LogVar)>
{
    private static readonly double HalfLog2Pi = 0.5 * Math.Log(2 * Math.PI);

    public Vae(Module<Tensor, Tensor> encoder, Module<Tensor, Tensor> decoder, int latentSize, IDecoderLikelihood likelihood,
        Generator? generator = null)
    {
        if (latentSize < 1) throw new ArgumentOutOfRangeException(nameof(latentSize), $"Vae: the latent size must be at least 1, got {latentSize}.");
        Encoder = RegisterModule("encoder", encoder ?? throw new ArgumentNullException(nameof(encoder)));
        Decoder = RegisterModule("decoder", decoder ?? throw new ArgumentNullException(nameof(decoder)));
        LatentSize = latentSize;
        Likelihood = likelihood ?? throw new ArgumentNullException(nameof(likelihood));
        Generator = generator ?? Generator.Default;
    }

    public Module<Tensor, Tensor> Encoder { get; }

    public Module<Tensor, Tensor> Decoder { get; }

    public int LatentSize { get; }

    public IDecoderLikelihood Likelihood { get; }

    /// <summary>Draws ε for <see cref="Forward"/>, <see cref="Loss"/> and <see cref="Sample"/>.</summary>
    public Generator Generator { get; }

    /// <summary>The parameters (μ, log σ²) of q(z | x), each [N, L].</summary>
    public (Tensor Mean, Tensor LogVar) Encode(Tensor input)
    {
        var h = Encoder.Forward(input);
        if (h.Rank != 2 || h.Size(0) != input.Size(0) || h.Size(1) != 2 * LatentSize)
            throw new ArgumentException(
                $"Vae: the encoder must output [N, 2·latent] = [{input.Size(0)}, {2 * LatentSize}] (mean and log-variance), got {h.ShapeText} for input {input.ShapeText}.");
        var parts = h.Chunk(2, dim: 1);
        return (parts[0], parts[1]);
    }

    /// <summary>The decoder's output for codes z [N, L] (logits or means, per the likelihood).</summary>
    public Tensor Decode(Tensor latent)
    {
        if (latent.Rank != 2 || latent.Size(1) != LatentSize)
            throw new ArgumentException($"Vae: expected codes [N, {LatentSize}], got {latent.ShapeText}.");
        return Decoder.Forward(latent);
    }

    /// <summary>KL(N(μ, σ²) ‖ N(0, I)) = ½ Σⱼ (μⱼ² + σⱼ² − 1 − log σⱼ²) per example (Kingma &amp; Welling App. B).</summary>
    public static Tensor KlToStandardNormal(Tensor mean, Tensor logVar)
        => ((mean.Square() + logVar.Exp() - 1 - logVar) * 0.5).Sum(1);

    /// <summary>
    /// The ELBO estimate per example [N] with the analytic KL, log p(x | z) − KL(q ‖ p), for the noise ε [N, L] given —
    /// the estimator Kingma &amp; Welling train with (their eq. 10), lower-variance than the all-Monte-Carlo one.
    /// </summary>
    public Tensor Elbo(Tensor input, Tensor noise)
    {
        var (mean, logVar) = Encode(input);
        var z = Reparameterise(mean, logVar, noise, input);
        return LogLikelihood(Decode(z), input) - KlToStandardNormal(mean, logVar);
    }

    /// <summary>
    /// The importance-weighted bound (Burda et al. 2016) per example [N]: log (1/K) Σₖ p(x, zₖ)/q(zₖ | x) with
    /// zₖ = μ + σ ⊙ εₖ for the noise ε [K, N, L]. K = 1 is the ELBO estimated entirely by Monte Carlo; the bound rises
    /// toward log p(x) as K grows.
    /// </summary>
    public Tensor Iwae(Tensor input, Tensor noise)
    {
        if (noise.Rank != 3 || noise.Size(1) != input.Size(0) || noise.Size(2) != LatentSize)
            throw new ArgumentException($"Vae: IWAE noise must be [K, N, latent] = [K, {input.Size(0)}, {LatentSize}], got {noise.ShapeText}.");
        int k = noise.Size(0), n = input.Size(0);
        var (mean, logVar) = Encode(input);
        var z = mean + (logVar * 0.5).Exp() * noise;                                   // [K, N, L]
        var flatZ = z.Reshape(k * n, LatentSize);
        var repeated = input.Unsqueeze(0).Expand([k, .. input.Shape.ToArray()]).Reshape([k * n, .. input.Shape.ToArray()[1..]]);
        var logPxGivenZ = LogLikelihood(Decode(flatZ), repeated).Reshape(k, n);
        var logPz = (flatZ.Square() * -0.5 - HalfLog2Pi).Sum(1).Reshape(k, n);
        var logQz = (noise.Square() * -0.5 - logVar * 0.5 - HalfLog2Pi).Sum(2);      // log N(z; μ, σ²) with z − μ = σε
        var logWeights = logPxGivenZ + logPz - logQz;
        return logWeights.LogSumExp(0) - Math.Log(k);
    }

    /// <summary>The training loss: −mean ELBO over the batch with fresh noise from <see cref="Generator"/>.</summary>
    public Tensor Loss(Tensor input) => -Elbo(input, NewNoise(input.Size(0), input.DType)).Mean();

    /// <summary>Means of p(x | z) for <paramref name="count"/> codes drawn from the prior.</summary>
    public Tensor Sample(int count, Generator? generator = null)
    {
        var dtype = Encoder.Parameters().FirstOrDefault()?.DType ?? DType.Float32;
        return Likelihood.Mean(Decode(Tensor.Randn([count, LatentSize], dtype, generator ?? Generator)));
    }

    protected override (Tensor Output, Tensor Mean, Tensor LogVar) ForwardCore(Tensor input)
    {
        var (mean, logVar) = Encode(input);
        var z = IsTraining ? Reparameterise(mean, logVar, NewNoise(input.Size(0), mean.DType), input) : mean;
        return (Decode(z), mean, logVar);
    }

    private Tensor NewNoise(int count, DType dtype) => Tensor.Randn([count, LatentSize], dtype, Generator);

    private Tensor Reparameterise(Tensor mean, Tensor logVar, Tensor noise, Tensor input)
    {
        if (!noise.Shape.Equals(mean.Shape))
            throw new ArgumentException($"Vae: the noise must be [N, latent] = {mean.ShapeText} for input {input.ShapeText}, got {noise.ShapeText}.");
        return mean + (logVar * 0.5).Exp() * noise;
    }

    private Tensor LogLikelihood(Tensor output, Tensor input)
    {
        Autoencoder.RequireSameShape("Vae", input, output);
        return Likelihood.LogLikelihood(output, input);
    }

    protected override string ExtraRepr() => $"latent={LatentSize}, likelihood={Likelihood}";
}
