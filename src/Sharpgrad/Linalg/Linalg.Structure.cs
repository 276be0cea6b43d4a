namespace Sharpgrad;

// Parts of a matrix: its diagonal, triangles and trace, over the last two dims. All are differentiable; the work is
// done by the tensor-level ops (Tensor.Diagonals.cs), which take any two dims.
public static partial class Linalg
{
    /// <summary>
    /// The main diagonal of each matrix in the last two dims, [..., min(m, n)] (torch.diagonal(A, dim1=-2, dim2=-1)).
    /// A view: it steps through the storage by rowStride + colStride.
    /// </summary>
    public static Tensor Diagonal(Tensor a)
    {
        if (a.Rank < 2) throw new ArgumentException($"Diagonal: expects a matrix or a batch of matrices, got shape {a.ShapeText}.");
        return a.Diagonal(0, -2, -1);
    }

    /// <summary>Square matrices [..., n, n] with <paramref name="v"/> [..., n] on the diagonal and zeros elsewhere (torch.diag_embed).</summary>
    public static Tensor DiagEmbed(Tensor v) => v.DiagEmbed();

    /// <summary>The sum of the diagonal, per matrix of a batch. Tr(AB) = Tr(BA) (GBC §2.10).</summary>
    public static Tensor Trace(Tensor a) => Diagonal(a).Sum(-1);

    /// <summary>The lower triangle: entries with j − i ≤ <paramref name="diagonal"/> kept, the rest zero (torch.tril).</summary>
    public static Tensor Tril(Tensor a, int diagonal = 0) => a.Tril(diagonal);

    /// <summary>The upper triangle: entries with j − i ≥ <paramref name="diagonal"/> kept, the rest zero (torch.triu).</summary>
    public static Tensor Triu(Tensor a, int diagonal = 0) => a.Triu(diagonal);
}
