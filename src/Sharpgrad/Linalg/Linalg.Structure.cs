namespace Sharpgrad;

// Parts of a matrix: its diagonal, triangles and trace. All are differentiable.
public static partial class Linalg
{
    /// <summary>
    /// The main diagonal of each matrix in the last two dims, [..., min(m, n)] (torch.diagonal(A, dim1=-2, dim2=-1)).
    /// A view: it steps through the storage by rowStride + colStride.
    /// </summary>
    public static Tensor Diagonal(Tensor a)
    {
        if (a.Rank < 2) throw new ArgumentException($"Diagonal: expects a matrix or a batch of matrices, got shape {a.ShapeText}.");
        int m = a.shape[^2], n = a.shape[^1];
        int[] shape = [.. a.shape[..^2], Math.Min(m, n)];
        int[] strides = [.. a.strides[..^2], a.strides[^2] + a.strides[^1]];
        var view = new Tensor(a.storage, shape, strides, a.offset);
        return view.Record("Diagonal", [a], g => [PadTo(DiagEmbed(g), m, n)]);
    }

    /// <summary>Square matrices [..., n, n] with <paramref name="v"/> [..., n] on the diagonal and zeros elsewhere (torch.diag_embed).</summary>
    public static Tensor DiagEmbed(Tensor v)
    {
        if (v.Rank < 1) throw new ArgumentException($"DiagEmbed: expects a vector or a batch of vectors, got shape {v.ShapeText}.");
        var eye = Tensor.Eye(v.shape[^1], dtype: DType.Bool);
        return Tensor.Where(eye, v.Unsqueeze(-1), 0.0);
    }

    /// <summary>The sum of the diagonal, per matrix of a batch. Tr(AB) = Tr(BA) (GBC §2.10).</summary>
    public static Tensor Trace(Tensor a) => Diagonal(a).Sum(-1);

    /// <summary>The lower triangle: entries with j − i ≤ <paramref name="diagonal"/> kept, the rest zero (torch.tril).</summary>
    public static Tensor Tril(Tensor a, int diagonal = 0) => Tensor.Where(TriangleMask(a, "Tril").Le(diagonal), a, 0.0);

    /// <summary>The upper triangle: entries with j − i ≥ <paramref name="diagonal"/> kept, the rest zero (torch.triu).</summary>
    public static Tensor Triu(Tensor a, int diagonal = 0) => Tensor.Where(TriangleMask(a, "Triu").Ge(diagonal), a, 0.0);

    /// <summary>The m×n int64 matrix of column − row, which the triangle masks compare with their diagonal offset.</summary>
    private static Tensor TriangleMask(Tensor a, string op)
    {
        if (a.Rank < 2) throw new ArgumentException($"{op}: expects a matrix or a batch of matrices, got shape {a.ShapeText}.");
        return Tensor.Arange(a.shape[^1]).Unsqueeze(0) - Tensor.Arange(a.shape[^2]).Unsqueeze(1);
    }

    /// <summary>Zero-pads the last two dims of a k×k matrix out to m×n (the adjoint of taking a leading k×k block).</summary>
    private static Tensor PadTo(Tensor x, int m, int n)
    {
        int[] batch = x.shape[..^2];
        if (x.shape[^2] < m) x = Tensor.Cat([x, Tensor.Zeros([.. batch, m - x.shape[^2], x.shape[^1]], x.DType)], -2);
        if (x.shape[^1] < n) x = Tensor.Cat([x, Tensor.Zeros([.. batch, m, n - x.shape[^1]], x.DType)], -1);
        return x;
    }
}
