using Sharpgrad.Kernels;

namespace Sharpgrad;

// Tests for the IEEE special values, and their replacement. The predicates return bool tensors and are never
// differentiable; integer tensors are never NaN or infinite.
public sealed partial class Tensor
{
    /// <summary>True where the element is NaN (the one value not equal to itself).</summary>
    public Tensor IsNan()
    {
        var x = Detach();
        return Elementwise.Compare(x, x, Comparison.NotEqual, "IsNan");
    }

    /// <summary>True where the element is +∞ or −∞.</summary>
    public Tensor IsInf()
    {
        if (!DType.IsFloatingPoint()) return Zeros(shape, DType.Bool);
        var x = Detach();
        return Elementwise.Compare(x.Abs(), Scalar(double.PositiveInfinity, DType), Comparison.Equal, "IsInf");
    }

    /// <summary>True where the element is neither NaN nor infinite (exactly where x − x is 0).</summary>
    public Tensor IsFinite()
    {
        if (!DType.IsFloatingPoint()) return Full(shape, 1, DType.Bool);
        var x = Detach();
        return Elementwise.Compare(x - x, Scalar(0, DType), Comparison.Equal, "IsFinite");
    }

    /// <summary>
    /// Replaces NaN by <paramref name="nan"/>, +∞ by <paramref name="posinf"/> and −∞ by <paramref name="neginf"/>
    /// (defaults: 0 and the dtype's largest and lowest finite values), as torch.nan_to_num. The gradient passes where
    /// the element was finite and is 0 at the replaced ones. Integer tensors are returned as a copy.
    /// </summary>
    public Tensor NanToNum(double nan = 0, double? posinf = null, double? neginf = null)
    {
        if (!DType.IsFloatingPoint()) return (DType == DType.Bool ? To(DType.Int64) : this).Clone();
        var y = Elementwise.Float(this, "NanToNum",
            new NanToNumOp<float>((float)nan, (float)(posinf ?? float.MaxValue), (float)(neginf ?? float.MinValue)),
            new NanToNumOp<double>(nan, posinf ?? double.MaxValue, neginf ?? double.MinValue));
        return y.Record("NanToNum", [this], g => [g * IsFinite().To(g.DType)]);
    }
}
