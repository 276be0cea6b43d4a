namespace Sharpgrad.NN.Memory;

/// <summary>
/// The DNC's dynamic memory allocation (Graves et al. 2016, Methods "Dynamic memory allocation"; Buduma ch8): free
/// gates release what the read heads have read, usage tracks which cells hold something, and the allocation weighting
/// points at the least used cells. Weightings are [B, N] (one write head) or [B, R, N] (read heads).
/// </summary>
public static class DynamicAllocation
{
    /// <summary>ψ_t = ∏_i (1 − f_t^i w^{r,i}_{t−1}): how much of each cell the free gates f [B, R] let the read heads keep, [B, N].</summary>
    public static Tensor Retention(Tensor freeGates, Tensor previousReadWeights)
    {
        const string module = "DNC retention";
        MemoryChecks.Rank(module, "previous read weightings", previousReadWeights, 3, "[batch, readHeads, cells]");
        MemoryChecks.Shape(module, "free gates", freeGates, previousReadWeights.Shape.Slice(0, 2), "[batch, readHeads]");
        return (1 - freeGates.Unsqueeze(-1) * previousReadWeights).Prod(1);
    }

    /// <summary>u_t = (u_{t−1} + w^w_{t−1} − u_{t−1} ∘ w^w_{t−1}) ∘ ψ_t: written cells become used, freed cells unused; [B, N].</summary>
    public static Tensor Usage(Tensor previousUsage, Tensor previousWriteWeights, Tensor retention)
    {
        const string module = "DNC usage";
        MemoryChecks.Rank(module, "previous usage", previousUsage, 2, "[batch, cells]");
        MemoryChecks.Shape(module, "previous write weighting", previousWriteWeights, previousUsage.Shape.ToArray(), "[batch, cells]");
        MemoryChecks.Shape(module, "retention", retention, previousUsage.Shape.ToArray(), "[batch, cells]");
        return (previousUsage + previousWriteWeights - previousUsage * previousWriteWeights) * retention;
    }

    /// <summary>
    /// The allocation weighting a_t[φ_j] = (1 − u_t[φ_j]) ∏_{i&lt;j} u_t[φ_i], where φ lists the cells by ascending usage (the
    /// free list), [B, N]. Ties keep the lower index first (a stable sort), as DeepMind's top-k. The sort is treated as
    /// a constant permutation, as in the paper ("we do not propagate gradients through the sort"): the order is taken
    /// from the detached usage, and gradients flow through the gathered values, the exclusive cumulative product
    /// (CumProd, whose gradient is exact even at zero usage) and the gather that puts each cell back in its place.
    /// </summary>
    public static Tensor Allocation(Tensor usage)
    {
        MemoryChecks.Rank("DNC allocation", "usage", usage, 2, "[batch, cells]");
        int batch = usage.Shape[0], cells = usage.Shape[1];
        var freeList = usage.Detach().ArgSort(-1, stable: true);
        var sorted = usage.Gather(-1, freeList);
        var before = Tensor.Cat([Tensor.Ones([batch, 1], usage.DType), sorted.CumProd(-1).Narrow(-1, 0, cells - 1)], dim: -1);
        var allocatedSorted = (1 - sorted) * before;
        return allocatedSorted.Gather(-1, freeList.ArgSort(-1));
    }

    /// <summary>
    /// w^w_t = g^w [g^a a_t + (1 − g^a) c^w_t]: the write gate g^w [B, 1] scales a mix, by the allocation gate g^a [B, 1],
    /// of the allocation weighting and the content weighting c^w [B, N]; [B, N].
    /// </summary>
    public static Tensor WriteWeighting(Tensor allocation, Tensor content, Tensor allocationGate, Tensor writeGate) =>
        writeGate * (allocationGate * allocation + (1 - allocationGate) * content);
}
