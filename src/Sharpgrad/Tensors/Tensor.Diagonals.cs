namespace Sharpgrad;

// Diagonals and triangles of matrices (any two dims of a tensor). Diagonal is a view that steps through storage by the
// sum of the two dims' strides; DiagEmbed is its adjoint (zeros with the diagonal written in), so each is the other's
// gradient. Linalg's Diagonal, DiagEmbed, Tril and Triu are these with the last two dims.
public sealed partial class Tensor
{
    /// <summary>
    /// The diagonal of each matrix in dims (<paramref name="dim1"/>, <paramref name="dim2"/>): elements [i, i + offset]
    /// (offset &gt; 0 above the main diagonal, &lt; 0 below). Those dims are removed and the diagonal is the last dim.
    /// A view sharing storage (torch.diagonal).
    /// </summary>
    public Tensor Diagonal(int offset = 0, int dim1 = 0, int dim2 = 1)
    {
        var (d1, d2) = DiagonalDims(dim1, dim2, Rank, "Diagonal");
        int length = Math.Max(0, offset >= 0 ? Math.Min(shape[d1], shape[d2] - offset) : Math.Min(shape[d1] + offset, shape[d2]));
        int start = length == 0 ? 0 : offset >= 0 ? offset * strides[d2] : -offset * strides[d1];
        var keep = Enumerable.Range(0, Rank).Where(d => d != d1 && d != d2).ToArray();
        int[] newShape = [.. keep.Select(d => shape[d]), length];
        int[] newStrides = [.. keep.Select(d => strides[d]), strides[d1] + strides[d2]];
        var view = ViewOf(newShape, newStrides, this.offset + start);
        return view.Record("Diagonal", [this], g => [g.DiagonalScatter(shape, offset, d1, d2)]);
    }

    /// <summary>
    /// Matrices with this tensor's last dim on their diagonal (shifted by <paramref name="offset"/>) and zeros elsewhere,
    /// placed in dims <paramref name="dim1"/>, <paramref name="dim2"/> of the result (torch.diag_embed):
    /// [..., n] → [..., n + |offset|, n + |offset|] by default.
    /// </summary>
    public Tensor DiagEmbed(int offset = 0, int dim1 = -2, int dim2 = -1)
    {
        if (Rank < 1) throw new ArgumentException($"DiagEmbed: expects a vector or a batch of vectors, got shape {ShapeText}.");
        var (d1, d2) = DiagonalDims(dim1, dim2, Rank + 1, "DiagEmbed");
        int size = shape[^1] + Math.Abs(offset);
        var batch = new Queue<int>(shape[..^1]);
        var full = Enumerable.Range(0, Rank + 1).Select(d => d == d1 || d == d2 ? size : batch.Dequeue()).ToArray();
        return DiagonalScatter(full, offset, d1, d2);
    }

    /// <summary>
    /// torch.diag: of a vector, the square matrix with it on diagonal <paramref name="diagonal"/>; of a matrix, a copy
    /// of that diagonal as a vector.
    /// </summary>
    public Tensor Diag(int diagonal = 0) => Rank switch
    {
        1 => DiagEmbed(diagonal, 0, 1),
        2 => Diagonal(diagonal).Clone(),
        _ => throw new ArgumentException($"Diag: expects a 1-D or 2-D tensor, got shape {ShapeText}."),
    };

    /// <summary>The lower triangle of each matrix in the last two dims: entries with column − row ≤ <paramref name="diagonal"/> kept, the rest zero.</summary>
    public Tensor Tril(int diagonal = 0) => Where(ColumnMinusRow("Tril").Le(diagonal), this, 0.0);

    /// <summary>The upper triangle of each matrix in the last two dims: entries with column − row ≥ <paramref name="diagonal"/> kept, the rest zero.</summary>
    public Tensor Triu(int diagonal = 0) => Where(ColumnMinusRow("Triu").Ge(diagonal), this, 0.0);

    /// <summary>The m×n int64 matrix of column − row, which the triangle masks compare with their diagonal offset.</summary>
    private Tensor ColumnMinusRow(string op)
    {
        if (Rank < 2) throw new ArgumentException($"{op}: expects a matrix or a batch of matrices, got shape {ShapeText}.");
        return Arange(shape[^1]).Unsqueeze(0) - Arange(shape[^2]).Unsqueeze(1);
    }

    /// <summary>
    /// The adjoint of <see cref="Diagonal"/>: zeros of <paramref name="fullShape"/> with this tensor (shaped like that
    /// diagonal view) written into the diagonal. Differentiable; its backward takes the diagonal again.
    /// </summary>
    internal Tensor DiagonalScatter(int[] fullShape, int offset, int dim1, int dim2)
    {
        var y = Zeros(fullShape, DType);
        Tensor diagonal;
        using (Autograd.NoGrad()) diagonal = y.Diagonal(offset, dim1, dim2);
        if (!SameShape(diagonal, this))
            throw new ArgumentException($"DiagEmbed: values of shape {ShapeText} do not fit diagonal {offset} of shape {ShapeUtil.Format(fullShape)} (expected {diagonal.ShapeText}).");
        Elementwise.CopyInto(diagonal, this);
        return y.Record("DiagonalScatter", [this], g => [g.Diagonal(offset, dim1, dim2)]);
    }

    private static (int, int) DiagonalDims(int dim1, int dim2, int rank, string op)
    {
        if (rank < 2) throw new ArgumentException($"{op}: needs at least two dims, got rank {rank}.");
        int d1 = ShapeUtil.NormalizeDim(dim1, rank, op), d2 = ShapeUtil.NormalizeDim(dim2, rank, op);
        if (d1 == d2) throw new ArgumentException($"{op}: dim1 and dim2 must be different, got {dim1} and {dim2}.");
        return (d1, d2);
    }
}
