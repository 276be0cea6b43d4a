namespace Sharpgrad.Optim;

/// <summary>
/// Linear warm-up: the rate climbs from startFactor·ε₀ to ε₀ over the first warmupSteps epochs and then stays
/// there — a <see cref="LinearLR"/> with end factor 1. Large learning rates (big batches, Adam on transformers)
/// are unstable while the weights and the optimiser's statistics are still far from typical; a short ramp avoids
/// the early divergence. Put it first in a <see cref="SequentialLR"/> to hand over to a decay.
/// </summary>
public sealed class LinearWarmup : LinearLR
{
    /// <param name="warmupSteps">The epochs of the ramp (≥ 1).</param>
    /// <param name="startFactor">The factor at t = 0, in (0, 1] (PyTorch LinearLR's default 1/3).</param>
    public LinearWarmup(Optimizer optimizer, int warmupSteps, double startFactor = 1.0 / 3)
        : base("LinearWarmup", optimizer, startFactor, endFactor: 1, warmupSteps)
    {
    }
}
