namespace Sharpgrad.Generative;

/// <summary>
/// Score matching (GBC §18.4; Hyvärinen 2005) for continuous x: minimise the expected squared distance between the
/// model's score ∇ₓ log p̃ and the data's, which integration by parts turns into a quantity of the model alone,
/// J(θ) = E_data Σⱼ [∂² log p̃(x)/∂xⱼ² + ½(∂ log p̃(x)/∂xⱼ)²] (GBC eq. 18.22–18.24). log Z does not depend on x, so
/// it drops out. Both derivatives come from autograd: the score by one backward pass with a recorded graph, each
/// diagonal second derivative ∂²/∂xⱼ² by one more (d + 1 backward passes in all), so J stays differentiable w.r.t. θ.
/// </summary>
public static class ScoreMatching
{
    /// <summary>J(θ) over the rows of <paramref name="data"/> [N, d]; <paramref name="logDensity"/> maps [N, d] to log p̃ [N].</summary>
    public static Tensor Loss(Func<Tensor, Tensor> logDensity, Tensor data)
    {
        ArgumentNullException.ThrowIfNull(logDensity);
        if (data.Rank != 2 || !data.DType.IsFloatingPoint())
            throw new ArgumentException($"ScoreMatching: expected real-valued data [N, d], got {data.DType.Name()} {data.ShapeText}.");
        using var _ = Autograd.EnableGrad(); // it differentiates w.r.t. x inside, also when the caller evaluates under NoGrad
        var x = data.Detach().RequireGrad();
        var logP = logDensity(x);
        if (logP.Rank != 1 || logP.Size(0) != data.Size(0))
            throw new ArgumentException($"ScoreMatching: the log-density must give one value per example, [{data.Size(0)}], got {logP.ShapeText}.");
        var score = Autograd.Grad([logP.Sum()], [x], createGraph: true)[0];
        var objective = score.Square().Sum(1) * 0.5;
        for (int j = 0; j < data.Size(1); j++)
        {
            // The rows are independent, so the gradient of Σₙ ∂ log p̃(xₙ)/∂xₙⱼ w.r.t. x holds each row's own second derivatives.
            var secondDerivatives = Autograd.Grad([score.Select(1, j).Sum()], [x], createGraph: true, allowUnused: true)[0];
            objective = objective + secondDerivatives.Select(1, j);
        }
        return objective.Mean();
    }
}
