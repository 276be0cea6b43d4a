namespace Sharpgrad.Generative;

/// <summary>
/// The contractive autoencoder's penalty Ω(h) = ‖∂f(x)/∂x‖²_F (GBC eq. 14.18; Rifai et al. 2011), averaged over the
/// batch: it makes the code insensitive to small moves of the input, so only directions the data needs survive.
/// </summary>
public static class ContractivePenalty
{
    /// <summary>
    /// The penalty by automatic differentiation, for any encoder that treats the examples of a batch independently
    /// (no batch norm in training mode): <paramref name="input"/> [N, d] must require grad and <paramref name="code"/>
    /// [N, m] must be computed from it. Row n of ∂(Σₙ hₙⱼ)/∂x is ∂hₙⱼ/∂xₙ, so one backward pass per code unit gives
    /// the Jacobians of the whole batch; the passes are recorded, so the penalty is differentiable w.r.t. the weights.
    /// </summary>
    public static Tensor JacobianNorm(Tensor code, Tensor input)
    {
        if (!input.RequiresGrad)
            throw new ArgumentException($"ContractivePenalty: the input {input.ShapeText} must require grad and the code be computed from it.");
        if (code.Rank != 2 || input.Rank < 2 || code.Size(0) != input.Size(0))
            throw new ArgumentException(
                $"ContractivePenalty: expected a code [N, m] computed from an input [N, ...], got code {code.ShapeText} and input {input.ShapeText}.");
        Tensor? total = null;
        for (int j = 0; j < code.Size(1); j++)
        {
            var row = Autograd.Grad([code.Select(1, j).Sum()], [input], createGraph: true)[0];
            var squares = row.Square().Sum();
            total = total is null ? squares : total + squares;
        }
        return total! / code.Size(0);
    }

    /// <summary>
    /// The closed form for a sigmoid layer h = σ(xWᵀ + b) (GBC §14.7): ∂hⱼ/∂xᵢ = hⱼ(1 − hⱼ)·Wⱼᵢ, so
    /// ‖J‖²_F = Σⱼ (hⱼ(1 − hⱼ))²·Σᵢ Wⱼᵢ², from the codes [N, m] and the weight [m, d]; one pass instead of m.
    /// </summary>
    public static Tensor SigmoidLayer(Tensor code, Tensor weight)
    {
        if (code.Rank != 2 || weight.Rank != 2 || weight.Size(0) != code.Size(1))
            throw new ArgumentException(
                $"ContractivePenalty: expected sigmoid codes [N, m] and their layer's weight [m, d], got {code.ShapeText} and {weight.ShapeText}.");
        var slope = code * (1 - code);
        var rowNorms = weight.Square().Sum(1);
        return (slope.Square() * rowNorms).Sum() / code.Size(0);
    }
}
