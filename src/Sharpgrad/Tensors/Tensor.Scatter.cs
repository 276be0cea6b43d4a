using Sharpgrad.Kernels;

namespace Sharpgrad;

// Writing by index beyond Scatter/ScatterAdd/IndexAdd (Tensor.Indexing.cs): reducing scatters, IndexFill, IndexPut,
// and MaskedFill with a tensor value. Every op returns a new tensor; the inputs are never written.
public sealed partial class Tensor
{
    /// <summary>
    /// A copy of this tensor with source[p] reduced into position p with p[dim] = index[p] (torch.scatter_reduce).
    /// <paramref name="reduce"/> is "sum", "prod", "mean", "amax" or "amin"; with <paramref name="includeSelf"/> false the
    /// original value of a position that receives something takes no part. Index entries must lie in [0, size): like
    /// PyTorch's scatter family, negative entries are an error rather than counted from the end.
    /// </summary>
    public Tensor ScatterReduce(int dim, Tensor index, Tensor source, string reduce, bool includeSelf = true)
    {
        var reduction = reduce switch
        {
            "sum" => ScatterReduction.Sum,
            "prod" => ScatterReduction.Prod,
            "mean" => ScatterReduction.Mean,
            "amax" => ScatterReduction.Amax,
            "amin" => ScatterReduction.Amin,
            _ => throw new ArgumentException($"ScatterReduce: reduce must be \"sum\", \"prod\", \"mean\", \"amax\" or \"amin\", got \"{reduce}\"."),
        };
        int d = CheckScatterArguments(dim, index, source, "ScatterReduce");
        if (source.DType != DType)
            throw new ArgumentException($"ScatterReduce: source must have the tensor's dtype {DType.Name()}, got {source.DType.Name()}.");
        RequireArithmetic("ScatterReduce");
        var device = Device.Of("ScatterReduce", this, index, source);
        var y = To(device).Contiguous(copy: true).Detach();
        y.Backend.ScatterReduce(y, d, index.To(device).Contiguous(), source.To(device).Contiguous(), reduction, includeSelf);
        return y.Record("ScatterReduce", [this, source], g =>
        {
            var (gradSelf, gradSource) = ScatterReduceGrad(g, y, d, index, source.FitTo(index.shape), reduction, includeSelf);
            if (!includeSelf) gradSelf = gradSelf.Scatter(d, index, 0);
            return [gradSelf, SameShape(gradSource, source) ? gradSource : gradSource.SliceScatterTo(source.shape)];
        });
    }

    /// <summary>
    /// PyTorch's scatter_reduce_backward, written with differentiable ops. A max or min shares the gradient evenly among
    /// the values equal to the result (self included, as PyTorch counts it even when not included); a product's is the
    /// product of the other factors of its slot, exact at zeros as <see cref="Prod()"/>'s is.
    /// </summary>
    private (Tensor Self, Tensor Source) ScatterReduceGrad(Tensor g, Tensor result, int d, Tensor index, Tensor source, ScatterReduction reduction, bool includeSelf)
    {
        switch (reduction)
        {
            case ScatterReduction.Prod:
                return ScatterProdGrad(g, result, d, index, source, includeSelf);
            case ScatterReduction.Mean:
                var received = (includeSelf ? OnesLike(g) : ZerosLike(g)).ScatterAdd(d, index, OnesLike(source)).Clamp(min: 1);
                var share = g / received;
                return (share, share.Gather(d, index));
            case ScatterReduction.Amax or ScatterReduction.Amin:
                var selfIsResult = Eq(result).To(g.DType);
                var sourceIsResult = source.Eq(result.Gather(d, index)).To(g.DType);
                var distributed = g / selfIsResult.ScatterAdd(d, index, sourceIsResult);
                return (selfIsResult * distributed, sourceIsResult * distributed.Gather(d, index));
            default:
                return (g, g.Gather(d, index));
        }
    }

    /// <summary>
    /// ∂/∂xᵢ of the product of a slot's factors is the product of the others: result/xᵢ when the slot has no zero; when
    /// it has exactly one, the product of its nonzero factors at the zero and 0 elsewhere; 0 with two or more. The
    /// nonzero products and the zero counts are scattered the same way as the forward, so this stays differentiable.
    /// Without <paramref name="includeSelf"/>, self passes g where nothing was scattered (the caller zeros the rest).
    /// </summary>
    private (Tensor Self, Tensor Source) ScatterProdGrad(Tensor g, Tensor result, int d, Tensor index, Tensor source, bool includeSelf)
    {
        var selfIsZero = includeSelf ? Eq(0) : EmptyLike(this, DType.Bool);
        var sourceIsZero = source.Eq(0);
        var zeros = selfIsZero.Long().ScatterAdd(d, index, sourceIsZero.Long());
        var nonzeroProduct = (includeSelf ? Where(selfIsZero, 1.0, this) : OnesLike(this))
            .ScatterReduce(d, index, Where(sourceIsZero, 1.0, source), "prod");
        Tensor Others(Tensor x, Tensor isZero, Tensor slotZeros, Tensor slotProduct, Tensor slotResult)
            => Where(isZero, Where(slotZeros.Eq(1), slotProduct, 0.0), Where(slotZeros.Eq(0), slotResult / Where(isZero, 1.0, x), 0.0));
        var gradSelf = includeSelf ? g * Others(this, selfIsZero, zeros, nonzeroProduct, result) : g;
        var gradSource = g.Gather(d, index) * Others(source, sourceIsZero, zeros.Gather(d, index), nonzeroProduct.Gather(d, index), result.Gather(d, index));
        return (gradSelf, gradSource);
    }

    /// <summary>The leading block of this tensor with the given (not larger) shape.</summary>
    private Tensor FitTo(int[] target)
    {
        var result = this;
        for (int d = 0; d < Rank; d++)
            if (result.shape[d] != target[d]) result = result.Narrow(d, 0, target[d]);
        return result;
    }

    /// <summary>
    /// A copy with the slices at positions <paramref name="index"/> along <paramref name="dim"/> set to
    /// <paramref name="value"/> (torch.index_fill). Negative entries count from the end, as in PyTorch.
    /// </summary>
    public Tensor IndexFill(int dim, Tensor index, double value) => IndexFill(dim, index, Scalar(value, DType));

    /// <summary>IndexFill with a 0-d tensor value, differentiable with respect to the value (it receives the filled slices' gradient).</summary>
    public Tensor IndexFill(int dim, Tensor index, Tensor value)
    {
        int d = ShapeUtil.NormalizeDim(dim, Rank, "IndexFill");
        RequireIndex(index, "IndexFill");
        if (index.Rank > 1) throw new ArgumentException($"IndexFill: index must be 0-d or 1-D, got shape {index.ShapeText}.");
        // The wrapped entries come back to the host, where they mark the filled slices of a mask along dim.
        var device = Device.Of("IndexFill", this, index);
        var wrapped = Empty(DType.Int64, index.shape, device);
        wrapped.Backend.AddWrappedIndex(wrapped, index.To(device).Contiguous(), shape[d], d, 1, "IndexFill");
        var hit = new bool[shape[d]];
        foreach (long i in wrapped.ToArray<long>()) hit[i] = true;
        var along = Enumerable.Repeat(1, Rank).ToArray();
        along[d] = shape[d];
        return MaskedFill(FromHost<bool>(hit, along, device), value);
    }

    /// <summary>
    /// A copy with <paramref name="value"/> (0-d) where <paramref name="mask"/> is true, keeping this tensor's dtype;
    /// differentiable with respect to both (the value receives the sum of the filled positions' gradients).
    /// </summary>
    public Tensor MaskedFill(Tensor mask, Tensor value)
    {
        if (value.Rank != 0)
            throw new ArgumentException($"MaskedFill: the value must be a 0-d tensor, got shape {value.ShapeText}.");
        if (mask.DType != DType.Bool) throw new ArgumentException($"MaskedFill: mask must be bool, got {mask.DType.Name()}.");
        ShapeUtil.Broadcast(shape, mask.shape, "MaskedFill");
        var filled = Where(mask, value.To(DType), this);
        return SameShape(filled, this) ? filled : throw new ArgumentException(
            $"MaskedFill: mask of shape {mask.ShapeText} must broadcast to the tensor's shape {ShapeText}.");
    }

    /// <summary>
    /// A copy with <paramref name="values"/> written (or added, with <paramref name="accumulate"/>) at the positions
    /// the index tensors pick from the leading dims, i.e. <c>x[indices] = values</c> without changing x
    /// (torch.index_put). Index tensors broadcast together; negative entries count from the end; bool masks index as
    /// many dims as they have. Without accumulate, a position picked twice keeps the last value.
    /// </summary>
    public Tensor IndexPut(Tensor[] indices, Tensor values, bool accumulate = false)
    {
        var advanced = AdvancedIndex.Leading(this, indices, "IndexPut");
        return AdvancedIndex.Plan(this, advanced, "IndexPut").Put(this, values, accumulate);
    }
}
