namespace Sharpgrad.NN;

public static partial class Losses
{
    /// <summary>
    /// Noise-contrastive estimation as the loss of a softmax layer (GBC §18.6; Gutmann &amp; Hyvärinen 2010; Mnih &amp;
    /// Teh 2012): instead of normalising over all V classes, a logistic classifier tells each example's target from
    /// k noise classes drawn from q. With the self-normalised score s(w) = w_wᵀh + b_w (the model's log p(w | h),
    /// its partition function fixed at 1) and Δ(w) = s(w) − log(k·q(w)), the log-odds that w came from the data,
    /// <code>ℓᵢ = −log σ(Δ(yᵢ)) − Σⱼ log σ(−Δ(ŵⱼ))</code>
    /// The noise term is log σ(−Δ), the log-probability that a noise sample is classified as noise; some printings
    /// give log σ(Δ), which would pull the noise classes' scores up. As k grows the gradient tends to that of the
    /// full softmax's log-likelihood. Negative sampling (Mikolov et al. 2013) is the special case k·q(w) = 1.
    /// Autograd differentiates it w.r.t. <paramref name="hidden"/>, <paramref name="weight"/> and
    /// <paramref name="bias"/>; the forward reads only the B + k rows involved (<see cref="SampledLogits"/>).
    /// Accidental hits (a noise sample equal to the target) are kept, as NCE's estimator assumes and as TensorFlow's
    /// nce_loss does by default.
    /// </summary>
    /// <param name="hidden">the layer's inputs h [B, d]</param>
    /// <param name="weight">the output weight [V, d] (a Linear(d, V)'s weight)</param>
    /// <param name="bias">the output bias [V]</param>
    /// <param name="targets">int64 classes [B]</param>
    /// <param name="noise">k classes drawn from q, shared by the batch (<see cref="NoiseDistribution.Draw"/>)</param>
    /// <param name="reduction">Mean (over the B examples), Sum or None ([B])</param>
    public static Tensor Nce(Tensor hidden, Tensor weight, Tensor bias, Tensor targets, SampledClasses noise, Reduction reduction = Reduction.Mean)
    {
        const string op = "Nce";
        var (dataLogOdds, noiseLogOdds) = SampledLogits(hidden, weight, bias, targets, noise, op);
        var loss = -dataLogOdds.LogSigmoid() - (-noiseLogOdds).LogSigmoid().Sum(1);
        return Reduce(loss, reduction, op);
    }
}
