namespace Sharpgrad.NN;

/// <summary>
/// The heads of self-attention taken from the packed input projection P = [Q | K | V] ([N, L, 3E]) in one autograd node
/// (Vaswani et al. 2017 §3.2.1–3.2.2; GBC §10.12): softmax(scale·Q_h·K_hᵀ)·V_h for every head h, returned side by side
/// as [N, L, E] (Concat(head₁ … head_h), the out-projection's input). The heads are read in place as strided views
/// [N, H, L, d] of P, and the backward writes ∂Q, ∂K and ∂V into one [N, L, 3E] gradient.
/// </summary>
/// <remarks>
/// Why one node: composed, each of Q, K and V is a slice of P whose backward scatters into a zero-filled [N, L, 3E] and
/// the three are then summed, five full-size temporaries per layer on top of every node's own (the profile of
/// transformer_step in the notes of branch tf12). The forward runs the same ops as the composed path, so its output is
/// bit for bit the same. With S = scale·QKᵀ, W = softmax(S) by rows, O = W·V and G = ∂L/∂O (GBC §6.5.6 for the
/// products):
/// ∂V = Wᵀ·G, ∂W = G·Vᵀ, ∂S = W ⊙ (∂W − rowsum(∂W ⊙ W)), ∂Q = scale·∂S·K, ∂K = ∂Sᵀ·(scale·Q).
/// When the gradient is itself recorded (createGraph), W is recomputed from P by recorded ops and the same formulas run
/// recorded, so the gradient can be differentiated again.
/// </remarks>
internal static class PackedSelfAttention
{
    /// <param name="packed">[N, L, 3E]: the query, key and value projections side by side</param>
    /// <param name="heads">H; must divide E</param>
    /// <param name="scale">the logits' factor, 1/√(E/H) in a Transformer</param>
    public static Tensor Attend(Tensor packed, int heads, double scale)
    {
        if (heads <= 0)
            throw new ArgumentOutOfRangeException(nameof(heads), heads, $"PackedSelfAttention: expects a positive number of heads, got {heads}.");
        if (packed.Rank != 3 || packed.Size(-1) % (3 * heads) != 0)
            throw new ArgumentException(
                $"PackedSelfAttention: expects [N, L, 3E] with E divisible by {heads} heads, got {packed.ShapeText}.");
        Tensor scaled, weights, output;
        using (Autograd.NoGrad())
        {
            var (q, k, v) = Split(packed.Detach(), heads);
            (scaled, weights) = Weights(q, k, scale);
            output = AttentionHeads.Merge(weights.MatMul(v));
        }
        return output.Record("PackedSelfAttention", [packed], g => [Gradient(packed, g, heads, scale, scaled, weights)]);
    }

    /// <summary>scale·Q and W = softmax(scale·Q·Kᵀ) by rows.</summary>
    private static (Tensor Scaled, Tensor Weights) Weights(Tensor q, Tensor k, double scale)
    {
        var (scaled, logits) = AttentionHeads.Logits(q, k, scale);
        return (scaled, logits.Softmax(-1));
    }

    private static Tensor Gradient(Tensor packed, Tensor g, int heads, double scale, Tensor scaled, Tensor weights)
    {
        bool recorded = Autograd.WillRecord(g, packed);
        var (q, k, v) = Split(recorded ? packed : packed.Detach(), heads);
        if (recorded) (scaled, weights) = Weights(q, k, scale);
        var gh = AttentionHeads.Split(g.Contiguous(), heads);
        var gv = weights.Transpose(-2, -1).MatMul(gh);
        var gs = Tensor.SoftmaxGradient(weights, gh.MatMul(v.Transpose(-2, -1)), -1);
        var gq = gs.MatMul(k) * scale;
        var gk = gs.Transpose(-2, -1).MatMul(scaled);
        // [N, H, L, d] each → [N, L, 3H, d] = [N, L, 3E]: the three gradients in P's column blocks, in one copy.
        return Tensor.Cat([gq.Transpose(1, 2), gk.Transpose(1, 2), gv.Transpose(1, 2)], 2).View(packed.Size(0), packed.Size(1), packed.Size(2));
    }

    /// <summary>[N, L, 3E] → Q, K, V as views [N, H, L, E/H].</summary>
    private static (Tensor Q, Tensor K, Tensor V) Split(Tensor packed, int heads)
    {
        int e = packed.Size(2) / 3;
        Tensor Head(int i) => AttentionHeads.Split(packed.Narrow(2, i * e, e), heads);
        return (Head(0), Head(1), Head(2));
    }
}
