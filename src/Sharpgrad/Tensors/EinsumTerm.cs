namespace Sharpgrad;

/// <summary>One operand of an einsum during contraction: a tensor and the label of each of its dims (all distinct).</summary>
internal sealed record EinsumTerm(Tensor Tensor, List<int> Labels)
{
    /// <summary>The operand with every repeated label taken along its diagonal, so each label names one dim.</summary>
    public static EinsumTerm Of(Tensor tensor, int[] labels, int operand)
    {
        var term = new EinsumTerm(tensor, [.. labels]);
        while (term.Labels.GroupBy(l => l).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            int first = term.Labels.IndexOf(repeated.Key), second = term.Labels.IndexOf(repeated.Key, first + 1);
            var shape = term.Tensor.Shape;
            if (shape[first] != shape[second])
                throw new ArgumentException($"Einsum: subscript '{EinsumEquation.Letter(repeated.Key)}' is repeated in operand {operand} for dims of sizes {shape[first]} and {shape[second]} (shape {term.Tensor.ShapeText}); a diagonal needs equal sizes.");
            var others = Enumerable.Range(0, shape.Length).Where(d => d != first && d != second).ToArray();
            var diagonal = Linalg.Diagonal(term.Tensor.Permute([.. others, first, second]));
            term = new EinsumTerm(diagonal, [.. others.Select(d => term.Labels[d]), repeated.Key]);
        }
        return term;
    }

    /// <summary>Every label must have one size across the operands, where a size of 1 broadcasts.</summary>
    public static void CheckSizes(List<EinsumTerm> terms)
    {
        var sizes = new Dictionary<int, (int Size, int Operand)>();
        for (int i = 0; i < terms.Count; i++)
            for (int d = 0; d < terms[i].Labels.Count; d++)
            {
                int label = terms[i].Labels[d], size = terms[i].Tensor.Size(d);
                if (!sizes.TryGetValue(label, out var seen) || seen.Size == 1) sizes[label] = (size, i);
                else if (size != 1 && size != seen.Size)
                    throw new ArgumentException($"Einsum: subscript '{EinsumEquation.Letter(label)}' has size {seen.Size} in operand {seen.Operand} but {size} in operand {i}; sizes must match or be 1.");
            }
    }

    /// <summary>Sums out the dims whose labels are not in <paramref name="needed"/>.</summary>
    public EinsumTerm SumExcept(HashSet<int> needed)
    {
        var summed = Enumerable.Range(0, Labels.Count).Where(d => !needed.Contains(Labels[d])).ToArray();
        return summed.Length == 0 ? this : new EinsumTerm(Tensor.Sum(summed), [.. Labels.Where(l => needed.Contains(l))]);
    }

    /// <summary>
    /// The product of two terms summed over the labels they share that <paramref name="needed"/> does not hold, as one
    /// batched MatMul: [batch, freeA, depth] · [batch, depth, freeB]. Shared labels still needed are the batch dims
    /// (broadcasting by MatMul's rules); labels of one side only are flattened into its free dim.
    /// </summary>
    public EinsumTerm Contract(EinsumTerm other, HashSet<int> needed)
    {
        var a = SumExcept([.. needed, .. other.Labels]);
        var b = other.SumExcept([.. needed, .. Labels]);
        var batch = a.Labels.Where(l => b.Labels.Contains(l) && needed.Contains(l)).ToArray();
        var depth = a.Labels.Where(l => b.Labels.Contains(l) && !needed.Contains(l)).ToArray();
        var freeA = a.Labels.Except(b.Labels).ToArray();
        var freeB = b.Labels.Except(a.Labels).ToArray();
        var depthSizes = depth.Select(l => Math.Max(a.SizeOf(l), b.SizeOf(l))).ToArray();
        int depthCount = depthSizes.Aggregate(1, (p, n) => p * n);
        var left = a.Arrange(batch, freeA, depth, depthSizes, freeFirst: true);
        var right = b.Arrange(batch, freeB, depth, depthSizes, freeFirst: false);
        var product = left.Reshape([.. left.shape[..batch.Length], a.Count(freeA), depthCount])
            .MatMul(right.Reshape([.. right.shape[..batch.Length], depthCount, b.Count(freeB)]));
        var shape = product.Shape;
        return new EinsumTerm(product.Reshape([.. shape[..batch.Length], .. freeA.Select(a.SizeOf), .. freeB.Select(b.SizeOf)]), [.. batch, .. freeA, .. freeB]);
    }

    /// <summary>The tensor permuted to [batch, free, depth] (or [batch, depth, free]), depth dims expanded to their broadcast sizes.</summary>
    private Tensor Arrange(int[] batch, int[] free, int[] depth, int[] depthSizes, bool freeFirst)
    {
        int[] order = freeFirst ? [.. batch, .. free, .. depth] : [.. batch, .. depth, .. free];
        var permuted = Tensor.Permute([.. order.Select(l => Labels.IndexOf(l))]);
        var sizes = permuted.Shape;
        int depthStart = batch.Length + (freeFirst ? free.Length : 0);
        for (int i = 0; i < depth.Length; i++) sizes[depthStart + i] = depthSizes[i];
        return permuted.Expand(sizes);
    }

    private int SizeOf(int label) => Tensor.Size(Labels.IndexOf(label));

    private int Count(int[] labels) => labels.Aggregate(1, (p, l) => p * SizeOf(l));
}
