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

    /// <summary>
    /// The softmax's vector-Jacobian product in one pass per line: with J = diag(y) − yyᵀ (symmetric),
    /// gx = Jg = y ⊙ (g − ⟨g, y⟩) on each line (o, ·, i). <paramref name="y"/> is the softmax output and
    /// <paramref name="g"/> the gradient of the loss for it, both contiguous [outer, length, inner] from their offsets;
    /// <paramref name="gx"/> is just allocated (offset 0) and every element is written. float32 or float64.
    /// </summary>
    /// <remarks>
    /// Why a primitive: composed, the product is four passes (g·y, the line sums, g − s, y·(…)) with three full-size
    /// temporaries; for the attention weights [N, H, L, S] of a transformer those are 2 MB arrays each, per layer.
    /// </remarks>
    public abstract void SoftmaxBackward(Tensor gx, Tensor y, Tensor g, int outer, int length, int inner);

    /// <summary>
    /// Fails unless the operands fit the layout above: one dtype for all, the output fresh (offset 0, contiguous) and
    /// every input contiguous. The CPU kernels index the output from 0 and the inputs by row-major position from their
    /// offset, so another layout would be read or written in the wrong place, silently; the reference shares the check
    /// so that both backends refuse the same calls.
    /// </summary>
    protected static void RequireSoftmaxLayout(string op, (string Name, Tensor Tensor) output, params (string Name, Tensor Tensor)[] inputs)
    {
        var all = inputs.Prepend(output).ToArray();
        if (all.Any(o => o.Tensor.DType != output.Tensor.DType))
            throw new ArgumentException($"{op}: expected one dtype for all operands, got "
                + string.Join(", ", all.Select(o => $"{o.Name} {o.Tensor.DType.Name()}")) + ".");
        if (output.Tensor.offset != 0 || !output.Tensor.IsContiguous)
            throw new ArgumentException($"{op}: expected the output {output.Name} contiguous at offset 0, got offset "
                + $"{output.Tensor.offset} with shape {output.Tensor.ShapeText}.");
        foreach (var (name, tensor) in inputs)
            if (!tensor.IsContiguous)
                throw new ArgumentException($"{op}: expected the input {name} contiguous, got shape {tensor.ShapeText} with strides "
                    + $"[{string.Join(", ", tensor.Strides)}].");
    }
}
