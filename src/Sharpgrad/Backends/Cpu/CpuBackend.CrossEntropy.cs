using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

// The fused cross-entropy runs CrossEntropyKernels, parallel over rows, bitwise equal to the composite NLL(LogSoftmax).
internal sealed partial class CpuBackend
{
    protected override void SoftmaxCrossEntropy<T>(Tensor loss, Tensor max, Tensor logSum, Tensor logits, Tensor labels, long ignoreIndex)
        => CrossEntropyKernels.Forward(logits.Data<T>(), logits.offset, logits.shape[0], logits.shape[1], labels.Data<long>(), labels.offset,
            ignoreIndex, loss.Data<T>(), max.Data<T>(), logSum.Data<T>());

    protected override void SoftmaxCrossEntropyBackward<T>(Tensor grad, Tensor gradLoss, Tensor logits, Tensor labels, Tensor max, Tensor logSum,
        long ignoreIndex)
        => CrossEntropyKernels.Backward(logits.Data<T>(), logits.offset, logits.shape[0], logits.shape[1], labels.Data<long>(), labels.offset,
            ignoreIndex, max.Data<T>(), logSum.Data<T>(), gradLoss.Data<T>(), gradLoss.offset, gradLoss.Rank == 0 ? 0 : gradLoss.strides[0], grad.Data<T>());
}
