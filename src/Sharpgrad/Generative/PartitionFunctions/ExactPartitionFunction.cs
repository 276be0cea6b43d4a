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

    public static Tensor LogZ(Rbm rbm)
    {
        ArgumentNullException.ThrowIfNull(rbm);
        if (rbm.HiddenSize > MaxHiddenUnits)
            throw new ArgumentException(
                $"ExactPartitionFunction: {rbm.Name} has {rbm.HiddenSize} hidden units; enumerating 2^{rbm.HiddenSize} states is limited to {MaxHiddenUnits} units. Use AnnealedImportanceSampling.");
        // Chunks of 4096 configurations keep the [states, visible] intermediate small for wide visible layers.
        int total = 1 << rbm.HiddenSize, chunk = Math.Min(total, ChunkSize);
        var parts = new List<Tensor>();
        for (int start = 0; start < total; start += chunk)
            parts.Add(rbm.HiddenLogMarginal(BinaryStates(rbm.HiddenSize, start, chunk, rbm.Weight.DType)).LogSumExp(0));
        return parts.Count == 1 ? parts[0] : Tensor.Stack(parts).LogSumExp(0);
    }

    private const int ChunkSize = 4096;

    /// <summary>The exact mean log-likelihood of the rows of <paramref name="data"/>: −mean F(v) − log Z, in nats.</summary>
    public static Tensor LogLikelihood(Rbm rbm, Tensor data) => -rbm.FreeEnergy(data).Mean() - LogZ(rbm);

    /// <summary>Every vector of {0, 1}^n as the rows of a [2^n, n] tensor, row k holding k's bits (most significant first).</summary>
    public static Tensor AllBinaryStates(int n, DType dtype = DType.Float32)
    {
        if (n < 1 || n > 24) throw new ArgumentOutOfRangeException(nameof(n), $"AllBinaryStates: n must be in [1, 24], got {n}.");
        return BinaryStates(n, 0, 1 << n, dtype);
    }

    /// <summary>Rows <paramref name="start"/> … start + count − 1 of <see cref="AllBinaryStates"/>.</summary>
    private static Tensor BinaryStates(int n, int start, int count, DType dtype)
    {
        var bits = new double[count * n];
        for (int k = 0; k < count; k++)
            for (int i = 0; i < n; i++)
                bits[k * n + i] = ((start + k) >> (n - 1 - i)) & 1;
        return Tensor.FromArray(bits, count, n).To(dtype);
    }
}
