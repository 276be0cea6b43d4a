using System.Numerics;

namespace Sharpgrad.Backends.Reference;

// The indexing primitives as their definitions read (PyTorch's docs of index_select, gather and scatter; GBC §2.1 on
// addressing a tensor's elements by coordinates): walk the positions in row-major order, turn each into coordinates,
// replace the coordinate along dim by the index entry, and read or write the element there. Every tensor is addressed
// through its own strides and offset (Tensor.OffsetOf), so any view works. Writes go in row-major order of the
// positions, which is the order the definitions and the CPU kernels use for repeated indices.
internal sealed partial class ReferenceBackend
{
    public override void IndexSelect(Tensor output, Tensor input, int dim, Tensor index)
    {
        RequireOwn("IndexSelect", output, input, index);
        switch (input.DType)
        {
            case DType.Float32: IndexSelect<float>(output, input, dim, index); break;
            case DType.Float64: IndexSelect<double>(output, input, dim, index); break;
            case DType.Int64: IndexSelect<long>(output, input, dim, index); break;
            default: IndexSelect<bool>(output, input, dim, index); break;
        }
    }

    public override void IndexAdd(Tensor target, int dim, Tensor index, Tensor source, bool accumulate)
    {
        RequireOwn(accumulate ? "IndexAdd" : "IndexCopy", target, index, source);
        switch (target.DType)
        {
            case DType.Float32: IndexAdd<float>(target, dim, index, source, accumulate); break;
            case DType.Float64: IndexAdd<double>(target, dim, index, source, accumulate); break;
            default: IndexAdd<long>(target, dim, index, source, accumulate); break;
        }
    }

    public override void Gather(Tensor output, Tensor input, int dim, Tensor index)
    {
        RequireOwn("Gather", output, input, index);
        switch (input.DType)
        {
            case DType.Float32: Gather<float>(output, input, dim, index); break;
            case DType.Float64: Gather<double>(output, input, dim, index); break;
            case DType.Int64: Gather<long>(output, input, dim, index); break;
            default: Gather<bool>(output, input, dim, index); break;
        }
    }

    public override void Scatter(Tensor target, int dim, Tensor index, Tensor source, bool accumulate)
    {
        RequireOwn(accumulate ? "ScatterAdd" : "Scatter", target, index, source);
        switch (target.DType)
        {
            case DType.Float32: Scatter<float>(target, dim, index, source, accumulate); break;
            case DType.Float64: Scatter<double>(target, dim, index, source, accumulate); break;
            default: Scatter<long>(target, dim, index, source, accumulate); break;
        }
    }

    /// <summary>y[o, j, i] = x[o, index[j], i]: every output element copies the input element whose coordinate along dim is the index entry.</summary>
    private static void IndexSelect<T>(Tensor output, Tensor input, int dim, Tensor index) where T : unmanaged
    {
        T[] y = output.Data<T>(), x = input.Data<T>();
        long[] entries = IndexEntries(index, input.shape[dim], dim, "IndexSelect");
        var p = new int[output.Rank];
        for (int i = 0; i < output.Count; i++)
        {
            Coordinates.Of(i, output.shape, p);
            int at = output.OffsetOf(p);
            p[dim] = (int)entries[p[dim]];
            y[at] = x[input.OffsetOf(p)];
        }
    }

    /// <summary>target[o, index[j], i] += source[o, j, i] (or =): the adjoint of IndexSelect, visiting the source in row-major order.</summary>
    private static void IndexAdd<T>(Tensor target, int dim, Tensor index, Tensor source, bool accumulate) where T : unmanaged, INumber<T>
    {
        T[] t = target.Data<T>(), s = source.Data<T>();
        long[] entries = IndexEntries(index, target.shape[dim], dim, accumulate ? "IndexAdd" : "IndexCopy");
        var p = new int[source.Rank];
        for (int i = 0; i < source.Count; i++)
        {
            Coordinates.Of(i, source.shape, p);
            T value = s[source.OffsetOf(p)];
            p[dim] = (int)entries[p[dim]];
            int at = target.OffsetOf(p);
            t[at] = accumulate ? t[at] + value : value;
        }
    }

    /// <summary>out[p] = x[p with p[dim] = index[p]], for every position p of the index.</summary>
    private static void Gather<T>(Tensor output, Tensor input, int dim, Tensor index) where T : unmanaged
    {
        T[] y = output.Data<T>(), x = input.Data<T>();
        long[] ids = index.Data<long>();
        var p = new int[index.Rank];
        for (int i = 0; i < index.Count; i++)
        {
            Coordinates.Of(i, index.shape, p);
            int at = output.OffsetOf(p);
            p[dim] = InRange(ids[index.OffsetOf(p)], input.shape[dim], dim, "Gather");
            y[at] = x[input.OffsetOf(p)];
        }
    }

    /// <summary>target[p with p[dim] = index[p]] = source[p] (or +=), for every position p of the index in row-major order.</summary>
    private static void Scatter<T>(Tensor target, int dim, Tensor index, Tensor source, bool accumulate) where T : unmanaged, INumber<T>
    {
        T[] t = target.Data<T>(), s = source.Data<T>();
        long[] ids = index.Data<long>();
        var p = new int[index.Rank];
        for (int i = 0; i < index.Count; i++)
        {
            Coordinates.Of(i, index.shape, p);
            T value = s[source.OffsetOf(p)];
            p[dim] = InRange(ids[index.OffsetOf(p)], target.shape[dim], dim, accumulate ? "ScatterAdd" : "Scatter");
            int at = target.OffsetOf(p);
            t[at] = accumulate ? t[at] + value : value;
        }
    }

    /// <summary>The entries of a 0-d or 1-D index, each checked to lie in [0, size) before any element is touched.</summary>
    private static long[] IndexEntries(Tensor index, int size, int dim, string op)
    {
        long[] ids = index.Data<long>();
        var at = new ElementOffsets(index);
        var entries = new long[index.Count];
        for (int j = 0; j < entries.Length; j++) entries[j] = InRange(ids[at[j]], size, dim, op);
        return entries;
    }

    /// <summary>An index entry as a coordinate of a dim of <paramref name="size"/>; PyTorch's index ops do not count negative entries from the end.</summary>
    private static int InRange(long entry, int size, int dim, string op) => entry >= 0 && entry < size
        ? (int)entry
        : throw new IndexOutOfRangeException($"{op}: index {entry} is out of range for dim {dim} of size {size}"
            + (entry < 0 ? $" ({op} does not count negative indices from the end, as in PyTorch)." : "."));
}
