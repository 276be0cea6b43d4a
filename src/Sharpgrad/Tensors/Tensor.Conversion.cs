using Sharpgrad.Kernels;

namespace Sharpgrad;

public sealed partial class Tensor
{
    /// <summary>This tensor in another dtype (itself when already that dtype). Differentiable between float dtypes.</summary>
    public Tensor To(DType dtype) => dtype == DType ? this : ConvertedTo(dtype);

    // The conversions proper, apart from the checks above: their backward closures capture a local, and C# allocates a
    // closure's environment on entry to the method that declares the local, so To would allocate even when it returns
    // itself, which every binary op calls it to do (measured: 48 bytes per op, issue #20).
    private Tensor ConvertedTo(DType dtype)
    {
        var y = Elementwise.Convert(this, dtype);
        if (!dtype.IsFloatingPoint()) return y;
        var from = DType;
        return y.Record("To", [this], g => [g.To(from)]);
    }

    /// <summary>
    /// This tensor on <paramref name="device"/> (itself when already there), as a contiguous copy through host memory.
    /// Differentiable: the gradient moves back to this tensor's device.
    /// </summary>
    public Tensor To(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device == Device ? this : MovedTo(device);
    }

    private Tensor MovedTo(Device device)
    {
        var y = FromHostBytes(Detach().ToHostBytes(), DType, shape, device);
        if (!DType.IsFloatingPoint()) return y;
        var from = Device;
        return y.Record("ToDevice", [this], g => [g.To(from)]);
    }

    public Tensor Float() => To(DType.Float32);
    public Tensor Double() => To(DType.Float64);
    public Tensor Long() => To(DType.Int64);
    public Tensor Bool() => To(DType.Bool);

    /// <summary>A contiguous tensor with the same values: this one if already contiguous (or a copy when asked).</summary>
    public Tensor Contiguous(bool copy = false)
    {
        if (IsContiguous && !copy) return this;
        var y = UninitializedLike(this);
        Elementwise.CopyInto(y, this);
        return y.Record("Contiguous", [this], g => [g]);
    }

    /// <summary>A differentiable copy with its own storage.</summary>
    public Tensor Clone() => Contiguous(copy: true);

    /// <summary>Copies <paramref name="source"/> (broadcast to this shape, converted to this dtype) into this tensor's elements.</summary>
    public Tensor CopyFrom(Tensor source)
    {
        CheckInPlace("CopyFrom");
        Elementwise.CopyInto(this, source);
        return this;
    }

    /// <summary>Sets every element to <paramref name="value"/> in place.</summary>
    public Tensor Fill(double value)
    {
        CheckInPlace("Fill");
        Elementwise.CopyInto(this, Scalar(value, DType));
        return this;
    }

    public Tensor Zero() => Fill(0);

    /// <summary>this += alpha·other, in place; the optimisers' and gradient accumulation's workhorse.</summary>
    public Tensor AddInPlace(Tensor other, double alpha = 1)
    {
        CheckInPlace("AddInPlace");
        if (alpha == 1
                ? Elementwise.TryInPlace(this, other, new AddOp<float>(), new AddOp<double>())
                : Elementwise.TryInPlace(this, other, new ScaledAddOp<float>((float)alpha), new ScaledAddOp<double>(alpha)))
            return this;
        return AssignInPlace(alpha == 1 ? this + other : this + other * alpha, "AddInPlace");
    }

    public Tensor MulInPlace(Tensor other)
    {
        CheckInPlace("MulInPlace");
        if (Elementwise.TryInPlace(this, other, new MulOp<float>(), new MulOp<double>())) return this;
        return AssignInPlace(this * other, "MulInPlace");
    }

    public Tensor MulInPlace(double factor) => MulInPlace(ScalarLike(factor));

    private Tensor AssignInPlace(Tensor value, string op)
    {
        if (!SameShape(value, this))
            throw new ArgumentException($"{op}: result of shape {value.ShapeText} does not fit the tensor's shape {ShapeText}.");
        Elementwise.CopyInto(this, value);
        return this;
    }

    /// <summary>
    /// In-place writes would silently corrupt values that recorded ops saved for backward, so they are allowed
    /// only on tensors outside the graph, or inside a NoGrad scope (where optimisers update parameters).
    /// </summary>
    private void CheckInPlace(string op)
    {
        if (GradMode.IsEnabled && (RequiresGrad || GradFn is not null))
            throw new InvalidOperationException($"{op}: cannot modify a tensor that requires grad in place outside an Autograd.NoGrad() scope.");
    }
}
