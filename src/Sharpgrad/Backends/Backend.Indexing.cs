using Sharpgrad.Kernels;

namespace Sharpgrad.Backends;

// Indexing primitives: copies driven by int64 index tensors and bool masks (Tensors/Tensor.Indexing.cs,
// Tensor.Scatter.cs, AdvancedIndex.cs). The op has checked ranks, shapes and dtypes, moved every operand to one device
// and allocated the output; what only the data can tell (an index out of range) the backend checks as it reads, and
// reports as an IndexOutOfRangeException naming the op, the index, the dim and its size. "Contiguous" below means
// row-major with any offset; an output or target written in place is one the op allocated, so it starts at offset 0
// and owns its whole storage (the CPU kernels address it without an offset). Writes that can land on one position
// twice (IndexAdd, Scatter, ScatterReduce) run in index order on every backend, so repeated indices add up, and the
// last copy wins, the same way everywhere.
internal abstract partial class Backend
{
    /// <summary>
    /// output[o, j, i] = input[o, index[j], i] with the input viewed as [outer, size, inner] around <paramref name="dim"/>
    /// (torch.index_select). Any dtype; input, index (0-d or 1-D, entries in [0, size)) and output contiguous.
    /// </summary>
    public abstract void IndexSelect(Tensor output, Tensor input, int dim, Tensor index);

    /// <summary>
    /// target[o, index[j], i] += source[o, j, i] (torch.index_add), or = when not <paramref name="accumulate"/>
    /// (torch.index_copy), in place. float32, float64 or int64; target (offset 0), index and source contiguous.
    /// </summary>
    public abstract void IndexAdd(Tensor target, int dim, Tensor index, Tensor source, bool accumulate);

    /// <summary>
    /// output[p] = input[p with p[dim] = index[p]] for every position p of the index, whose shape the output has
    /// (torch.gather). Any dtype; input, index and output contiguous.
    /// </summary>
    public abstract void Gather(Tensor output, Tensor input, int dim, Tensor index);

    /// <summary>
    /// target[p with p[dim] = index[p]] = source[p] (torch.scatter), or += when <paramref name="accumulate"/>
    /// (torch.scatter_add), in place, for every position p of the index; the source may be larger than the index in
    /// any dim. float32, float64 or int64; target (offset 0), index and source contiguous.
    /// </summary>
    public abstract void Scatter(Tensor target, int dim, Tensor index, Tensor source, bool accumulate);

    /// <summary>
    /// Reduces source[p] into target[p with p[dim] = index[p]] with <paramref name="reduction"/> (torch.scatter_reduce),
    /// in place. Without <paramref name="includeSelf"/> the first value to reach a position replaces what was there; a
    /// mean divides by the number of values received (+1 for the original), rounding toward −∞ for int64; a NaN wins a
    /// max or min. float32, float64 or int64; layouts as <see cref="Scatter"/>.
    /// </summary>
    public abstract void ScatterReduce(Tensor target, int dim, Tensor index, Tensor source, ScatterReduction reduction, bool includeSelf);

    /// <summary>
    /// How many elements of the bool tensor <paramref name="mask"/> (contiguous) are true: the length of a masked
    /// select, which depends on the data. It is returned to the host so that the op can allocate the output; a GPU
    /// backend would synchronise here, as PyTorch's masked_select does on CUDA.
    /// </summary>
    public abstract int CountTrue(Tensor mask);

    /// <summary>
    /// output ← the elements of input where mask is true, in row-major order (torch.masked_select). Any dtype; input
    /// and the bool mask contiguous, of one shape; output 1-D of <see cref="CountTrue"/>(mask) elements.
    /// </summary>
    public abstract void MaskedSelect(Tensor output, Tensor input, Tensor mask);

    /// <summary>
    /// Writes source's elements, in order, into target where mask is true; the adjoint of <see cref="MaskedSelect"/>.
    /// float32 or float64; target (offset 0) and the bool mask contiguous, of one shape; source contiguous, 1-D, with
    /// at least as many elements as the mask has true ones.
    /// </summary>
    public abstract void MaskedScatter(Tensor target, Tensor mask, Tensor source);

    /// <summary>
    /// linear[i] += wrap(index[i]) · <paramref name="scale"/> in place, where wrap counts a negative entry from the end
    /// of a dim of <paramref name="size"/> (advanced indexing, IndexFill); an entry outside −size..size−1 is an error
    /// naming <paramref name="op"/> and <paramref name="dim"/>. Summed over the indexed dims with row-major scales, this
    /// gives each position's row in the indexed dims flattened into one. int64; linear and index contiguous, with the
    /// same number of elements.
    /// </summary>
    public abstract void AddWrappedIndex(Tensor linear, Tensor index, int size, int dim, long scale, string op);

    /// <summary>
    /// The smallest and largest of the int64 class labels and how many are counted, an <paramref name="ignoreIndex"/>
    /// label standing in as class 0 and not counted; all 0 for no labels. The losses check the range with it in one
    /// pass, before any label is used as an index. Labels contiguous.
    /// </summary>
    public abstract (long Lowest, long Highest, int Counted) ClassLabelRange(Tensor labels, long? ignoreIndex);
}
