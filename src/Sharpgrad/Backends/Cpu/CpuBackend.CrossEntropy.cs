using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

// The fused cross-entropy runs CrossEntropyKernels, parallel over rows, bitwise equal to the composite NLL(LogSoftmax).
internal sealed partial class CpuBackend
{
    public override void SoftmaxCrossEntropy(Tensor loss, Tensor max, Tensor logSum, Tensor logits, Tensor labels, long ignoreIndex)
    {
        RequireOwn("SoftmaxCrossEntropy", loss, max, logSum, logits);
        RequireOwn("SoftmaxCrossEntropy", labels);
        int rows = logits.shape[0], classes = logits.shape[1];
        long[] ids = labels.Data<long>();
        if (logits.DType == DType.Float32)
            CrossEntropyKernels.Forward(logits.Data<float>(), logits.offset, rows, classes, ids, labels.offset, ignoreIndex,
                loss.Data<float>(), max.Data<float>(), logSum.Data<float>());
        else
            CrossEntropyKernels.Forward(logits.Data<double>(), logits.offset, rows, classes, ids, labels.offset, ignoreIndex,
                loss.Data<double>(), max.Data<double>(), logSum.Data<double>());
    }

    public override void SoftmaxCrossEntropyBackward(Tensor grad, Tensor gradLoss, Tensor logits, Tensor labels, Tensor max, Tensor logSum,
        long ignoreIndex)
    {
        RequireOwn("SoftmaxCrossEntropyBackward", grad, gradLoss, logits, labels);
        RequireOwn("SoftmaxCrossEntropyBackward", max, logSum);
        int rows = logits.shape[0], classes = logits.shape[1], gStride = gradLoss.Rank == 0 ? 0 : gradLoss.strides[0];
        long[] ids = labels.Data<long>();
        if (logits.DType == DType.Float32)
            CrossEntropyKernels.Backward(logits.Data<float>(), logits.offset, rows, classes, ids, labels.offset, ignoreIndex,
                max.Data<float>(), logSum.Data<float>(), gradLoss.Data<float>(), gradLoss.offset, gStride, grad.Data<float>());
        else
            CrossEntropyKernels.Backward(logits.Data<double>(), logits.offset, rows, classes, ids, labels.offset, ignoreIndex,
                max.Data<double>(), logSum.Data<double>(), gradLoss.Data<double>(), gradLoss.offset, gStride, grad.Data<double>());
    }
}
