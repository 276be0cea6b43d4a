namespace Sharpgrad.Generative;

/// <summary>
/// Annealed importance sampling for a binary RBM's partition function (GBC §18.7.1; Neal 2001; Salakhutdinov &amp; Murray
/// 2008). It anneals from a base-rate model p_A — no weights, visible biases b_A (from the data's pixel means, or 0) —
/// along the geometric path p_β ∝ p_A^{1−β}·p_B^β of intermediate distributions (GBC eq. 18.50), with the hidden units
/// summed out:
/// log f_β(v) = (1 − β)·b_Aᵀv + β·bᵀv + Σⱼ ζ(β·(cⱼ + Wⱼ·v)),
/// so f_0 has Z_A = 2^m·Πᵢ(1 + e^{b_A,i}) and f_1 = e^{−F(v)}. Each run draws v₁ ~ p_A, adds log f_{βₖ}(vₖ) − log f_{βₖ₋₁}(vₖ)
/// to its log-weight and moves vₖ by one Gibbs step that leaves p_{βₖ} invariant (GBC eq. 18.52–18.54). Runs are the
/// rows of one batch and draw from one seeded generator, so results do not depend on the thread count.
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

    public static AisResult LogZ(BernoulliRbm rbm, int runs, double[] betas, Generator generator, Tensor? baseVisibleBias = null)
    {
        ArgumentNullException.ThrowIfNull(rbm);
        rbm.RequirePlain("AnnealedImportanceSampling.LogZ");
        ArgumentNullException.ThrowIfNull(betas);
        if (runs < 2) throw new ArgumentOutOfRangeException(nameof(runs), $"AnnealedImportanceSampling: need at least 2 runs, got {runs}.");
        if (betas.Length < 2 || betas[0] != 0 || betas[^1] != 1 || betas.Zip(betas.Skip(1)).Any(p => !(p.Second > p.First)))
            throw new ArgumentException("AnnealedImportanceSampling: β must increase strictly from 0 to 1.");
        using var _ = Autograd.NoGrad();
        var w = rbm.Weight.Detach().Double();
        var b = rbm.VisibleBias.Detach().Double();
        var c = rbm.HiddenBias.Detach().Double();
        var bA = baseVisibleBias?.Detach().Double() ?? Tensor.Zeros([rbm.VisibleSize], DType.Float64);
        if (bA.Rank != 1 || bA.Size(0) != rbm.VisibleSize)
            throw new ArgumentException($"AnnealedImportanceSampling: base biases must be [{rbm.VisibleSize}], got {bA.ShapeText}.");

        double logZBase = rbm.HiddenSize * Math.Log(2) + bA.Softplus().Sum().Item();
        var v = Tensor.Rand([runs, rbm.VisibleSize], DType.Float64, generator).Lt(bA.Sigmoid()).Double();
        var logWeights = Tensor.Zeros([runs], DType.Float64);
        for (int k = 1; k < betas.Length; k++)
        {
            logWeights = logWeights + LogF(v, betas[k], w, b, c, bA) - LogF(v, betas[k - 1], w, b, c, bA);
            if (k < betas.Length - 1) v = GibbsStep(v, betas[k], w, b, c, bA, generator);
        }
        var logW = logWeights.ToArray<double>();
        double max = logW.Max();
        var ratios = logW.Select(x => Math.Exp(x - max)).ToArray();
        double mean = ratios.Average();
        double sd = Math.Sqrt(ratios.Sum(r => (r - mean) * (r - mean)) / (runs - 1));
        return new AisResult(logZBase + max + Math.Log(mean), logZBase, sd / (mean * Math.Sqrt(runs)), logW);
    }

    private static Tensor LogF(Tensor v, double beta, Tensor w, Tensor b, Tensor c, Tensor bA)
        => v.MatMul(bA * (1 - beta) + b * beta) + ((v.MatMul(w.T) + c) * beta).Softplus().Sum(1);

    /// <summary>h ~ p_β(h | v) = σ(β(c + Wv)), then v ~ σ((1 − β)b_A + β(b + Wᵀh)): a transition that leaves p_β invariant.</summary>
    private static Tensor GibbsStep(Tensor v, double beta, Tensor w, Tensor b, Tensor c, Tensor bA, Generator generator)
    {
        var hiddenP = ((v.MatMul(w.T) + c) * beta).Sigmoid();
        var h = Tensor.Rand(hiddenP.Shape, DType.Float64, generator).Lt(hiddenP).Double();
        var visibleP = (bA * (1 - beta) + (h.MatMul(w) + b) * beta).Sigmoid();
        return Tensor.Rand(visibleP.Shape, DType.Float64, generator).Lt(visibleP).Double();
    }
}
