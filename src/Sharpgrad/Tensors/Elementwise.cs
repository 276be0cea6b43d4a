using Sharpgrad.Backends;
using Sharpgrad.Kernels;

namespace Sharpgrad;

/// <summary>
/// Turns elementwise ops on tensors into backend primitives: checks dtypes, promotes the operands to one dtype and
/// device, broadcasts their shapes and allocates the output; the backend picks the instantiation for the dtype.
/// float16 and bfloat16 are computed as PyTorch's CPU does: operands widened to float32 (exactly), the function computed
/// in float32, the result rounded back once. Autograd lives one level up.
/// </summary>
internal static class Elementwise
{
    /// <summary>Fails unless <paramref name="x"/> is float32 or float64: for ops that compute on those only.</summary>
    public static void RequireFloat(Tensor x, string op)
    {
        RequireFloatingPoint(x, op);
        x.DType.RequireComputable(op);
    }

    private static void RequireFloatingPoint(Tensor x, string op)
    {
        if (!x.DType.IsFloatingPoint())
            throw new ArgumentException($"{op}: expected a floating-point tensor (float32, float64, float16 or bfloat16), got {x.DType.Name()}.");
    }

    public static Tensor Float<TF, TD>(Tensor x, string op, TF f, TD d)
        where TF : struct, IUnaryOp<float> where TD : struct, IUnaryOp<double>
    {
        RequireFloatingPoint(x, op);
        var wide = Widened(x);
        var y = Tensor.UninitializedLike(wide);
        Backend.MapOn(y, wide, f, d);
        return RoundedTo(y, x.DType);
    }

    /// <summary><paramref name="x"/> itself, or its float32 copy when it is a half type (exact: every half value is a float32).</summary>
    private static Tensor Widened(Tensor x) => x.DType.IsHalf() ? Convert(x, DType.Float32) : x;

    /// <summary>A result computed in float32 for a half-type op, rounded to nearest even; any other result as it is.</summary>
    private static Tensor RoundedTo(Tensor y, DType dtype) => y.DType == dtype ? y : Convert(y, dtype);

    public static Tensor Numeric<TF, TD, TL>(Tensor x, string op, TF f, TD d, TL l)
        where TF : struct, IUnaryOp<float> where TD : struct, IUnaryOp<double> where TL : struct, IUnaryOp<long>
    {
        if (x.DType == DType.Bool) x = x.To(DType.Int64);
        if (x.DType != DType.Int64) return Float(x, op, f, d);
        var y = Tensor.UninitializedLike(x);
        Backend.MapOn(y, x, f, d, l);
        return y;
    }

    public static Tensor Binary<TF, TD, TL>(Tensor a, Tensor b, string op, TF f, TD d, TL l)
        where TF : struct, IBinaryOp<float> where TD : struct, IBinaryOp<double> where TL : struct, IBinaryOp<long>
    {
        var dtype = DTypeInfo.Promote(DTypeInfo.Promote(a.DType, b.DType), DType.Int64);
        var y = Operands(ref a, ref b, dtype, op);
        Backend.ZipOn(y, a, b, f, d, l);
        return RoundedTo(y, dtype);
    }

    public static Tensor BinaryFloat<TF, TD>(Tensor a, Tensor b, string op, TF f, TD d)
        where TF : struct, IBinaryOp<float> where TD : struct, IBinaryOp<double>
    {
        var promoted = DTypeInfo.Promote(a.DType, b.DType);
        var dtype = promoted.IsFloatingPoint() ? promoted : DType.Float32;
        var y = Operands(ref a, ref b, dtype, op);
        Backend.ZipOn(y, a, b, f, d);
        return RoundedTo(y, dtype);
    }

    /// <summary>
    /// Converts both operands to <paramref name="dtype"/> and their common device; returns the output they broadcast to,
    /// uninitialised. For a half dtype the operands are then widened and the output is float32: an int64 operand is
    /// rounded to the half type first, as PyTorch casts every operand to the common dtype before computing.
    /// </summary>
    private static Tensor Operands(ref Tensor a, ref Tensor b, DType dtype, string op)
    {
        var device = Device.Of(op, a, b);
        a = Widened(a.To(dtype).To(device));
        b = Widened(b.To(dtype).To(device));
        return Tensor.Uninitialized(a.DType, ShapeUtil.Broadcast(a.shape, b.shape, op), device);
    }

    /// <summary>
    /// destination ← op(destination, other) in one pass, without a temporary, when that is safe: both float32 or
    /// both float64 (a half type computes through a float32 temporary), <paramref name="other"/> broadcasts to the destination's shape, the destination has no
    /// repeated elements (stride 0), and <paramref name="other"/> either has its own storage or is the destination
    /// itself. Returns false, having done nothing, otherwise; the caller then computes out of place and copies.
    /// </summary>
    public static bool TryInPlace<TF, TD>(Tensor destination, Tensor other, TF f, TD d)
        where TF : struct, IBinaryOp<float> where TD : struct, IBinaryOp<double>
    {
        if (destination.DType != other.DType || destination.DType is not (DType.Float32 or DType.Float64) || other.Rank > destination.Rank
            || destination.Device != other.Device) return false;
        for (int i = 0; i < destination.Rank; i++)
            if (destination.strides[i] == 0 && destination.shape[i] > 1) return false;
        for (int i = 1; i <= other.Rank; i++)
            if (other.shape[^i] != destination.shape[^i] && other.shape[^i] != 1) return false;
        bool sameView = ReferenceEquals(destination.storage, other.storage);
        if (sameView && (destination.offset != other.offset || !destination.shape.AsSpan().SequenceEqual(other.shape)
                         || !destination.strides.AsSpan().SequenceEqual(other.strides)))
            return false;
        try { Backend.ZipOn(destination, destination, other, f, d); }
        finally { destination.storage.MarkWritten(); }
        return true;
    }

    public static Tensor Compare(Tensor a, Tensor b, Comparison comparison, string op)
    {
        var promoted = Operands(ref a, ref b, DTypeInfo.Promote(DTypeInfo.Promote(a.DType, b.DType), DType.Int64), op);
        var y = Tensor.Uninitialized(DType.Bool, promoted.shape, promoted.Device);
        y.Backend.Compare(y, a, b, comparison);
        return y;
    }

    public static Tensor Where(Tensor condition, Tensor a, Tensor b)
    {
        if (condition.DType != DType.Bool)
            throw new ArgumentException($"Where: condition must be a bool tensor, got {condition.DType.Name()}.");
        var dtype = DTypeInfo.Promote(a.DType, b.DType);
        var device = Device.Of("Where", condition, a, b);
        condition = condition.To(device);
        a = a.To(dtype).To(device);
        b = b.To(dtype).To(device);
        var shape = ShapeUtil.Broadcast(ShapeUtil.Broadcast(condition.shape, a.shape, "Where"), b.shape, "Where");
        var y = Tensor.Uninitialized(dtype, shape, device);
        y.Backend.Where(y, condition, a, b);
        return y;
    }

    /// <summary>Writes <paramref name="source"/>, broadcast to the destination's shape, into the view <paramref name="destination"/>.</summary>
    public static void CopyInto(Tensor destination, Tensor source)
    {
        if (source.Rank > destination.Rank || !ShapeUtil.Broadcast(destination.shape, source.shape, "Copy").AsSpan().SequenceEqual(destination.shape))
            throw new ArgumentException($"Copy: source of shape {source.ShapeText} cannot be broadcast to destination shape {destination.ShapeText}.");
        source = source.To(destination.DType).To(destination.Device);
        try { destination.Backend.Copy(destination, source); }
        finally { destination.storage.MarkWritten(); }
    }

    /// <summary>
    /// A contiguous copy of <paramref name="x"/> converted to <paramref name="dtype"/>. The backends convert the half types
    /// to and from float32 only; any other pair with a half type goes through float32, as in PyTorch (c10's Half and
    /// BFloat16 are made from a float), so float64 or int64 → float16 rounds twice.
    /// </summary>
    public static Tensor Convert(Tensor x, DType dtype)
    {
        if ((x.DType.IsHalf() || dtype.IsHalf()) && x.DType != DType.Float32 && dtype != DType.Float32 && x.DType != dtype)
            x = Convert(x, DType.Float32);
        var y = Tensor.Uninitialized(dtype, x.shape, x.Device);
        y.Backend.Convert(y, x);
        return y;
    }
}
