using System.Numerics;

namespace Sharpgrad.Backends;

// The fused cross-entropy's checks and dtype switch, shared by the host backends: each implements the generic forms.
internal abstract partial class HostBackend
{
    public sealed override void SoftmaxCrossEntropy(Tensor loss, Tensor max, Tensor logSum, Tensor logits, Tensor labels, long ignoreIndex)
    {
        RequireOwn("SoftmaxCrossEntropy", loss, max, logSum, logits);
        RequireOwn("SoftmaxCrossEntropy", labels);
        if (logits.DType == DType.Float32) SoftmaxCrossEntropy<float>(loss, max, logSum, logits, labels, ignoreIndex);
        else SoftmaxCrossEntropy<double>(loss, max, logSum, logits, labels, ignoreIndex);
    }

    public sealed override void SoftmaxCrossEntropyBackward(Tensor grad, Tensor gradLoss, Tensor logits, Tensor labels, Tensor max, Tensor logSum,
        long ignoreIndex)
    {
        RequireOwn("SoftmaxCrossEntropyBackward", grad, gradLoss, logits, labels);
        RequireOwn("SoftmaxCrossEntropyBackward", max, logSum);
        if (logits.DType == DType.Float32) SoftmaxCrossEntropyBackward<float>(grad, gradLoss, logits, labels, max, logSum, ignoreIndex);
        else SoftmaxCrossEntropyBackward<double>(grad, gradLoss, logits, labels, max, logSum, ignoreIndex);
    }

    protected abstract void SoftmaxCrossEntropy<T>(Tensor loss, Tensor max, Tensor logSum, Tensor logits, Tensor labels, long ignoreIndex)
        where T : unmanaged, IFloatingPointIeee754<T>;

    protected abstract void SoftmaxCrossEntropyBackward<T>(Tensor grad, Tensor gradLoss, Tensor logits, Tensor labels, Tensor max, Tensor logSum,
        long ignoreIndex) where T : unmanaged, IFloatingPointIeee754<T>;
}
