using Sharpgrad.NN;

namespace Sharpgrad.Generative;

/// <summary>
/// log Z by enumeration (GBC §18.0, eq. 16.3): Z = Σ_h Σ_v e^{−E(v, h)} = Σ_h e^{log-marginal(h)} over all 2^m hidden
/// configurations, the visible units summed out in closed form, so the cost is 2^m whatever the visible size. Computed
/// with log-sum-exp and differentiable, so ∇ log Z is the exact model expectation that CD and PCD estimate.
/// </summary>
public static class ExactPartitionFunction
{
    /// <summary>Enumeration stops here: 2^20 configurations.</summary>
    public const int MaxHiddenUnits = 20;

    public static Tensor LogZ(Rbm rbm) => HiddenLogMarginals(rbm).LogSumExp(0);

    /// <summary>
    /// log Σ_v e^{−E(v, h)} for all 2^m hidden configurations [2^m], in the order of <see cref="AllBinaryStates"/>. Chunks
    /// of 4096 configurations keep the [states, visible] intermediate small for wide visible layers.
    /// </summary>
    private static Tensor HiddenLogMarginals(Rbm rbm)
    {
        ArgumentNullException.ThrowIfNull(rbm);
        if (rbm.HiddenSize > MaxHiddenUnits)
            throw new ArgumentException(
                $"ExactPartitionFunction: {rbm.Name} has {rbm.HiddenSize} hidden units; enumerating 2^{rbm.HiddenSize} states is limited to {MaxHiddenUnits} units. Use AnnealedImportanceSampling.");
        int total = 1 << rbm.HiddenSize, chunk = Math.Min(total, ChunkSize);
        var parts = new List<Tensor>();
        for (int start = 0; start < total; start += chunk)
            parts.Add(rbm.HiddenLogMarginal(BinaryStates(rbm.HiddenSize, start, chunk, rbm.Weight.DType)));
        return parts.Count == 1 ? parts[0] : Tensor.Cat(parts);
    }

    private const int ChunkSize = 4096;

    /// <summary>
    /// <paramref name="count"/> exact draws v ~ p(v) of an RBM small enough to enumerate, ancestrally: h from its marginal
    /// p(h) ∝ e^{log Σ_v e^{−E(v, h)}} over all 2^m configurations (one cumulative array, a binary search per draw, only the
    /// drawn rows built), then v ~ p(v | h). No Markov chain, so no mode is
    /// missed: these start reverse AIS (<see cref="AnnealedImportanceSampling.ReverseLogZ"/>) where its bound must hold.
    /// </summary>
    public static Tensor Sample(Rbm rbm, int count, Generator generator)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), $"ExactPartitionFunction.Sample: count must be positive, got {count}.");
        using var _ = Autograd.NoGrad();
        var logMarginals = HiddenLogMarginals(rbm);
        var cumulative = CumulativeSum((logMarginals - logMarginals.Max().Item()).Exp().Double().ToArray<double>());
        var uniforms = Tensor.Rand([count], DType.Float64, generator).ToArray<double>();
        var drawn = uniforms.Select(u => FirstAbove(cumulative, u * cumulative[^1])).ToArray();
        return rbm.SampleVisible(States(rbm.HiddenSize, drawn, rbm.Weight.DType), generator);
    }

    /// <summary>Running sums in index order, so the draws do not depend on how a reduction is split.</summary>
    private static double[] CumulativeSum(double[] weights)
    {
        var sums = new double[weights.Length];
        double total = 0;
        for (int k = 0; k < weights.Length; k++) sums[k] = total += weights[k];
        return sums;
    }

    /// <summary>The first index whose running sum exceeds <paramref name="target"/> (inverse-CDF draw, binary search).</summary>
    private static int FirstAbove(double[] cumulative, double target)
    {
        int low = 0, high = cumulative.Length - 1;
        while (low < high)
        {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > target) high = mid; else low = mid + 1;
        }
        return low;
    }

    /// <summary>
    /// A two-hidden-layer DBM's log Z (GBC eq. 20.25): given h⁽¹⁾ the layers v and h⁽²⁾ are independent, so both are
    /// summed out in closed form, log Σ_{v,h⁽²⁾} e^{−E} = c⁽¹⁾ᵀh⁽¹⁾ + Σᵢ ζ(bᵢ + W⁽¹⁾:ᵢ·h⁽¹⁾) + Σₖ ζ(c⁽²⁾ₖ + W⁽²⁾ₖ·h⁽¹⁾),
    /// and only the 2^hidden1 states of the middle layer are enumerated.
    /// </summary>
    public static Tensor LogZ(DeepBoltzmannMachine dbm)
    {
        var h1 = MiddleLayerStates(dbm);
        var logMarginal = h1.MatMul(dbm.HiddenBias1) + (h1.MatMul(dbm.Weight1) + dbm.VisibleBias).Softplus().Sum(1) + TopLayerSummedOut(dbm, h1);
        return logMarginal.LogSumExp(0);
    }

    /// <summary>
    /// log p̃(v) = log Σ_{h⁽¹⁾,h⁽²⁾} e^{−E(v, h)} per example [N], so log p(v) = log p̃(v) − log Z: bᵀv plus the log-sum over
    /// h⁽¹⁾ of e^{c⁽¹⁾ᵀh⁽¹⁾ + h⁽¹⁾ᵀW⁽¹⁾v} times the closed-form sum over h⁽²⁾.
    /// </summary>
    public static Tensor LogUnnormalisedProbability(DeepBoltzmannMachine dbm, Tensor visible)
    {
        var h1 = MiddleLayerStates(dbm);
        if (visible.Rank != 2 || visible.Size(1) != dbm.VisibleSize)
            throw new ArgumentException($"ExactPartitionFunction: expected visible states [N, {dbm.VisibleSize}] for the DeepBoltzmannMachine, got {visible.ShapeText}.");
        var perState = h1.MatMul(dbm.HiddenBias1) + TopLayerSummedOut(dbm, h1);               // [M]
        return visible.MatMul(dbm.VisibleBias) + (Functional.Linear(visible, dbm.Weight1).MatMul(h1.T) + perState).LogSumExp(1);
    }

    private static Tensor TopLayerSummedOut(DeepBoltzmannMachine dbm, Tensor h1) => Functional.Linear(h1, dbm.Weight2, dbm.HiddenBias2).Softplus().Sum(1);

    private static Tensor MiddleLayerStates(DeepBoltzmannMachine dbm)
    {
        ArgumentNullException.ThrowIfNull(dbm);
        if (dbm.Hidden1Size > MaxHiddenUnits)
            throw new ArgumentException(
                $"ExactPartitionFunction: the DeepBoltzmannMachine has {dbm.Hidden1Size} units in its first hidden layer; enumerating 2^{dbm.Hidden1Size} states is limited to {MaxHiddenUnits} units.");
        return AllBinaryStates(dbm.Hidden1Size, dbm.Weight1.DType);
    }

    /// <summary>The exact mean log-likelihood of the rows of <paramref name="data"/>: −mean F(v) − log Z, in nats.</summary>
    public static Tensor LogLikelihood(Rbm rbm, Tensor data) => -rbm.FreeEnergy(data).Mean() - LogZ(rbm);

    /// <summary>Every vector of {0, 1}^n as the rows of a [2^n, n] tensor, row k holding k's bits (most significant first).</summary>
    public static Tensor AllBinaryStates(int n, DType dtype = DType.Float32)
    {
        if (n < 1 || n > 24) throw new ArgumentOutOfRangeException(nameof(n), $"AllBinaryStates: n must be in [1, 24], got {n}.");
        return BinaryStates(n, 0, 1 << n, dtype);
    }

    /// <summary>Rows <paramref name="start"/> … start + count − 1 of <see cref="AllBinaryStates"/>.</summary>
    private static Tensor BinaryStates(int n, int start, int count, DType dtype) => States(n, Enumerable.Range(start, count).ToArray(), dtype);

    /// <summary>The rows of <see cref="AllBinaryStates"/> with the given indices, built from their bits.</summary>
    private static Tensor States(int n, int[] indices, DType dtype)
    {
        var bits = new double[indices.Length * n];
        for (int k = 0; k < indices.Length; k++)
            for (int i = 0; i < n; i++)
                bits[k * n + i] = (indices[k] >> (n - 1 - i)) & 1;
        return Tensor.FromArray(bits, indices.Length, n).To(dtype);
    }
}
