using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

// The indexing primitives over IndexKernels. Most of those kernels take whole arrays with no offset; Exact hands them
// the storage's array itself when the tensor covers all of it (the usual case: a fresh output, a contiguous operand)
// and a copy of the tensor's elements otherwise, as the ops did before the seam.
internal sealed partial class CpuBackend
{
    public override void IndexSelect(Tensor output, Tensor input, int dim, Tensor index)
    {
        RequireOwn("IndexSelect", output, input, index);
        var (outer, size, inner) = input.AroundDim(dim);
        var ids = index.Data<long>();
        switch (input.DType)
        {
            case DType.Float32: IndexKernels.IndexSelect(input.Data<float>(), input.offset, outer, size, inner, dim, ids, index.offset, index.Count, output.Data<float>()); break;
            case DType.Float64: IndexKernels.IndexSelect(input.Data<double>(), input.offset, outer, size, inner, dim, ids, index.offset, index.Count, output.Data<double>()); break;
            case DType.Int64: IndexKernels.IndexSelect(input.Data<long>(), input.offset, outer, size, inner, dim, ids, index.offset, index.Count, output.Data<long>()); break;
            default: IndexKernels.IndexSelect(input.Data<bool>(), input.offset, outer, size, inner, dim, ids, index.offset, index.Count, output.Data<bool>()); break;
        }
    }

    public override void IndexAdd(Tensor target, int dim, Tensor index, Tensor source, bool accumulate)
    {
        RequireOwn(accumulate ? "IndexAdd" : "IndexCopy", target, index, source);
        var (outer, size, inner) = target.AroundDim(dim);
        var ids = index.Data<long>();
        switch (target.DType)
        {
            case DType.Float32: IndexKernels.IndexAdd(target.Data<float>(), outer, size, inner, dim, ids, index.offset, index.Count, Exact<float>(source), accumulate); break;
            case DType.Float64: IndexKernels.IndexAdd(target.Data<double>(), outer, size, inner, dim, ids, index.offset, index.Count, Exact<double>(source), accumulate); break;
            default: IndexKernels.IndexAdd(target.Data<long>(), outer, size, inner, dim, ids, index.offset, index.Count, Exact<long>(source), accumulate); break;
        }
    }

    public override void Gather(Tensor output, Tensor input, int dim, Tensor index)
    {
        RequireOwn("Gather", output, input, index);
        var ids = Exact<long>(index);
        switch (input.DType)
        {
            case DType.Float32: IndexKernels.Gather(Exact<float>(input), input.shape, input.strides, dim, ids, index.shape, output.Data<float>()); break;
            case DType.Float64: IndexKernels.Gather(Exact<double>(input), input.shape, input.strides, dim, ids, index.shape, output.Data<double>()); break;
            case DType.Int64: IndexKernels.Gather(Exact<long>(input), input.shape, input.strides, dim, ids, index.shape, output.Data<long>()); break;
            default: IndexKernels.Gather(Exact<bool>(input), input.shape, input.strides, dim, ids, index.shape, output.Data<bool>()); break;
        }
    }

    public override void Scatter(Tensor target, int dim, Tensor index, Tensor source, bool accumulate)
    {
        RequireOwn(accumulate ? "ScatterAdd" : "Scatter", target, index, source);
        var ids = Exact<long>(index);
        switch (target.DType)
        {
            case DType.Float32: IndexKernels.Scatter(target.Data<float>(), target.shape, target.strides, dim, ids, index.shape, Exact<float>(source), source.strides, accumulate); break;
            case DType.Float64: IndexKernels.Scatter(target.Data<double>(), target.shape, target.strides, dim, ids, index.shape, Exact<double>(source), source.strides, accumulate); break;
            default: IndexKernels.Scatter(target.Data<long>(), target.shape, target.strides, dim, ids, index.shape, Exact<long>(source), source.strides, accumulate); break;
        }
    }

    public override void ScatterReduce(Tensor target, int dim, Tensor index, Tensor source, ScatterReduction reduction, bool includeSelf)
    {
        RequireOwn("ScatterReduce", target, index, source);
        var ids = Exact<long>(index);
        switch (target.DType)
        {
            case DType.Float32: IndexKernels.ScatterReduce(target.Data<float>(), target.shape, target.strides, dim, ids, index.shape, Exact<float>(source), source.strides, reduction, includeSelf); break;
            case DType.Float64: IndexKernels.ScatterReduce(target.Data<double>(), target.shape, target.strides, dim, ids, index.shape, Exact<double>(source), source.strides, reduction, includeSelf); break;
            default: IndexKernels.ScatterReduce(target.Data<long>(), target.shape, target.strides, dim, ids, index.shape, Exact<long>(source), source.strides, reduction, includeSelf); break;
        }
    }

    public override int CountTrue(Tensor mask)
    {
        RequireOwn("CountTrue", mask);
        return Elements<bool>(mask).Count(true);
    }

    public override void MaskedSelect(Tensor output, Tensor input, Tensor mask)
    {
        RequireOwn("MaskedSelect", output, input, mask);
        var bools = Elements<bool>(mask);
        switch (input.DType)
        {
            case DType.Float32: IndexKernels.MaskedSelect(Elements<float>(input), bools, Elements<float>(output)); break;
            case DType.Float64: IndexKernels.MaskedSelect(Elements<double>(input), bools, Elements<double>(output)); break;
            case DType.Int64: IndexKernels.MaskedSelect(Elements<long>(input), bools, Elements<long>(output)); break;
            default: IndexKernels.MaskedSelect(Elements<bool>(input), bools, Elements<bool>(output)); break;
        }
    }

    public override void MaskedScatter(Tensor target, Tensor mask, Tensor source)
    {
        RequireOwn("MaskedScatter", target, mask, source);
        var bools = Exact<bool>(mask);
        if (target.DType == DType.Float32) IndexKernels.MaskedScatter(target.Data<float>(), bools, source.Data<float>(), source.offset);
        else IndexKernels.MaskedScatter(target.Data<double>(), bools, source.Data<double>(), source.offset);
    }

    public override void AddWrappedIndex(Tensor linear, Tensor index, int size, int dim, long scale, string op)
    {
        RequireOwn(op, linear, index);
        IndexKernels.AddWrappedIndex(Elements<long>(linear), Elements<long>(index), size, dim, scale, op);
    }

    public override (long Lowest, long Highest, int Counted) ClassLabelRange(Tensor labels, long? ignoreIndex)
    {
        RequireOwn("ClassLabelRange", labels);
        return IndexKernels.LabelRange(Elements<long>(labels), ignoreIndex);
    }

    /// <summary>An array holding exactly the contiguous tensor's elements: its storage's array when it covers it, else a copy.</summary>
    private static T[] Exact<T>(Tensor t) where T : unmanaged
    {
        var data = t.Data<T>();
        return t.offset == 0 && data.Length == t.Count ? data : data.AsSpan(t.offset, t.Count).ToArray();
    }
}
