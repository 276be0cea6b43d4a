using Sharpgrad.Optim;
using Sharpgrad.Training;

namespace Sharpgrad.Cli.Training;

/// <summary>The learning-rate schedules <c>sharpgrad train --schedule</c> accepts (GBC §8.3.1, §8.5).</summary>
public enum ScheduleKind
{
    /// <summary>A constant learning rate.</summary>
    None,

    /// <summary>Divide the rate by 10 at each third of the run.</summary>
    Step,

    /// <summary>Multiply the rate by 0.95 after every epoch.</summary>
    Exponential,

    /// <summary>Cosine annealing from ε₀ to 0 over the run.</summary>
    Cosine,

    /// <summary>The book's linear decay εₖ = (1−α)ε₀ + αε_τ to ε_τ = ε₀/100 at the last epoch (GBC §8.3.1).</summary>
    LinearDecay,

    /// <summary>One cycle: warm up to ε₀ and anneal (per step; cycles momentum inversely).</summary>
    OneCycle,

    /// <summary>Divide the rate by 10 when the validation loss (or, without one, the training loss) stalls for 5 epochs.</summary>
    Plateau,
}

public static class ScheduleKinds
{
    /// <summary>The schedule as a training callback, or null for <see cref="ScheduleKind.None"/>.</summary>
    public static LrSchedulerCallback? Create(this ScheduleKind kind, Optimizer optimizer, int epochs, int stepsPerEpoch) => kind switch
    {
        ScheduleKind.None => null,
        ScheduleKind.Step => new(new StepLR(optimizer, stepSize: Math.Max(1, epochs / 3), gamma: 0.1)),
        ScheduleKind.Exponential => new(new ExponentialLR(optimizer, gamma: 0.95)),
        ScheduleKind.Cosine => new(new CosineAnnealingLR(optimizer, tMax: epochs)),
        ScheduleKind.LinearDecay => new(new LinearDecay(optimizer, tau: Math.Max(1, epochs - 1), finalFactor: 0.01)),
        ScheduleKind.OneCycle => new(new OneCycleLR(optimizer, maxLr: optimizer.Lr, totalSteps: epochs * stepsPerEpoch), perStep: true),
        ScheduleKind.Plateau => new(new ReduceLROnPlateau(optimizer, factor: 0.1, patience: 5)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "train: unknown schedule."),
    };
}
