namespace Sharpgrad;

// Subscripts, index tensors and masks. Integer and range subscripts give views; index tensors and masks copy.
public sealed partial class Tensor
{
    /// <summary>
    /// <c>x[0]</c>, <c>x[.., 1]</c>, <c>x[1..3, ^1]</c>, <c>x[idx]</c>, <c>x[rows, cols]</c>, <c>x[mask]</c>: NumPy/PyTorch
    /// indexing. Integers, ranges, NewAxis and Ellipsis give views; int64 index tensors (any shape, negative entries
    /// counting from the end) and bool masks are advanced indices and copy (see <see cref="AdvancedIndex"/>).
    /// Assigning writes the value, broadcast to the selection's shape, into the selected elements in place.
    /// </summary>
    [System.Runtime.CompilerServices.IndexerName("Index")]
    public Tensor this[params TensorIndex[] indices]
    {
        get
        {
            // A mask over the whole tensor is MaskedSelect: one pass, no coordinates.
            if (indices is [{ What: TensorIndex.Kind.Tensor, IndexTensor: { DType: DType.Bool } mask }] && SameShape(mask, this))
                return MaskedSelect(mask);
            var (view, advanced) = BasicSubscript(indices);
            return advanced.Count == 0 ? view : AdvancedIndex.Plan(view, advanced, "Index").Gather(view);
        }
        set
        {
            var (view, advanced) = BasicSubscript(indices);
            view.CheckInPlace("IndexAssign");
            CheckInPlace("IndexAssign");
            if (advanced.Count == 0)
            {
                Elementwise.CopyInto(view, value);
                return;
            }
            var written = AdvancedIndex.Plan(view, advanced, "IndexAssign").Put(view, value, accumulate: false);
            Elementwise.CopyInto(view, written);
        }
    }

    /// <summary>
    /// Applies the integer, range, NewAxis and Ellipsis subscripts as views and returns the index tensors with the dims
    /// of the view they index; a bool mask of rank k indexes k dims and becomes k int64 tensors (its Nonzero).
    /// </summary>
    private (Tensor View, List<(int Dim, Tensor Index)> Advanced) BasicSubscript(TensorIndex[] indices)
    {
        int consumed = indices.Sum(i => i.What switch
        {
            TensorIndex.Kind.Single or TensorIndex.Kind.Range => 1,
            TensorIndex.Kind.Tensor => i.IndexTensor!.DType == DType.Bool ? i.IndexTensor.Rank : 1,
            _ => 0,
        });
        if (consumed > Rank)
            throw new IndexOutOfRangeException($"Index: {consumed} indices for a tensor of rank {Rank} (shape {ShapeText}).");
        if (indices.Count(i => i.What == TensorIndex.Kind.Ellipsis) > 1)
            throw new ArgumentException("Index: an index can only have a single Ellipsis.");
        var result = this;
        var advanced = new List<(int, Tensor)>();
        int dim = 0;
        foreach (var index in indices)
        {
            switch (index.What)
            {
                case TensorIndex.Kind.Single:
                    int at = index.FromEnd ? result.shape[dim] - index.Single : index.Single;
                    if (index.FromEnd && at < 0)
                        throw new IndexOutOfRangeException($"Index: ^{index.Single} is out of range for dim {dim} of size {result.shape[dim]} (shape {result.ShapeText}).");
                    result = result.Select(dim, at);
                    break;
                case TensorIndex.Kind.Range:
                    int n = result.shape[dim];
                    // GetOffset has already resolved ^k; a bound before the start (^5 on a dim of 3) clamps to 0 as in
                    // Python, instead of being read by Slice as a second from-the-end offset.
                    result = result.Slice(dim, Math.Max(0, index.Range.Start.GetOffset(n)), Math.Max(0, index.Range.End.GetOffset(n)), index.Step);
                    dim++;
                    break;
                case TensorIndex.Kind.NewAxis:
                    result = result.Unsqueeze(dim);
                    dim++;
                    break;
                case TensorIndex.Kind.Ellipsis:
                    dim += Rank - consumed;
                    break;
                default:
                    dim = AdvancedIndex.Add(advanced, result, dim, index.IndexTensor!, "Index");
                    break;
            }
        }
        return (result, advanced);
    }

    /// <summary>The slices at positions <paramref name="index"/> (1-D int64) along <paramref name="dim"/>.</summary>
    public Tensor IndexSelect(int dim, Tensor index)
    {
        int d = ShapeUtil.NormalizeDim(dim, Rank, "IndexSelect");
        RequireIndex(index, "IndexSelect");
        if (index.Rank > 1) throw new ArgumentException($"IndexSelect: index must be 1-D, got shape {index.ShapeText}.");
        var device = Device.Of("IndexSelect", this, index);
        var x = To(device).Contiguous();
        var idx = index.To(device).Contiguous();
        int[] outShape = Shape;
        outShape[d] = idx.Count;
        var y = Uninitialized(DType, outShape, device);
        y.Backend.IndexSelect(y, x, d, idx);
        return y.Record("IndexSelect", [this], g => [ZerosLike(this).IndexAdd(d, index, g)]);
    }

    /// <summary>A copy of this tensor with <paramref name="source"/>'s slices added at positions <paramref name="index"/> along <paramref name="dim"/>.</summary>
    public Tensor IndexAdd(int dim, Tensor index, Tensor source) => IndexWrite(dim, index, source, add: true);

    /// <summary>
    /// A copy of this tensor with <paramref name="source"/>'s slices written at positions <paramref name="index"/> along
    /// <paramref name="dim"/> (torch.index_copy); with a repeated index the last slice wins.
    /// </summary>
    public Tensor IndexCopy(int dim, Tensor index, Tensor source) => IndexWrite(dim, index, source, add: false);

    private Tensor IndexWrite(int dim, Tensor index, Tensor source, bool add)
    {
        string op = add ? "IndexAdd" : "IndexCopy";
        int d = ShapeUtil.NormalizeDim(dim, Rank, op);
        RequireIndex(index, op);
        RequireArithmetic(op);
        if (index.Rank > 1) throw new ArgumentException($"{op}: index must be 0-d or 1-D, got shape {index.ShapeText}.");
        int[] expected = Shape;
        expected[d] = index.Count;
        if (!source.shape.AsSpan().SequenceEqual(expected))
            throw new ArgumentException($"{op}: source shape {source.ShapeText} does not match {ShapeUtil.Format(expected)} (self {ShapeText}, {index.Count} indices on dim {d}).");
        var device = Device.Of(op, this, index, source);
        var y = To(device).Contiguous(copy: true).Detach();
        y.Backend.IndexAdd(y, d, index.To(device).Contiguous(), source.To(DType).To(device).Contiguous(), add);
        var flat = index.Reshape(-1);
        // A copied-over slice of self gets no gradient; each source slice gets the gradient of where it went (GBC §6.5).
        return y.Record(op, [this, source], g => [add ? g : g.IndexFill(d, flat, 0), g.IndexSelect(d, flat).Reshape(source.shape)]);
    }

    /// <summary>out[p] = this[p with p[dim] = index[p]]; picks one element per position, e.g. the log-prob of each label.</summary>
    public Tensor Gather(int dim, Tensor index)
    {
        int d = ShapeUtil.NormalizeDim(dim, Rank, "Gather");
        RequireIndex(index, "Gather");
        CheckIndexShape(index, d, "Gather");
        var device = Device.Of("Gather", this, index);
        var idx = index.To(device).Contiguous();
        var y = Uninitialized(DType, idx.shape, device);
        y.Backend.Gather(y, To(device).Contiguous(), d, idx);
        return y.Record("Gather", [this], g => [ZerosLike(this).ScatterAdd(d, index, g)]);
    }

    /// <summary>A copy with source[p] written to position p with p[dim] = index[p]. With repeated indices the last write wins.</summary>
    public Tensor Scatter(int dim, Tensor index, Tensor source) => ScatterCore(dim, index, source, add: false);

    public Tensor Scatter(int dim, Tensor index, double value)
        => ScatterCore(dim, index, Scalar(value, DType).To(Device.Of("Scatter", this, index)).Expand(index.shape), add: false);

    /// <summary>A copy with source[p] added at position p with p[dim] = index[p]; the adjoint of Gather.</summary>
    public Tensor ScatterAdd(int dim, Tensor index, Tensor source) => ScatterCore(dim, index, source, add: true);

    private Tensor ScatterCore(int dim, Tensor index, Tensor source, bool add)
    {
        string op = add ? "ScatterAdd" : "Scatter";
        int d = CheckScatterArguments(dim, index, source, op);
        RequireArithmetic(op);
        var device = Device.Of(op, this, index, source);
        var y = To(device).Contiguous(copy: true).Detach();
        y.Backend.Scatter(y, d, index.To(device).Contiguous(), source.To(DType).To(device).Contiguous(), add);
        return y.Record(op, [this, source], g =>
        {
            var picked = g.Gather(d, index);
            return [add ? g : g.Scatter(d, index, 0), SameShape(picked, source) ? picked : picked.SliceScatterTo(source.shape)];
        });
    }

    /// <summary>The elements where <paramref name="mask"/> (broadcast to this shape) is true, as a 1-D tensor.</summary>
    public Tensor MaskedSelect(Tensor mask)
    {
        if (mask.DType != DType.Bool) throw new ArgumentException($"MaskedSelect: mask must be bool, got {mask.DType.Name()}.");
        var device = Device.Of("MaskedSelect", this, mask);
        var m = mask.To(device).Expand(ShapeUtil.Broadcast(shape, mask.shape, "MaskedSelect")).Contiguous();
        var x = To(device).Expand(m.shape).Contiguous();
        // The length depends on the data: the backend counts first (a GPU would synchronise here), then selects.
        var y = Uninitialized(DType, [m.Backend.CountTrue(m)], device);
        y.Backend.MaskedSelect(y, x, m);
        return y.Record("MaskedSelect", [this], g => [g.MaskedScatterInto(m).SumTo(shape)]);
    }

    /// <summary>The adjoint of MaskedSelect: zeros of the mask's shape with this 1-D tensor's values at the true positions.</summary>
    private Tensor MaskedScatterInto(Tensor mask)
    {
        if (!DType.IsFloatingPoint()) throw new ArgumentException($"MaskedScatter: unsupported dtype {DType.Name()}; expected float32 or float64.");
        var device = Device.Of("MaskedScatter", this, mask);
        var y = Empty(DType, mask.shape, device);
        y.Backend.MaskedScatter(y, mask.To(device).Contiguous(), To(device).Contiguous());
        return y.Record("MaskedScatter", [this], g => [g.MaskedSelect(mask)]);
    }

    /// <summary>Zero-pads a gradient of a smaller shape out to <paramref name="target"/> (index shorter than source).</summary>
    private Tensor SliceScatterTo(int[] target)
    {
        var result = this;
        for (int d = 0; d < Rank; d++)
            if (result.shape[d] != target[d])
            {
                int[] full = result.Shape;
                full[d] = target[d];
                result = result.SliceScatterInto(full, d, 0, 1);
            }
        return result;
    }

    /// <summary>One-hot encoding of int64 labels into a new last dim of size <paramref name="numClasses"/> (int64, as PyTorch).</summary>
    public static Tensor OneHot(Tensor labels, int numClasses, DType dtype = DType.Int64)
    {
        RequireIndex(labels, "OneHot");
        var index = labels.Unsqueeze(-1);
        var zeros = Empty(dtype == DType.Bool ? DType.Int64 : dtype, [.. labels.shape, numClasses], labels.Device);
        return zeros.Scatter(-1, index, 1).To(dtype);
    }

    /// <summary>This tensor viewed as [outer, size, inner] around dim <paramref name="d"/>.</summary>
    internal (int Outer, int Size, int Inner) AroundDim(int d)
        => (ShapeUtil.Product(shape, 0, d), shape[d], ShapeUtil.Product(shape, d + 1, Rank));

    private static void RequireIndex(Tensor index, string op)
    {
        if (index.DType != DType.Int64)
            throw new ArgumentException($"{op}: index must be an int64 tensor, got {index.DType.Name()}.");
    }

    /// <summary>The writes that may add (IndexAdd, Scatter, ScatterReduce) take numbers: float32, float64 or int64.</summary>
    private void RequireArithmetic(string op)
    {
        if (DType == DType.Bool) throw new ArgumentException($"{op}: unsupported dtype bool; expected float32, float64 or int64.");
    }

    /// <summary>The checks shared by Scatter, ScatterAdd and ScatterReduce; returns the normalised dim.</summary>
    private int CheckScatterArguments(int dim, Tensor index, Tensor source, string op)
    {
        int d = ShapeUtil.NormalizeDim(dim, Rank, op);
        RequireIndex(index, op);
        CheckIndexShape(index, d, op);
        if (source.Rank != index.Rank || Enumerable.Range(0, Rank).Any(i => index.shape[i] > source.shape[i]))
            throw new ArgumentException($"{op}: index shape {index.ShapeText} must fit inside source shape {source.ShapeText}.");
        return d;
    }

    private void CheckIndexShape(Tensor index, int dim, string op)
    {
        if (index.Rank != Rank)
            throw new ArgumentException($"{op}: index of shape {index.ShapeText} must have the same rank as the tensor {ShapeText}.");
        for (int i = 0; i < Rank; i++)
            if (i != dim && index.shape[i] > shape[i])
                throw new ArgumentException($"{op}: index shape {index.ShapeText} exceeds tensor shape {ShapeText} at dim {i}.");
    }
}
