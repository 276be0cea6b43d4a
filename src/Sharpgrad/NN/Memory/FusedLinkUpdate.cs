namespace Sharpgrad.NN.Memory;

/// <summary>
/// The DNC's temporal link update L_t = [(1 − (w_i + w_j)) L_{t−1} + w_i p_{t−1}[j]] ∘ (1 − I) as ONE autograd node
/// (issue #14): the forward and the backward are each one backend primitive (Backends/Backend.Memory.cs), one pass over
/// [B, N, N], where the composite (<see cref="TemporalLinkage.Composite"/>) recorded seven broadcast nodes and kept as
/// many [B, N, N] temporaries per time step. Backward (the chain rule through Graves et al. 2016, Methods "Temporal
/// memory linkage", with the diagonal's gradient dropped since L_t[i, i] = 0 is a constant):
/// ∂L_{t−1}[i, j] = g[i, j](1 − w_i − w_j), ∂w_k = Σ_j g[k, j](p_j − L_{t−1}[k, j]) − Σ_i g[i, k] L_{t−1}[i, k],
/// ∂p_j = Σ_i g[i, j] w_i. When the backward is itself recorded (createGraph), the rule runs the same formulas as tensor
/// ops on the node's inputs instead, so they can be differentiated again (the pattern of the fused recurrent gates).
/// </summary>
internal static class FusedLinkUpdate
{
    /// <summary>Whether the primitives take these operands (<see cref="FusedMemoryDTypes"/>).</summary>
    public static bool Supports(Tensor previousLink, Tensor write, Tensor precedence) => FusedMemoryDTypes.Supported(previousLink, write, precedence);

    /// <summary>L_t [B, N, N] from L_{t−1} [B, N, N], w_t [B, N] and p_{t−1} [B, N] (shapes checked by the caller).</summary>
    public static Tensor Apply(Tensor previousLink, Tensor write, Tensor precedence)
    {
        const string op = "DncLink";
        Device.Of(op, previousLink, write, precedence);  // fails on mixed devices
        var (l, w, p) = (previousLink.Detach().Contiguous(), write.Detach().Contiguous(), precedence.Detach().Contiguous());
        var link = Tensor.UninitializedLike(l);
        l.Backend.DncLink(link, l, w, p);
        return link.Record(op, [previousLink, write, precedence], g =>
        {
            if (Autograd.IsGradEnabled) return RecordedBackward(g, previousLink, write, precedence);
            var (gradLink, gradWrite, gradPrecedence) = (Tensor.UninitializedLike(l), Tensor.UninitializedLike(w), Tensor.UninitializedLike(p));
            l.Backend.DncLinkBackward(gradLink, gradWrite, gradPrecedence, g.Contiguous(), l, w, p);
            return [gradLink, gradWrite, gradPrecedence];
        });
    }

    /// <summary>The backward's formulas as differentiable tensor ops (for double backward).</summary>
    private static Tensor?[] RecordedBackward(Tensor g, Tensor previousLink, Tensor write, Tensor precedence)
    {
        var offDiagonal = g * (1 - Tensor.Eye(write.Shape[1], dtype: g.DType).To(g.Device));
        var column = write.Unsqueeze(2);
        return
        [
            offDiagonal * (1 - (column + write.Unsqueeze(1))),
            (offDiagonal * (precedence.Unsqueeze(1) - previousLink)).Sum(-1) - (offDiagonal * previousLink).Sum(1),
            (offDiagonal * column).Sum(1),
        ];
    }
}
