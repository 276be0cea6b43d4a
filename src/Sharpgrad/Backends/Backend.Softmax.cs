namespace Sharpgrad.Backends;

// The softmax primitive. The op (Tensors/Tensor.Softmax.cs) passes a contiguous input read as [outer, length, inner]
// from its offset and a just-allocated output of its shape (offset 0), every element of which is written.
internal abstract partial class Backend
{
    /// <summary>
    /// y = softmax (or, with <paramref name="log"/>, log-softmax) of each line (o, ·, i), shifted by the line's max so no
    /// exponential overflows; a line whose max is infinite is shifted by 0 instead, so an all −∞ line gives NaN-free
    /// −∞ in log form rather than −∞ − (−∞). float32 or float64.
    /// </summary>
    public abstract void Softmax(Tensor y, Tensor x, int outer, int length, int inner, bool log);
}
