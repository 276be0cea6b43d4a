namespace Sharpgrad.NN.Memory;

/// <summary>
/// The NTM's interface vector split into each head's parameters (Graves et al. 2014 §3.3), read heads first, then
/// write heads, laid out field by field so all heads are addressed at once: keys [B, H, W] (linear), strengths β ≥ 0
/// (softplus), gates g ∈ (0, 1) (sigmoid), sharpening γ ≥ 1 (1 + softplus), shift distributions [B, H, 2S + 1]
/// (softmax), and for the write heads erase vectors ∈ (0, 1) (sigmoid) and add vectors ∈ (−1, 1) (tanh), [B, H_w, W].
/// The paper names the ranges but not the squashing functions; these are the ones of the reference implementations
/// (Collier and Beel 2018; pytorch-ntm).
/// </summary>
public sealed record NTMHeadParameters(Tensor Keys, Tensor Strengths, Tensor Gates, Tensor Sharpening, Tensor Shifts, Tensor Erase, Tensor Add)
{
    /// <summary>The interface width for <paramref name="heads"/> heads (read + write) of which <paramref name="writeHeads"/> write.</summary>
    public static int Size(int heads, int writeHeads, int width, int shiftRange) => heads * (width + 3 + 2 * shiftRange + 1) + writeHeads * 2 * width;

    /// <summary>Splits ξ [B, Size] (checked) into the heads' parameters and applies their squashing functions.</summary>
    public static NTMHeadParameters Split(Tensor xi, int heads, int writeHeads, int width, int shiftRange)
    {
        int size = Size(heads, writeHeads, width, shiftRange), shifts = 2 * shiftRange + 1;
        if (xi.Rank != 2 || xi.Shape[1] != size)
            throw new ArgumentException(
                $"NTM: the interface vector must be [batch, H·(W + 2S + 4) + 2·H_w·W] = [batch, {size}] for H = {heads} heads, " +
                $"H_w = {writeHeads} writing, W = {width}, S = {shiftRange}; got shape {xi.Shape}.");
        int b = xi.Shape[0];
        var parts = xi.Split([heads * width, heads, heads, heads, heads * shifts, writeHeads * width, writeHeads * width], dim: 1);
        return new(
            parts[0].Reshape(b, heads, width),
            parts[1].Softplus(),
            parts[2].Sigmoid(),
            1 + parts[3].Softplus(),
            parts[4].Reshape(b, heads, shifts).Softmax(-1),
            parts[5].Reshape(b, writeHeads, width).Sigmoid(),
            parts[6].Reshape(b, writeHeads, width).Tanh());
    }
}
