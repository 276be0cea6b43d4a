namespace Sharpgrad.Backends;

// Counting and searching primitives (Tensors/Tensor.Search.cs). Inputs are contiguous (read from their offset);
// outputs are just-allocated contiguous tensors (offset 0), every element of which is written. The results are
// positions and counts, which have no gradient.
internal abstract partial class Backend
{
    /// <summary>
    /// coordinates (int64 [n, rank]) = the multi-indices of the nonzero (true) elements of <paramref name="x"/> (any
    /// dtype; NaN counts as nonzero), one per row, in row-major order. The op has counted them: n is exactly their number.
    /// </summary>
    public abstract void Nonzero(Tensor coordinates, Tensor x);

    /// <summary>
    /// counts[v] = how many elements of the 1-D int64 <paramref name="values"/> equal v (counts int64), or the sum of
    /// their <paramref name="weights"/> (1-D, values' length, counts' dtype: float32 or float64), added in input order.
    /// Every value lies in [0, counts length).
    /// </summary>
    public abstract void Bincount(Tensor counts, Tensor values, Tensor? weights);

    /// <summary>
    /// positions[j] (int64, one per value) = the first place in its row of <paramref name="sorted"/> (rows of its last
    /// dim, m) whose element is ≥ values[j] (&gt; with <paramref name="right"/>), by binary search, as
    /// torch.searchsorted. A 1-D <paramref name="sorted"/> serves every value; otherwise value j searches row
    /// j / (values' last dim). sorted and values share one dtype: float32, float64 or int64.
    /// </summary>
    public abstract void SearchSorted(Tensor positions, Tensor sorted, Tensor values, bool right);
}
