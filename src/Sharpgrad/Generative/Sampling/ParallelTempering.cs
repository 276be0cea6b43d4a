namespace Sharpgrad.Generative;

/// <summary>
/// Parallel tempering for a binary RBM (GBC §17.5.1; Desjardins et al. 2010): K groups of chains sample the tempered
/// models p_β(v, h) ∝ e^{−βE(v, h)} at inverse temperatures 1 = β₁ &gt; β₂ &gt; … &gt; β_K ≥ 0. A hot (small β) model is flat,
/// so its chains can cross between modes that would trap a β = 1 Gibbs chain (the tests check that the β = 1 chains
/// sample the exact distribution, not that they mix faster than plain Gibbs on a hard model). Every sweep makes one block Gibbs step in each group
/// (at β all pre-activations are scaled by β) and then proposes to swap the joint states (v, h) of neighbouring
/// temperatures, accepted with the Metropolis probability <see cref="SwapAcceptance"/>; that leaves the product of the
/// tempered distributions invariant, so the β = 1 chains still sample the model. Pairs (1, 2), (3, 4), … are proposed on
/// even sweeps and (2, 3), (4, 5), … on odd ones. All draws come from one seeded generator in a fixed order, so the
/// chains do not depend on the thread count.
/// </summary>
public sealed class ParallelTempering
{
    private readonly double[] betas;
    private readonly long[] accepted, proposed;
    private Tensor[]? visible, hidden;
    private int sweeps;

    /// <param name="betas">inverse temperatures, starting at 1 and strictly decreasing, all ≥ 0</param>
    /// <param name="chainsPerTemperature">independent chains in each temperature's group</param>
    public ParallelTempering(double[] betas, int chainsPerTemperature)
    {
        ArgumentNullException.ThrowIfNull(betas);
        if (betas.Length < 2 || betas[0] != 1 || betas[^1] < 0 || betas.Zip(betas.Skip(1)).Any(p => !(p.Second < p.First)))
            throw new ArgumentException($"ParallelTempering: β must start at 1 and decrease strictly to a value ≥ 0 (at least two), got [{string.Join(", ", betas)}].");
        if (chainsPerTemperature < 1)
            throw new ArgumentOutOfRangeException(nameof(chainsPerTemperature), $"ParallelTempering: chainsPerTemperature must be positive, got {chainsPerTemperature}.");
        this.betas = (double[])betas.Clone();
        ChainsPerTemperature = chainsPerTemperature;
        accepted = new long[betas.Length - 1];
        proposed = new long[betas.Length - 1];
    }

    /// <summary><paramref name="count"/> values of β spaced geometrically from 1 down to <paramref name="lowest"/> &gt; 0.</summary>
    public static double[] GeometricBetas(int count, double lowest)
    {
        if (count < 2 || !(lowest > 0 && lowest < 1))
            throw new ArgumentOutOfRangeException(nameof(count), $"ParallelTempering: need count ≥ 2 and 0 < lowest < 1, got {count} and {lowest}.");
        return [.. Enumerable.Range(0, count).Select(k => Math.Pow(lowest, (double)k / (count - 1)))];
    }

    public IReadOnlyList<double> Betas => betas;

    public int ChainsPerTemperature { get; }

    /// <summary>
    /// The Metropolis acceptance probability of exchanging the states of chains at βᵢ and βⱼ with energies Eᵢ, Eⱼ:
    /// p_{βᵢ}(xⱼ)p_{βⱼ}(xᵢ) / (p_{βᵢ}(xᵢ)p_{βⱼ}(xⱼ)) = e^{(βᵢ − βⱼ)(Eᵢ − Eⱼ)}, capped at 1 (the partition functions cancel).
    /// </summary>
    public static double SwapAcceptance(double betaI, double betaJ, double energyI, double energyJ)
        => Math.Min(1, Math.Exp((betaI - betaJ) * (energyI - energyJ)));

    /// <summary>The fraction of accepted swaps between temperature k and k + 1, for each k (NaN before any proposal).</summary>
    public double[] SwapRates() => [.. accepted.Zip(proposed, (a, p) => p == 0 ? double.NaN : (double)a / p)];

    /// <summary>The β = 1 chains' visible states [chainsPerTemperature, visible] (null before the first sweep).</summary>
    public Tensor? Samples => visible?[0];

    /// <summary>Runs <paramref name="count"/> sweeps (Gibbs steps in every group, then swaps) and returns the β = 1 chains' visible states.</summary>
    public Tensor Sweep(BernoulliRbm rbm, int count, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(rbm);
        rbm.RequirePlain("ParallelTempering.Sweep");
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), $"ParallelTempering: sweep count must be positive, got {count}.");
        using var _ = Autograd.NoGrad();
        if (visible is null || visible[0].Size(1) != rbm.VisibleSize || hidden![0].Size(1) != rbm.HiddenSize)
        {
            visible = [.. betas.Select(_ => rbm.RandomVisible(ChainsPerTemperature, generator))];
            hidden = [.. visible.Select(v => BinaryUnits.Sample(Tensor.FullLike(rbm.HiddenProbabilities(v), 0.5), generator))];
        }
        var (w, b, c) = (rbm.Weight.Detach(), rbm.VisibleBias.Detach(), rbm.HiddenBias.Detach());
        for (int s = 0; s < count; s++)
        {
            for (int k = 0; k < betas.Length; k++)
            {
                hidden![k] = BinaryUnits.Sample(((visible[k].MatMul(w.T) + c) * betas[k]).Sigmoid(), generator);
                visible[k] = BinaryUnits.Sample(((hidden[k].MatMul(w) + b) * betas[k]).Sigmoid(), generator);
            }
            for (int k = sweeps % 2; k + 1 < betas.Length; k += 2) Swap(k, w, b, c, generator);
            sweeps++;
        }
        return visible[0];
    }

    /// <summary>
    /// The training surrogate with a tempered negative phase (Desjardins et al. 2010): one sweep, then mean F(data) −
    /// mean F(β = 1 chains), whose gradient estimates −∇ mean log p(data) as PCD's does (see <see cref="ContrastiveDivergence"/>).
    /// </summary>
    public Tensor Loss(BernoulliRbm rbm, Tensor data, Generator generator)
    {
        var negatives = Sweep(rbm, 1, generator);
        return rbm.FreeEnergy(data).Mean() - rbm.FreeEnergy(negatives).Mean();
    }

    /// <summary>Proposes exchanging chain m of group k with chain m of group k + 1 for every m at once.</summary>
    private void Swap(int k, Tensor w, Tensor b, Tensor c, Generator generator)
    {
        var energyCold = Energy(visible![k], hidden![k], w, b, c);
        var energyHot = Energy(visible[k + 1], hidden[k + 1], w, b, c);
        var logAcceptance = (energyCold - energyHot) * (betas[k] - betas[k + 1]);
        var accept = Tensor.Rand(logAcceptance.Shape, logAcceptance.DType, generator).Log().Lt(logAcceptance);
        var rows = accept.Unsqueeze(1);
        (visible[k], visible[k + 1]) = (Tensor.Where(rows, visible[k + 1], visible[k]), Tensor.Where(rows, visible[k], visible[k + 1]));
        (hidden[k], hidden[k + 1]) = (Tensor.Where(rows, hidden[k + 1], hidden[k]), Tensor.Where(rows, hidden[k], hidden[k + 1]));
        accepted[k] += (long)accept.Double().Sum().Item();
        proposed[k] += accept.Size(0);
    }

    /// <summary>E(v, h) = −bᵀv − cᵀh − hᵀWv per chain (GBC eq. 20.4).</summary>
    private static Tensor Energy(Tensor v, Tensor h, Tensor w, Tensor b, Tensor c)
        => -(v.MatMul(b) + h.MatMul(c) + (h.MatMul(w) * v).Sum(1));
}
