namespace Sharpgrad.Optim;

/// <summary>
/// Dynamic loss scaling for float16 training (GBC §12.1.6 on low precision; Micikevicius et al. 2018, "Mixed Precision
/// Training"; PyTorch's <c>torch.cuda.amp.GradScaler</c>). float16 cannot represent gradients below about 6e-8, so
/// small ones would flush to zero. The loss is multiplied by a scale S before the backward pass, which multiplies every
/// gradient by S; the gradients are divided by S again before the optimiser steps. S is chosen dynamically: a step
/// whose gradients overflow (±∞ or NaN) is skipped and S is halved; after <c>growthInterval</c> good steps in a row S
/// is doubled, so it hovers just below the overflow threshold. Powers of two keep the scaling exact.
/// bfloat16 has float32's exponent range and needs no scaling.
/// </summary>
/// <example>
/// <code>
/// var scaler = new GradScaler();
/// optimizer.ZeroGrad();
/// scaler.ScaleLoss(loss).Backward();
/// scaler.Step(optimizer);   // unscales, then steps unless a gradient overflowed
/// scaler.Update();          // adjusts the scale for the next iteration
/// </code>
/// </example>
public sealed class GradScaler
{
    private readonly double growthFactor;
    private readonly double backoffFactor;
    private readonly int growthInterval;
    private readonly Dictionary<Optimizer, bool> foundNonFinite = new(ReferenceEqualityComparer.Instance);
    private int goodSteps;

    /// <param name="initScale">the first scale, 2¹⁶ as in PyTorch</param>
    /// <param name="growthFactor">the factor S grows by after <paramref name="growthInterval"/> good steps (&gt; 1)</param>
    /// <param name="backoffFactor">the factor S shrinks by after an overflow (in (0, 1))</param>
    /// <param name="growthInterval">good steps in a row before S grows</param>
    public GradScaler(double initScale = 65536, double growthFactor = 2, double backoffFactor = 0.5, int growthInterval = 2000)
    {
        if (!(initScale > 0) || !double.IsFinite(initScale))
            throw new ArgumentException($"GradScaler: initScale must be positive and finite, got {initScale}.");
        if (!(growthFactor > 1) || !double.IsFinite(growthFactor))
            throw new ArgumentException($"GradScaler: growthFactor must be greater than 1, got {growthFactor}.");
        if (!(backoffFactor > 0 && backoffFactor < 1))
            throw new ArgumentException($"GradScaler: backoffFactor must be in (0, 1), got {backoffFactor}.");
        if (growthInterval < 1)
            throw new ArgumentException($"GradScaler: growthInterval must be at least 1, got {growthInterval}.");
        Scale = initScale;
        this.growthFactor = growthFactor;
        this.backoffFactor = backoffFactor;
        this.growthInterval = growthInterval;
    }

    /// <summary>The current scale S.</summary>
    public double Scale { get; private set; }

    /// <summary>Whether the last <see cref="Update"/> followed a step whose gradients overflowed (and was skipped).</summary>
    public bool LastStepSkipped { get; private set; }

    /// <summary>S · loss, to call Backward on.</summary>
    public Tensor ScaleLoss(Tensor loss) => loss * Scale;

    /// <summary>
    /// Divides the gradients of <paramref name="optimizer"/>'s parameters by S in place and notes whether any is
    /// non-finite. Call it before clipping gradients; <see cref="Step"/> calls it when it has not been called.
    /// </summary>
    public void Unscale(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (foundNonFinite.ContainsKey(optimizer))
            throw new InvalidOperationException("GradScaler.Unscale: already called for this optimizer since the last Update.");
        bool nonFinite = false;
        using (Autograd.NoGrad())
            foreach (var g in optimizer.ParamGroups.SelectMany(group => group.Params).Select(p => p.Grad).OfType<Tensor>())
            {
                nonFinite |= !g.IsFinite().All();
                g.MulInPlace(1 / Scale);
            }
        foundNonFinite[optimizer] = nonFinite;
    }

    /// <summary>Unscales the gradients (unless <see cref="Unscale"/> did) and steps, unless one overflowed. Returns whether it stepped.</summary>
    public bool Step(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (!foundNonFinite.ContainsKey(optimizer)) Unscale(optimizer);
        if (foundNonFinite[optimizer]) return false;
        optimizer.Step();
        return true;
    }

    /// <summary>Adjusts S after the iteration's steps: backs off after an overflow, grows after enough good steps.</summary>
    public void Update()
    {
        if (foundNonFinite.Count == 0)
            throw new InvalidOperationException("GradScaler.Update: no Step or Unscale since the last Update.");
        LastStepSkipped = foundNonFinite.Values.Any(found => found);
        foundNonFinite.Clear();
        if (LastStepSkipped)
        {
            Scale *= backoffFactor;
            goodSteps = 0;
        }
        else if (++goodSteps == growthInterval)
        {
            Scale *= growthFactor;
            goodSteps = 0;
        }
    }
}
