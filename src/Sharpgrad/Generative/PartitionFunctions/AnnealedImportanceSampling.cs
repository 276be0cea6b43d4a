namespace Sharpgrad.Generative;

/// <summary>
/// Annealed importance sampling for a binary RBM's partition function (GBC §18.7.1; Neal 2001; Salakhutdinov &amp; Murray
/// 2008). It anneals from a base model p_A of independent units — no weights, visible biases b_A (from the data's pixel
/// means, or 0) and hidden biases c_A (0 unless given) — along the geometric path p_β ∝ p_A^{1−β}·p_B^β of intermediate
/// distributions (GBC eq. 18.50), with the hidden units summed out:
/// log f_β(v) = (1 − β)·b_Aᵀv + β·bᵀv + Σⱼ ζ((1 − β)·c_A,ⱼ + β·(cⱼ + Wⱼ·v)),
/// so Z_A = Πᵢ(1 + e^{b_A,i})·Πⱼ(1 + e^{c_A,j}) (2^m·Πᵢ(1 + e^{b_A,i}) for c_A = 0) and f_1 = e^{−F(v)}. Each run draws
/// v₁ ~ p_A, adds log f_{βₖ}(vₖ) − log f_{βₖ₋₁}(vₖ) to its log-weight and moves vₖ by one Gibbs step that leaves p_{βₖ}
/// invariant (GBC eq. 18.52–18.54). Runs are the rows of one batch and draw from one seeded generator, so results do not
/// depend on the thread count. A base with c_A = c starts with the hidden units at the RBM's own biases, which reaches a
/// mode held by strongly biased hidden units that chains from the data's base rates never enter (docs/design.md, rbm).
/// </summary>
public static class AnnealedImportanceSampling
{
    /// <summary>β evenly spaced from 0 to 1, <paramref name="steps"/> + 1 values.</summary>
    public static double[] LinearSchedule(int steps)
    {
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), $"AnnealedImportanceSampling: need at least 1 step, got {steps}.");
        return Enumerable.Range(0, steps + 1).Select(k => (double)k / steps).ToArray();
    }

    /// <summary>The base-rate biases b_A,i = logit(p̂ᵢ) of the data's pixel means, kept in [margin, 1 − margin].</summary>
    public static Tensor BaseRateBiases(Tensor data, double margin = 1e-3)
    {
        if (data.Rank != 2) throw new ArgumentException($"AnnealedImportanceSampling: expected data [N, visible], got {data.ShapeText}.");
        using var _ = Autograd.NoGrad();
        var p = data.Detach().Double().Mean(0).Clamp(margin, 1 - margin);
        return (p / (1 - p)).Log();
    }

    /// <summary>
    /// Forward AIS from the base-rate model to the RBM: log Ẑ = log Z_A + log mean w. E[w] = Z/Z_A, so log Ẑ is a stochastic
    /// lower bound on log Z (Jensen; Markov's inequality makes an overestimate by t nats rarer than e^{−t}). Runs that
    /// never reach a mode of the RBM leave its mass out with a small standard error; <see cref="ReverseLogZ"/> from exact
    /// samples bounds log Z from above and exposes such a miss (Grosse et al. 2015).
    /// </summary>
    public static AisResult LogZ(BernoulliRbm rbm, int runs, double[] betas, Generator generator, Tensor? baseVisibleBias = null,
        Tensor? baseHiddenBias = null)
    {
        var path = Path.Of(rbm, "AnnealedImportanceSampling.LogZ", betas, baseVisibleBias, baseHiddenBias);
        if (runs < 2) throw new ArgumentOutOfRangeException(nameof(runs), $"AnnealedImportanceSampling: need at least 2 runs, got {runs}.");
        using var _ = Autograd.NoGrad();
        var v = Tensor.Rand([runs, rbm.VisibleSize], DType.Float64, generator).Lt(path.BaseBias.Sigmoid()).Double();
        var (logMean, se, logW) = Summary(path.Anneal(v, betas, generator));
        return new AisResult(path.LogZBase + logMean, path.LogZBase, se, logW);
    }

    /// <summary>
    /// Reverse AIS (Neal 2001 §6; Burda et al. 2015; the upper half of bidirectional Monte Carlo, Grosse et al. 2015):
    /// the same chain run from the RBM back to the base-rate model, started at <paramref name="modelSamples"/>. With
    /// reversible transitions the reverse weights w = Πₖ f_{βₖ₋₁}(vₖ)/f_{βₖ}(vₖ) have E[w] = Z_A/Z when the start states
    /// are exact draws from the RBM (e.g. <see cref="ExactPartitionFunction.Sample"/>), so log Ẑ = log Z_A − log mean w
    /// is a stochastic upper bound on log Z; with forward AIS it brackets log Z. From approximate samples (Gibbs chains
    /// that miss a mode) it is no bound.
    /// </summary>
    public static AisResult ReverseLogZ(BernoulliRbm rbm, Tensor modelSamples, double[] betas, Generator generator, Tensor? baseVisibleBias = null,
        Tensor? baseHiddenBias = null)
    {
        var path = Path.Of(rbm, "AnnealedImportanceSampling.ReverseLogZ", betas, baseVisibleBias, baseHiddenBias);
        ArgumentNullException.ThrowIfNull(modelSamples);
        if (modelSamples.Rank != 2 || modelSamples.Size(1) != rbm.VisibleSize || modelSamples.Size(0) < 2)
            throw new ArgumentException($"AnnealedImportanceSampling.ReverseLogZ: expected at least 2 model samples [runs, {rbm.VisibleSize}], got {modelSamples.ShapeText}.");
        using var _ = Autograd.NoGrad();
        var (logMean, se, logW) = Summary(path.Anneal(modelSamples.Detach().Double(), [.. betas.Reverse()], generator));
        return new AisResult(path.LogZBase - logMean, path.LogZBase, se, logW);
    }

    /// <summary>log mean w, the delta-method standard error sd(w)/(mean(w)·√M) of it, and the log-weights, in float64.</summary>
    private static (double LogMean, double StandardError, double[] LogWeights) Summary(Tensor logWeights)
    {
        var logW = logWeights.ToArray<double>();
        double max = logW.Max();
        var ratios = logW.Select(x => Math.Exp(x - max)).ToArray();
        double mean = ratios.Average();
        double sd = Math.Sqrt(ratios.Sum(r => (r - mean) * (r - mean)) / (logW.Length - 1));
        return (max + Math.Log(mean), sd / (mean * Math.Sqrt(logW.Length)), logW);
    }

    /// <summary>
    /// The geometric path between the base model (independent units: visible biases b_A, hidden biases c_A, no weights)
    /// and the RBM (W, b, c), in float64.
    /// </summary>
    private sealed record Path(Tensor W, Tensor B, Tensor C, Tensor BaseBias, Tensor BaseHiddenBias, double LogZBase)
    {
        public static Path Of(BernoulliRbm rbm, string operation, double[] betas, Tensor? baseVisibleBias, Tensor? baseHiddenBias)
        {
            ArgumentNullException.ThrowIfNull(rbm);
            rbm.RequirePlain(operation);
            ArgumentNullException.ThrowIfNull(betas);
            if (betas.Length < 2 || betas[0] != 0 || betas[^1] != 1 || betas.Zip(betas.Skip(1)).Any(p => !(p.Second > p.First)))
                throw new ArgumentException($"{operation}: β must increase strictly from 0 to 1.");
            using var _ = Autograd.NoGrad();
            var bA = LayerBias(baseVisibleBias, rbm.VisibleSize, operation, "visible");
            var cA = LayerBias(baseHiddenBias, rbm.HiddenSize, operation, "hidden");
            return new Path(rbm.Weight.Detach().Double(), rbm.VisibleBias.Detach().Double(), rbm.HiddenBias.Detach().Double(), bA, cA,
                bA.Softplus().Sum().Item() + cA.Softplus().Sum().Item());
        }

        /// <summary>The base model's biases of one layer in float64, zeros (uniform units) when none are given.</summary>
        private static Tensor LayerBias(Tensor? bias, int size, string operation, string layer)
        {
            var result = bias?.Detach().Double() ?? Tensor.Zeros([size], DType.Float64);
            if (result.Rank != 1 || result.Size(0) != size)
                throw new ArgumentException($"{operation}: base {layer} biases must be [{size}], got {result.ShapeText}.");
            return result;
        }

        /// <summary>
        /// Visits the β of <paramref name="order"/> in turn (increasing for forward AIS, decreasing for reverse): adds
        /// log f_{βₖ}(v) − log f_{βₖ₋₁}(v) to each run's log-weight, then moves v by a Gibbs step that leaves p_{βₖ} invariant.
        /// </summary>
        public Tensor Anneal(Tensor v, double[] order, Generator generator)
        {
            var logWeights = Tensor.Zeros([v.Size(0)], DType.Float64);
            for (int k = 1; k < order.Length; k++)
            {
                // c + Wv is shared by both log f terms and the Gibbs step's hidden input at the same v: one matmul, not three.
                var hiddenTotal = v.MatMul(W.T) + C;
                var hiddenInput = HiddenInput(hiddenTotal, order[k]);
                logWeights = logWeights + LogF(v, hiddenInput, order[k]) - LogF(v, HiddenInput(hiddenTotal, order[k - 1]), order[k - 1]);
                if (k < order.Length - 1) v = GibbsStep(hiddenInput, order[k], generator);
            }
            return logWeights;
        }

        private Tensor LogF(Tensor v, Tensor hiddenInput, double beta) => v.MatMul(BaseBias * (1 - beta) + B * beta) + hiddenInput.Softplus().Sum(1);

        /// <summary>(1 − β)c_A + β(c + Wv), from <paramref name="hiddenTotal"/> = c + Wv: the hidden units' input under p_β.</summary>
        private Tensor HiddenInput(Tensor hiddenTotal, double beta) => BaseHiddenBias * (1 - beta) + hiddenTotal * beta;

        /// <summary>
        /// h ~ p_β(h | v) = σ((1 − β)c_A + β(c + Wv)) from that input, then v ~ σ((1 − β)b_A + β(b + Wᵀh)): a reversible
        /// transition that leaves p_β invariant.
        /// </summary>
        private Tensor GibbsStep(Tensor hiddenInput, double beta, Generator generator)
        {
            var hiddenP = hiddenInput.Sigmoid();
            var h = Tensor.Rand(hiddenP.Shape, DType.Float64, generator).Lt(hiddenP).Double();
            var visibleP = (BaseBias * (1 - beta) + (h.MatMul(W) + B) * beta).Sigmoid();
            return Tensor.Rand(visibleP.Shape, DType.Float64, generator).Lt(visibleP).Double();
        }
    }
}
