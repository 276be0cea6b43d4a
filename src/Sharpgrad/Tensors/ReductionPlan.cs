namespace Sharpgrad;

/// <summary>
/// How to present a reduction to the kernels: a contiguous block read as [Outer, Length, Inner], reducing the middle.
/// When the reduced dims are already adjacent in a contiguous tensor this costs nothing; otherwise they are
/// permuted to the end and copied, giving Inner = 1.
/// </summary>
internal sealed record ReductionPlan(Tensor Block, int Outer, int Length, int Inner, int[] KeptShape, int[] DroppedShape)
{
    // Loops rather than LINQ and lists: this runs for every Sum and Mean, and its allocations were a fixed cost per op
    // (issue #20).
    public static ReductionPlan For(Tensor x, int[] dims, string op)
    {
        int rank = x.Rank;
        var reduce = new bool[Math.Max(rank, 1)];
        foreach (var d in dims) reduce[ShapeUtil.NormalizeDim(d, rank, op)] = true;
        var kept = new int[rank];
        int keptDims = 0;
        for (int d = 0; d < rank; d++)
        {
            kept[d] = reduce[d] ? 1 : x.shape[d];
            if (!reduce[d]) keptDims++;
        }
        int[] dropped = keptDims == 0 ? [] : new int[keptDims];
        for (int d = 0, j = 0; d < rank; d++)
            if (!reduce[d]) dropped[j++] = x.shape[d];

        if (rank == 0)
            return new ReductionPlan(x.Contiguous(), 1, 1, 1, kept, dropped);
        int first = Array.IndexOf(reduce, true), last = Array.LastIndexOf(reduce, true);
        bool adjacent = first >= 0 && Array.IndexOf(reduce, false, first, last - first + 1) < 0;
        if (adjacent && x.IsContiguous)
        {
            int outer = ShapeUtil.Product(x.shape, 0, first), length = ShapeUtil.Product(x.shape, first, last + 1), inner = ShapeUtil.Product(x.shape, last + 1, rank);
            return new ReductionPlan(x, outer, length, inner, kept, dropped);
        }
        return Permuted(x, reduce, kept, dropped);
    }

    /// <summary>The plan for reduced dims that are not adjacent, or a strided tensor: the reduced dims permuted to the end and copied.</summary>
    private static ReductionPlan Permuted(Tensor x, bool[] reduce, int[] kept, int[] dropped)
    {
        int rank = x.Rank;
        var order = Enumerable.Range(0, rank).Where(d => !reduce[d]).Concat(Enumerable.Range(0, rank).Where(d => reduce[d])).ToArray();
        Tensor block;
        using (Autograd.NoGrad()) block = x.Permute(order).Contiguous();
        int m = order.Where(d => !reduce[d]).Aggregate(1, (p, d) => p * x.shape[d]);
        int r = order.Where(d => reduce[d]).Aggregate(1, (p, d) => p * x.shape[d]);
        return new ReductionPlan(block, m, r, 1, kept, dropped);
    }
}
