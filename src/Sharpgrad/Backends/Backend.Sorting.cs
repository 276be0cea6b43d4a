namespace Sharpgrad.Backends;

// Sorting and order-statistic primitives. The ops (Tensors/Tensor.Sorting.cs, Tensor.Statistics.cs) pass contiguous
// inputs (read from their offset) and just-allocated contiguous int64 outputs (offset 0), every element of which is
// written. Keys are float32, float64 or int64. Every sort is stable (equal keys keep their input order, also when
// descending) and puts NaN above +∞, all NaNs equal, as PyTorch's stable sort.
internal abstract partial class Backend
{
    /// <summary>
    /// indices[o, r, i] = the position along the line (o, ·, i) of <paramref name="keys"/>, read as
    /// [outer, length, inner], of the element that sorts into place r.
    /// </summary>
    public abstract void ArgSort(Tensor indices, Tensor keys, int outer, int length, int inner, bool descending);

    /// <summary>
    /// Sorts the <paramref name="count"/> rows of <paramref name="rows"/>, read as [count, width], lexicographically
    /// and numbers the runs of equal rows: order[k] (int64 [count]) is the row in sorted place k and runs[k] (int64
    /// [count]) the number of its run, from 0. Rows are equal when every element is ==, so a NaN forms a run of its own.
    /// </summary>
    public abstract void SortRows(Tensor order, Tensor runs, Tensor rows, int count, int width);

    /// <summary>
    /// mode[r] = the position in row r of <paramref name="values"/>, read as [rows, n] (n ≥ 1) from its offset, of the row's most
    /// frequent value: the smallest of equally frequent values (NaN counting as largest, all NaNs equal), at its last
    /// occurrence (PyTorch's CPU rule). <paramref name="order"/> (int64 [rows, n], contiguous) is each row's stable
    /// ascending sorted order, from <see cref="ArgSort"/>, for a backend that counts runs in it.
    /// </summary>
    public abstract void Mode(Tensor mode, Tensor values, Tensor order, int rows, int n);
}
