using Sharpgrad.Optim;

namespace Sharpgrad.Cli.Experiments;

/// <summary>One momentum value: its runs and the first step at which the smoothed training loss reached the threshold.</summary>
public sealed record MomentumRun(double Momentum, OptimizerRun Run, int? StepsToThreshold);

/// <summary>
/// Momentum (Buduma ch4; GBC §8.3.2, Alg. 8.2): SGD with momentum 0, 0.5, 0.9 and 0.99 at the same learning rate
/// <see cref="LearningRate"/>, on <see cref="OptimizerComparison"/>'s MLP with its initial weights and minibatches. A
/// velocity with momentum α moves up to 1/(1 − α) times as far per step along a consistent gradient (GBC eq. 8.17), so
/// the loss falls faster: the measure is the number of steps until the trailing mean of the minibatch loss over
/// <see cref="Window"/> steps drops below <see cref="Threshold"/>.
/// </summary>
public static class MomentumSweep
{
    public const double LearningRate = 0.01, Threshold = 0.5;
    public const int Window = 25;
    public static readonly double[] Momenta = [0, 0.5, 0.9, 0.99];

    public static IReadOnlyList<MomentumRun> Run(int steps, int seed = 0)
    {
        var choices = Momenta.Select(m => new OptimizerChoice($"m{m}", m == 0 ? "SGD" : $"momentum {m}", $"lr {LearningRate}, momentum {m}",
            p => new SGD(p, lr: LearningRate, momentum: m))).ToList();
        var runs = OptimizerComparison.Run(choices, steps, seed);
        return [.. runs.Select((run, i) => new MomentumRun(Momenta[i], run, StepsTo(run.StepLosses)))];
    }

    /// <summary>The first step (1-based) whose trailing mean is below the threshold, or null if none within the budget.</summary>
    public static int? StepsTo(double[] losses)
    {
        var smoothed = ExperimentFiles.TrailingMean(losses, Window);
        for (int k = Window - 1; k < smoothed.Length; k++)
            if (smoothed[k] < Threshold) return k + 1;
        return null;
    }
}
