namespace Sharpgrad.NN.Memory;

/// <summary>
/// The DNC's interface vector ξ_t split into its parts (Graves et al. 2016, Methods "Interface parameters"; Buduma ch8),
/// in the paper's order ξ = [k^r (R·W); β̂^r (R); k^w (W); β̂^w (1); ê (W); v (W); f̂ (R); ĝ^a (1); ĝ^w (1); π̂ (3R)], of size
/// R·W + 3W + 5R + 3, with the paper's squashing: strengths by oneplus(x) = 1 + log(1 + eˣ) ≥ 1, erase vector, free
/// gates and the two gates by the logistic sigmoid, the read modes by a softmax over each head's three modes
/// (backward, content, forward: π[1], π[2], π[3] in the paper). Keys and the write vector stay linear.
/// </summary>
public sealed record DNCInterface(
    Tensor ReadKeys, Tensor ReadStrengths, Tensor WriteKey, Tensor WriteStrength, Tensor EraseVector, Tensor WriteVector,
    Tensor FreeGates, Tensor AllocationGate, Tensor WriteGate, Tensor ReadModes)
{
    /// <summary>R·W + 3W + 5R + 3.</summary>
    public static int Size(int readHeads, int width) => readHeads * width + 3 * width + 5 * readHeads + 3;

    /// <summary>
    /// Splits ξ [B, R·W + 3W + 5R + 3] (checked). Shapes: read keys [B, R, W], read strengths [B, R], write key, erase
    /// and write vectors [B, 1, W], write strength [B, 1], free gates [B, R], allocation and write gates [B, 1], read
    /// modes [B, R, 3].
    /// </summary>
    public static DNCInterface Split(Tensor xi, int readHeads, int width)
    {
        int size = Size(readHeads, width);
        if (xi.Rank != 2 || xi.Shape[1] != size)
            throw new ArgumentException(
                $"DNC: the interface vector must be [batch, R·W + 3W + 5R + 3] = [batch, {size}] for R = {readHeads} read heads " +
                $"and W = {width}; got shape {xi.Shape}.");
        int b = xi.Shape[0], r = readHeads;
        var p = xi.Split([r * width, r, width, 1, width, width, r, 1, 1, 3 * r], dim: 1);
        return new(
            p[0].Reshape(b, r, width), Oneplus(p[1]), p[2].Unsqueeze(1), Oneplus(p[3]), p[4].Sigmoid().Unsqueeze(1), p[5].Unsqueeze(1),
            p[6].Sigmoid(), p[7].Sigmoid(), p[8].Sigmoid(), p[9].Reshape(b, r, 3).Softmax(-1));
    }

    /// <summary>oneplus(x) = 1 + log(1 + eˣ): a strength of at least 1 (the paper's choice, so a key is never ignored).</summary>
    public static Tensor Oneplus(Tensor x) => 1 + x.Softplus();
}
