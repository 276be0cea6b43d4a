namespace Sharpgrad;

// Products built from broadcasting, reshapes and MatMul, so their gradients (first and second order) come from those
// ops. Cdist alone records its own node, for PyTorch's gradient of 0 at zero distance.
public sealed partial class Tensor
{
    /// <summary>The outer product of two vectors: out[i, j] = a[i]·b[j] (torch.outer).</summary>
    public Tensor Outer(Tensor other)
    {
        if (Rank != 1 || other.Rank != 1)
            throw new ArgumentException($"Outer: expects two 1-D tensors, got shapes {ShapeText} and {other.ShapeText}.");
        return Unsqueeze(1) * other.Unsqueeze(0);
    }

    /// <summary>
    /// The Kronecker product: blocks a[i]·b, out[i·m + k] = a[i]·b[k] in every dim (torch.kron). The shorter shape is
    /// padded with leading 1s.
    /// </summary>
    public Tensor Kron(Tensor other)
    {
        int rank = Math.Max(Rank, other.Rank);
        var a = Reshape([.. Enumerable.Repeat(1, rank - Rank), .. shape]);
        var b = other.Reshape([.. Enumerable.Repeat(1, rank - other.Rank), .. other.shape]);
        // Interleave: a as [a0, 1, a1, 1, ...] times b as [1, b0, 1, b1, ...] gives [a0, b0, a1, b1, ...].
        var blocks = a.Reshape([.. a.shape.SelectMany(n => new[] { n, 1 })]) * b.Reshape([.. b.shape.SelectMany(n => new[] { 1, n })]);
        return blocks.Reshape([.. Enumerable.Range(0, rank).Select(d => a.shape[d] * b.shape[d])]);
    }

    /// <summary>Sums over the last <paramref name="dims"/> dims of this tensor and the first <paramref name="dims"/> of <paramref name="other"/> (torch.tensordot).</summary>
    public Tensor Tensordot(Tensor other, int dims = 2)
    {
        if (dims < 0 || dims > Rank || dims > other.Rank)
            throw new ArgumentException($"Tensordot: cannot contract {dims} dims of shapes {ShapeText} and {other.ShapeText}.");
        return Tensordot(other, [.. Enumerable.Range(Rank - dims, dims)], [.. Enumerable.Range(0, dims)]);
    }

    /// <summary>
    /// Sums over the paired dims <paramref name="dimsA"/>[i] of this tensor and <paramref name="dimsB"/>[i] of
    /// <paramref name="other"/>; the result has this tensor's other dims, then other's (torch.tensordot(a, b, dims=(da, db))).
    /// </summary>
    public Tensor Tensordot(Tensor other, int[] dimsA, int[] dimsB)
    {
        if (dimsA.Length != dimsB.Length)
            throw new ArgumentException($"Tensordot: the dim lists must pair up, got {dimsA.Length} and {dimsB.Length} dims.");
        var da = dimsA.Select(d => ShapeUtil.NormalizeDim(d, Rank, "Tensordot")).ToArray();
        var db = dimsB.Select(d => ShapeUtil.NormalizeDim(d, other.Rank, "Tensordot")).ToArray();
        for (int i = 0; i < da.Length; i++)
            if (shape[da[i]] != other.shape[db[i]])
                throw new ArgumentException($"Tensordot: dim {da[i]} of {ShapeText} (size {shape[da[i]]}) cannot be contracted with dim {db[i]} of {other.ShapeText} (size {other.shape[db[i]]}).");
        var freeA = Enumerable.Range(0, Rank).Except(da).ToArray();
        var freeB = Enumerable.Range(0, other.Rank).Except(db).ToArray();
        int Size(Tensor t, int[] ds) => ds.Aggregate(1, (p, d) => p * t.shape[d]);
        int k = Size(this, da);
        var a = Permute([.. freeA, .. da]).Reshape(Size(this, freeA), k);
        var b = other.Permute([.. db, .. freeB]).Reshape(k, Size(other, freeB));
        return a.MatMul(b).Reshape([.. freeA.Select(d => shape[d]), .. freeB.Select(d => other.shape[d])]);
    }

    /// <summary>
    /// The cross product of 3-vectors along <paramref name="dim"/> (size 3), broadcasting the other dims
    /// (torch.linalg.cross; torch.cross without a dim picks the first dim of size 3, which is deprecated, so a dim of −1 is the default here).
    /// </summary>
    public Tensor Cross(Tensor other, int dim = -1)
    {
        var common = ShapeUtil.Broadcast(shape, other.shape, "Cross");
        int d = ShapeUtil.NormalizeDim(dim, common.Length, "Cross");
        if (common[d] != 3)
            throw new ArgumentException($"Cross: dim {dim} must have size 3, got shapes {ShapeText} and {other.ShapeText}.");
        var a = Expand(common);
        var b = other.Expand(common);
        // (a × b)ᵢ = a_{i+1} b_{i+2} − a_{i+2} b_{i+1}, indices mod 3.
        var next = FromArray(new long[] { 1, 2, 0 });
        var afterNext = FromArray(new long[] { 2, 0, 1 });
        return a.IndexSelect(d, next) * b.IndexSelect(d, afterNext) - a.IndexSelect(d, afterNext) * b.IndexSelect(d, next);
    }
}
