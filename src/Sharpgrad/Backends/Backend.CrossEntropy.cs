namespace Sharpgrad.Backends;

// The fused softmax cross-entropy (issue #4), the common case of NN/Losses/CrossEntropy.cs: logits [M, C] contiguous,
// float32 or float64, and labels [M] contiguous int64, each a class in [0, C) or ignoreIndex. A row labelled
// ignoreIndex has loss 0 and gradient 0. Written tensors are fresh contiguous ones, overwritten entirely.
internal abstract partial class Backend
{
    /// <summary>
    /// loss[i] = −log softmax(zᵢ)_{yᵢ} = −((z[i, yᵢ] − max[i]) − logSum[i]), computed from the shifted logits
    /// (never log of softmax), with max[i] = max_c z[i, c] (0 when it is infinite) and logSum[i] = log Σ_c
    /// e^(z[i, c] − max[i]); max and logSum [M] are written too, for the backward.
    /// </summary>
    public abstract void SoftmaxCrossEntropy(Tensor loss, Tensor max, Tensor logSum, Tensor logits, Tensor labels, long ignoreIndex);

    /// <summary>
    /// grad[i, c] = (softmax(zᵢ)_c − [c = yᵢ])·gradLoss[i], the softmax from the forward's max and logSum; gradLoss is
    /// [M] with any stride, or 0-d (one value for every row).
    /// </summary>
    public abstract void SoftmaxCrossEntropyBackward(Tensor grad, Tensor gradLoss, Tensor logits, Tensor labels, Tensor max, Tensor logSum,
        long ignoreIndex);
}
