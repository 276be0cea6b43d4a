namespace Sharpgrad.Generative;

/// <summary>
/// The neighbours of binary vectors that differ in one bit, shared by the objectives that compare a state with them
/// (pseudo-likelihood, GBC §18.3; ratio matching, §18.4.1): each needs p̃(f(x, j))/p̃(x) and never Z.
/// </summary>
internal static class SingleBitFlips
{
    /// <summary>
    /// log p̃(f(x, j)) − log p̃(x) for every example and bit [N, d], where f(x, j) is x with bit j flipped and
    /// <paramref name="logDensity"/> maps [M, d] states to log p̃ [M].
    /// </summary>
    public static Tensor LogRatios(Func<Tensor, Tensor> logDensity, Tensor states, int size, string caller)
    {
        if (states.Rank != 2 || states.Size(1) != size)
            throw new ArgumentException($"{caller}: expected binary states [N, {size}], got {states.ShapeText}.");
        int n = states.Size(0);
        // Row (k, i) of the flipped copies is x_k with bit i flipped: x + (1 − 2x)·eᵢ.
        var x = states.Unsqueeze(1);
        var flipped = (x + (1 - x * 2) * Tensor.Eye(size, dtype: states.DType).Unsqueeze(0)).Reshape(n * size, size);
        return logDensity(flipped).Reshape(n, size) - logDensity(states).Unsqueeze(1);
    }
}
