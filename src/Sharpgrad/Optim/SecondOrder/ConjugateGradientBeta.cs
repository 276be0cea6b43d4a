namespace Sharpgrad.Optim;

/// <summary>How nonlinear conjugate gradient weighs the previous direction (GBC Alg. 8.9; N&amp;W §5.2).</summary>
public enum ConjugateGradientBeta
{
    /// <summary>Fletcher–Reeves: β = ‖gₜ‖² / ‖gₜ₋₁‖².</summary>
    FletcherReeves = 0,

    /// <summary>Polak–Ribière, clipped at zero (PR+): β = max(0, (gₜ − gₜ₋₁)ᵀgₜ / ‖gₜ₋₁‖²).</summary>
    PolakRibiere = 1,
}
