using System.Numerics;

namespace Sharpgrad.Backends;

// The batch-norm primitives' checks and dtype switch, shared by the host backends: each implements the generic forms.
internal abstract partial class HostBackend
{
    public sealed override void BatchNormStatistics(Tensor mean, Tensor variance, Tensor x)
    {
        RequireOwn("BatchNormStatistics", mean, variance, x);
        RequireFresh("BatchNormStatistics", ("mean", mean), ("variance", variance));
        if (x.DType == DType.Float32) BatchNormStatistics<float>(mean, variance, x);
        else BatchNormStatistics<double>(mean, variance, x);
    }

    public sealed override void BatchNormForward(Tensor y, Tensor x, Tensor mean, Tensor invStd, Tensor? weight, Tensor? bias, Tensor? residual,
        bool relu)
    {
        RequireOwn("BatchNormForward", y, x, mean, invStd);
        RequireOwn("BatchNormForward", weight ?? x, bias ?? x, residual ?? x);
        RequireFresh("BatchNormForward", ("y", y));
        if (x.DType == DType.Float32) BatchNormForward<float>(y, x, mean, invStd, weight, bias, residual, relu);
        else BatchNormForward<double>(y, x, mean, invStd, weight, bias, residual, relu);
    }

    public sealed override void BatchNormBackward(Tensor? gradInput, Tensor gradWeight, Tensor gradBias, Tensor g, Tensor x, Tensor mean,
        Tensor invStd, Tensor? weight, bool batchStatistics, Tensor? reluOutput, Tensor? maskedGradient)
    {
        RequireOwn("BatchNormBackward", gradWeight, gradBias, g, x);
        RequireOwn("BatchNormBackward", mean, invStd, weight ?? x, gradInput ?? x);
        RequireOwn("BatchNormBackward", reluOutput ?? x, maskedGradient ?? x);
        RequireFresh("BatchNormBackward", ("gradInput", gradInput), ("gradWeight", gradWeight), ("gradBias", gradBias),
            ("maskedGradient", maskedGradient));
        if (x.DType == DType.Float32)
            BatchNormBackward<float>(gradInput, gradWeight, gradBias, g, x, mean, invStd, weight, batchStatistics, reluOutput, maskedGradient);
        else BatchNormBackward<double>(gradInput, gradWeight, gradBias, g, x, mean, invStd, weight, batchStatistics, reluOutput, maskedGradient);
    }

    /// <summary>
    /// The written tensors are fresh (Backend.BatchNorm.cs): the CPU kernels write them from element 0 of their arrays,
    /// so one at an offset or with other strides would be written in the wrong place, silently; both host backends refuse it.
    /// </summary>
    private static void RequireFresh(string op, params (string Name, Tensor? Tensor)[] outputs)
    {
        foreach (var (name, tensor) in outputs)
            if (tensor is not null && (tensor.offset != 0 || !tensor.IsContiguous))
                throw new ArgumentException($"{op}: expected {name} contiguous at offset 0, got offset {tensor.offset} with shape "
                    + $"{tensor.ShapeText} and strides [{string.Join(", ", tensor.Strides)}].");
    }

    protected abstract void BatchNormStatistics<T>(Tensor mean, Tensor variance, Tensor x) where T : unmanaged, IFloatingPointIeee754<T>;

    protected abstract void BatchNormForward<T>(Tensor y, Tensor x, Tensor mean, Tensor invStd, Tensor? weight, Tensor? bias, Tensor? residual,
        bool relu) where T : unmanaged, IFloatingPointIeee754<T>;

    protected abstract void BatchNormBackward<T>(Tensor? gradInput, Tensor gradWeight, Tensor gradBias, Tensor g, Tensor x, Tensor mean,
        Tensor invStd, Tensor? weight, bool batchStatistics, Tensor? reluOutput, Tensor? maskedGradient) where T : unmanaged, IFloatingPointIeee754<T>;
}
