namespace Sharpgrad.Backends.Reference;

/// <summary>
/// Matrix <c>index</c> of a contiguous batch [..., rows, cols] of float64 (or int64) elements, addressed as A[i, j], the
/// way the books write it: element (i, j) is at offset + index·rows·cols + i·cols + j.
/// </summary>
internal readonly struct Matrix<T>(Tensor batch, int index) where T : unmanaged
{
    private readonly T[] data = batch.Data<T>();
    private readonly int start = batch.offset + index * batch.shape[^2] * batch.shape[^1];

    public int Rows => batch.shape[^2];
    public int Cols => batch.shape[^1];

    public ref T this[int i, int j] => ref data[start + i * Cols + j];

    /// <summary>The number of matrices in the batch [..., rows, cols].</summary>
    public static int CountIn(Tensor batch) => ShapeUtil.Count(batch.shape.AsSpan(0, batch.Rank - 2));

    /// <summary>Swaps rows i and k.</summary>
    public void SwapRows(int i, int k)
    {
        for (int j = 0; j < Cols; j++) (this[i, j], this[k, j]) = (this[k, j], this[i, j]);
    }
}
