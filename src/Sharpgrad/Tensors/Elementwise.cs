using Sharpgrad.Kernels;

namespace Sharpgrad;

/// <summary>
/// Turns elementwise ops on tensors into kernel calls: checks dtypes, promotes and broadcasts the operands,
/// allocates the output and picks the kernel instantiation for the dtype. Autograd lives one level up.
/// </summary>
internal static class Elementwise
{
    /// <summary>A layout walking <paramref name="output"/> together with each operand broadcast to its shape.</summary>
    public static StridedLayout Layout(Tensor output, params Tensor[] operands)
    {
        var offsets = new int[operands.Length + 1];
        offsets[0] = output.offset;
        bool contiguous = output.IsContiguous;
        for (int k = 0; k < operands.Length; k++)
        {
            offsets[k + 1] = operands[k].offset;
            contiguous &= operands[k].IsContiguous && Tensor.SameShape(operands[k], output);
        }
        if (contiguous) return StridedLayout.Contiguous(output.Count, offsets);

        var strides = new int[operands.Length + 1][];
        strides[0] = output.strides;
        for (int k = 0; k < operands.Length; k++)
            strides[k + 1] = ShapeUtil.BroadcastStrides(operands[k].shape, operands[k].strides, output.shape);
        return new StridedLayout(output.shape, strides, offsets);
    }

    public static void RequireFloat(Tensor x, string op)
    {
        if (!x.DType.IsFloatingPoint())
            throw new ArgumentException($"{op}: expected a floating-point tensor (float32 or float64), got {x.DType.Name()}.");
    }

    public static Tensor Float<TF, TD>(Tensor x, string op, TF f, TD d)
        where TF : struct, IUnaryOp<float> where TD : struct, IUnaryOp<double>
    {
        RequireFloat(x, op);
        var y = Tensor.UninitializedLike(x);
        var layout = Layout(y, x);
        if (x.DType == DType.Float32) ElementwiseKernels.Map(f, layout, y.Data<float>(), x.Data<float>());
        else ElementwiseKernels.Map(d, layout, y.Data<double>(), x.Data<double>());
        return y;
    }

    public static Tensor Numeric<TF, TD, TL>(Tensor x, string op, TF f, TD d, TL l)
        where TF : struct, IUnaryOp<float> where TD : struct, IUnaryOp<double> where TL : struct, IUnaryOp<long>
    {
        if (x.DType == DType.Bool) x = x.To(DType.Int64);
        if (x.DType == DType.Int64)
        {
            var y = Tensor.UninitializedLike(x);
            ElementwiseKernels.Map(l, Layout(y, x), y.Data<long>(), x.Data<long>());
            return y;
        }
        return Float(x, op, f, d);
    }

    public static Tensor Binary<TF, TD, TL>(Tensor a, Tensor b, string op, TF f, TD d, TL l)
        where TF : struct, IBinaryOp<float> where TD : struct, IBinaryOp<double> where TL : struct, IBinaryOp<long>
    {
        var dtype = DTypeInfo.Promote(DTypeInfo.Promote(a.DType, b.DType), DType.Int64);
        a = a.To(dtype);
        b = b.To(dtype);
        var y = Tensor.Uninitialized(dtype, ShapeUtil.Broadcast(a.shape, b.shape, op));
        var layout = Layout(y, a, b);
        switch (dtype)
        {
            case DType.Float32: ElementwiseKernels.Zip(f, layout, y.Data<float>(), a.Data<float>(), b.Data<float>()); break;
            case DType.Float64: ElementwiseKernels.Zip(d, layout, y.Data<double>(), a.Data<double>(), b.Data<double>()); break;
            default: ElementwiseKernels.Zip(l, layout, y.Data<long>(), a.Data<long>(), b.Data<long>()); break;
        }
        return y;
    }

    public static Tensor BinaryFloat<TF, TD>(Tensor a, Tensor b, string op, TF f, TD d)
        where TF : struct, IBinaryOp<float> where TD : struct, IBinaryOp<double>
    {
        var dtype = DTypeInfo.Promote(DTypeInfo.Promote(a.DType, b.DType), DType.Float32);
        a = a.To(dtype);
        b = b.To(dtype);
        var y = Tensor.Uninitialized(dtype, ShapeUtil.Broadcast(a.shape, b.shape, op));
        var layout = Layout(y, a, b);
        if (dtype == DType.Float32) ElementwiseKernels.Zip(f, layout, y.Data<float>(), a.Data<float>(), b.Data<float>());
        else ElementwiseKernels.Zip(d, layout, y.Data<double>(), a.Data<double>(), b.Data<double>());
        return y;
    }

    /// <summary>
    /// destination ← op(destination, other) in one pass, without a temporary, when that is safe: both floating-point
    /// of the same dtype, <paramref name="other"/> broadcasts to the destination's shape, the destination has no
    /// repeated elements (stride 0), and <paramref name="other"/> either has its own storage or is the destination
    /// itself. Returns false, having done nothing, otherwise; the caller then computes out of place and copies.
    /// </summary>
    public static bool TryInPlace<TF, TD>(Tensor destination, Tensor other, TF f, TD d)
        where TF : struct, IBinaryOp<float> where TD : struct, IBinaryOp<double>
    {
        if (destination.DType != other.DType || !destination.DType.IsFloatingPoint() || other.Rank > destination.Rank) return false;
        for (int i = 0; i < destination.Rank; i++)
            if (destination.strides[i] == 0 && destination.shape[i] > 1) return false;
        for (int i = 1; i <= other.Rank; i++)
            if (other.shape[^i] != destination.shape[^i] && other.shape[^i] != 1) return false;
        bool sameView = ReferenceEquals(destination.storage, other.storage);
        if (sameView && (destination.offset != other.offset || !destination.shape.AsSpan().SequenceEqual(other.shape)
                         || !destination.strides.AsSpan().SequenceEqual(other.strides)))
            return false;
        var layout = Layout(destination, destination, other);
        if (destination.DType == DType.Float32)
            ElementwiseKernels.Zip(f, layout, destination.Data<float>(), destination.Data<float>(), other.Data<float>());
        else
            ElementwiseKernels.Zip(d, layout, destination.Data<double>(), destination.Data<double>(), other.Data<double>());
        return true;
    }

    public static Tensor Compare(Tensor a, Tensor b, Comparison comparison, string op)
    {
        var dtype = DTypeInfo.Promote(DTypeInfo.Promote(a.DType, b.DType), DType.Int64);
        a = a.To(dtype);
        b = b.To(dtype);
        var y = Tensor.Uninitialized(DType.Bool, ShapeUtil.Broadcast(a.shape, b.shape, op));
        var layout = Layout(y, a, b);
        var bools = y.Data<bool>();
        switch (dtype)
        {
            case DType.Float32: ElementwiseKernels.Compare(new CompareOp<float>(comparison), layout, bools, a.Data<float>(), b.Data<float>()); break;
            case DType.Float64: ElementwiseKernels.Compare(new CompareOp<double>(comparison), layout, bools, a.Data<double>(), b.Data<double>()); break;
            default: ElementwiseKernels.Compare(new CompareOp<long>(comparison), layout, bools, a.Data<long>(), b.Data<long>()); break;
        }
        return y;
    }

    public static Tensor Where(Tensor condition, Tensor a, Tensor b)
    {
        if (condition.DType != DType.Bool)
            throw new ArgumentException($"Where: condition must be a bool tensor, got {condition.DType.Name()}.");
        var dtype = DTypeInfo.Promote(a.DType, b.DType);
        a = a.To(dtype);
        b = b.To(dtype);
        var shape = ShapeUtil.Broadcast(ShapeUtil.Broadcast(condition.shape, a.shape, "Where"), b.shape, "Where");
        var y = Tensor.Uninitialized(dtype, shape);
        var layout = Layout(y, condition, a, b);
        var c = condition.Data<bool>();
        switch (dtype)
        {
            case DType.Float32: ElementwiseKernels.Where(layout, y.Data<float>(), c, a.Data<float>(), b.Data<float>()); break;
            case DType.Float64: ElementwiseKernels.Where(layout, y.Data<double>(), c, a.Data<double>(), b.Data<double>()); break;
            case DType.Int64: ElementwiseKernels.Where(layout, y.Data<long>(), c, a.Data<long>(), b.Data<long>()); break;
            default: ElementwiseKernels.Where(layout, y.Data<bool>(), c, a.Data<bool>(), b.Data<bool>()); break;
        }
        return y;
    }

    /// <summary>Writes <paramref name="source"/>, broadcast to the destination's shape, into the view <paramref name="destination"/>.</summary>
    public static void CopyInto(Tensor destination, Tensor source)
    {
        if (source.Rank > destination.Rank || !ShapeUtil.Broadcast(destination.shape, source.shape, "Copy").AsSpan().SequenceEqual(destination.shape))
            throw new ArgumentException($"Copy: source of shape {source.ShapeText} cannot be broadcast to destination shape {destination.ShapeText}.");
        source = source.To(destination.DType);
        var layout = Layout(destination, source);
        switch (destination.DType)
        {
            case DType.Float32: ElementwiseKernels.Copy(layout, destination.Data<float>(), source.Data<float>()); break;
            case DType.Float64: ElementwiseKernels.Copy(layout, destination.Data<double>(), source.Data<double>()); break;
            case DType.Int64: ElementwiseKernels.Copy(layout, destination.Data<long>(), source.Data<long>()); break;
            default: ElementwiseKernels.Copy(layout, destination.Data<bool>(), source.Data<bool>()); break;
        }
    }

    /// <summary>A contiguous copy of <paramref name="x"/> converted to <paramref name="dtype"/>.</summary>
    public static Tensor Convert(Tensor x, DType dtype)
    {
        var y = Tensor.Uninitialized(dtype, x.shape);
        var layout = Layout(y, x);
        switch (x.DType, dtype)
        {
            case (DType.Float32, DType.Float64): ConvertNumber<float, double>(layout, y, x); break;
            case (DType.Float32, DType.Int64): ConvertNumber<float, long>(layout, y, x); break;
            case (DType.Float64, DType.Float32): ConvertNumber<double, float>(layout, y, x); break;
            case (DType.Float64, DType.Int64): ConvertNumber<double, long>(layout, y, x); break;
            case (DType.Int64, DType.Float32): ConvertNumber<long, float>(layout, y, x); break;
            case (DType.Int64, DType.Float64): ConvertNumber<long, double>(layout, y, x); break;
            case (DType.Float32, DType.Bool): ToBool<float>(layout, y, x); break;
            case (DType.Float64, DType.Bool): ToBool<double>(layout, y, x); break;
            case (DType.Int64, DType.Bool): ToBool<long>(layout, y, x); break;
            case (DType.Bool, DType.Float32): FromBool<float>(layout, y, x); break;
            case (DType.Bool, DType.Float64): FromBool<double>(layout, y, x); break;
            case (DType.Bool, DType.Int64): FromBool<long>(layout, y, x); break;
            default: CopyInto(y, x); break;
        }
        return y;
    }

    private static void ConvertNumber<TFrom, TTo>(StridedLayout layout, Tensor y, Tensor x)
        where TFrom : unmanaged, System.Numerics.INumberBase<TFrom> where TTo : unmanaged, System.Numerics.INumberBase<TTo>
        => ElementwiseKernels.Convert(default(NumericConversion<TFrom, TTo>), layout, y.Data<TTo>(), x.Data<TFrom>());

    private static void ToBool<T>(StridedLayout layout, Tensor y, Tensor x) where T : unmanaged, System.Numerics.INumberBase<T>
        => ElementwiseKernels.Convert(default(ToBoolConversion<T>), layout, y.Data<bool>(), x.Data<T>());

    private static void FromBool<T>(StridedLayout layout, Tensor y, Tensor x) where T : unmanaged, System.Numerics.INumberBase<T>
        => ElementwiseKernels.Convert(default(FromBoolConversion<T>), layout, y.Data<T>(), x.Data<bool>());
}
