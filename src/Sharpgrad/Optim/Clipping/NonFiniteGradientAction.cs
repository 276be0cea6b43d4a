namespace Sharpgrad.Optim;

/// <summary>What <see cref="NonFiniteGradientGuard"/> does with a step whose gradient holds NaN or ±∞.</summary>
public enum NonFiniteGradientAction
{
    /// <summary>Skip the step: the parameters and the optimiser's state stay as they were (PyTorch's GradScaler does this).</summary>
    Skip,

    /// <summary>
    /// Move the parameters by a random step of norm v instead, without touching the optimiser's state. GBC §10.11.1:
    /// "if the gradient is numerically Inf or NaN, a random step of size v can be taken and will typically move
    /// away from the numerically unstable configuration".
    /// </summary>
    RandomStep,
}
