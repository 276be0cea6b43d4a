using Sharpgrad.Kernels;

namespace Sharpgrad.NN;

/// <summary>
/// Max and average pooling as recorded tensor ops over planes [N·C, spatial volume], computed by the backend's pooling
/// primitives (Backends/Backend.Pooling.cs) on the planes' device. Max pooling's backward adds each gradient into the
/// input its switch points at, itself a recorded op whose backward gathers through the same switches, so it is
/// differentiable again; average pooling and its adjoint are each other's backward.
/// </summary>
internal static class WindowPooling
{
    /// <summary>Maxima and their switches, each [N·C, output volume]; the switches index each input plane.</summary>
    public static (Tensor Values, Tensor Indices) Max(Tensor planes, PoolWindows windows, string op)
    {
        if (HalfPrecision.Applies(planes))
        {
            // A maximum of half values is one of them, so widening and rounding back are both exact.
            var (wide, switches) = Max(planes.To(DType.Float32), windows, op);
            return (wide.To(planes.DType), switches);
        }
        if (windows.HasEmptyWindow())
            throw new ArgumentException(
                $"{op}: with this padding and dilation some window lies entirely in the padding of the input ({ConvSpec.Cross(windows.Input)}), so it has no maximum.");
        var x = planes.Contiguous();
        var values = Tensor.Uninitialized(x.DType, [windows.Planes, windows.OutputVolume], x.Device);
        var indices = Tensor.Uninitialized(DType.Int64, [windows.Planes, windows.OutputVolume], x.Device);
        x.Backend.MaxPool(values, indices, x, windows);
        values = values.Record(op, [planes], g => [Unpick(g, indices, windows, op)]);
        return (values, indices);
    }

    /// <summary>
    /// The adjoint of <see cref="Max"/>: each value added into its plane at its switch, zeros elsewhere. Its own
    /// backward picks the gradient back out at the switches (a Gather).
    /// </summary>
    private static Tensor Unpick(Tensor outputs, Tensor indices, PoolWindows windows, string op)
    {
        var g = outputs.Contiguous();
        var x = Tensor.Uninitialized(g.DType, [windows.Planes, windows.InputVolume], g.Device);
        g.Backend.MaxPoolBackward(x, g, indices, windows);
        return x.Record(op + "Backward", [outputs], gg => [gg.Gather(1, indices)]);
    }

    /// <summary>Window averages [N·C, output volume] of planes [N·C, input volume].</summary>
    public static Tensor Average(Tensor planes, PoolWindows windows, string op)
    {
        if (HalfPrecision.Applies(planes)) return HalfPrecision.Compute(planes, x => Average(x, windows, op));
        var x = planes.Contiguous();
        var y = Tensor.Uninitialized(x.DType, [windows.Planes, windows.OutputVolume], x.Device);
        x.Backend.AvgPool(y, x, windows);
        return y.Record(op, [planes], g => [Spread(g, windows, op)]);
    }

    /// <summary>The adjoint of <see cref="Average"/>: each value shared equally by the inputs of its window.</summary>
    private static Tensor Spread(Tensor outputs, PoolWindows windows, string op)
    {
        var g = outputs.Contiguous();
        var x = Tensor.Uninitialized(g.DType, [windows.Planes, windows.InputVolume], g.Device);
        g.Backend.AvgPoolAdjoint(x, g, windows);
        return x.Record(op + "Backward", [outputs], gg => [Average(gg, windows, op)]);
    }
}
