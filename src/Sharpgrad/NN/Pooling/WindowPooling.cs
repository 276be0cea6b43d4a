using Sharpgrad.Kernels;

namespace Sharpgrad.NN;

/// <summary>
/// Max and average pooling as recorded tensor ops over planes [N·C, spatial volume] (the kernels are
/// <see cref="MaxPoolKernel"/> and <see cref="AvgPoolKernel"/>). Max pooling's backward adds each gradient into the
/// input its switch points at, itself a recorded op whose backward gathers through the same switches, so it is
/// differentiable again; average pooling and its adjoint are each other's backward.
/// </summary>
internal static class WindowPooling
{
    /// <summary>Maxima and their switches, each [N·C, output volume]; the switches index each input plane.</summary>
    public static (Tensor Values, Tensor Indices) Max(Tensor planes, PoolWindows windows, string op)
    {
        if (windows.HasEmptyWindow())
            throw new ArgumentException(
                $"{op}: with this padding and dilation some window lies entirely in the padding of the input ({ConvSpec.Cross(windows.Input)}), so it has no maximum.");
        var x = planes.Contiguous();
        var values = Tensor.Empty(x.DType, [windows.Planes, windows.OutputVolume]);
        var indices = Tensor.Empty(DType.Int64, [windows.Planes, windows.OutputVolume]);
        if (x.DType == DType.Float32) MaxPoolKernel.Forward(x.Data<float>(), x.offset, windows, values.Data<float>(), indices.Data<long>());
        else MaxPoolKernel.Forward(x.Data<double>(), x.offset, windows, values.Data<double>(), indices.Data<long>());
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
        var x = Tensor.Empty(g.DType, [windows.Planes, windows.InputVolume]);
        long[] switches = indices.Data<long>();
        if (g.DType == DType.Float32) MaxPoolKernel.Backward(g.Data<float>(), g.offset, switches, indices.offset, windows, x.Data<float>());
        else MaxPoolKernel.Backward(g.Data<double>(), g.offset, switches, indices.offset, windows, x.Data<double>());
        return x.Record(op + "Backward", [outputs], gg => [gg.Gather(1, indices)]);
    }

    /// <summary>Window averages [N·C, output volume] of planes [N·C, input volume].</summary>
    public static Tensor Average(Tensor planes, PoolWindows windows, string op)
    {
        var x = planes.Contiguous();
        var y = Tensor.Empty(x.DType, [windows.Planes, windows.OutputVolume]);
        if (x.DType == DType.Float32) AvgPoolKernel.Forward(x.Data<float>(), x.offset, windows, y.Data<float>());
        else AvgPoolKernel.Forward(x.Data<double>(), x.offset, windows, y.Data<double>());
        return y.Record(op, [planes], g => [Spread(g, windows, op)]);
    }

    /// <summary>The adjoint of <see cref="Average"/>: each value shared equally by the inputs of its window.</summary>
    private static Tensor Spread(Tensor outputs, PoolWindows windows, string op)
    {
        var g = outputs.Contiguous();
        var x = Tensor.Empty(g.DType, [windows.Planes, windows.InputVolume]);
        if (g.DType == DType.Float32) AvgPoolKernel.Adjoint(g.Data<float>(), g.offset, windows, x.Data<float>());
        else AvgPoolKernel.Adjoint(g.Data<double>(), g.offset, windows, x.Data<double>());
        return x.Record(op + "Backward", [outputs], gg => [Average(gg, windows, op)]);
    }
}
