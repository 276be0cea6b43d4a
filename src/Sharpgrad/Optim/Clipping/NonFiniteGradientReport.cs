namespace Sharpgrad.Optim;

/// <summary>What <see cref="NonFiniteGradientGuard"/> found and did at one step.</summary>
/// <param name="Step">The guard's step count, from 1 (every <see cref="NonFiniteGradientGuard.Step"/> counts).</param>
/// <param name="Action">What it did instead of the optimiser's step.</param>
/// <param name="Parameters">The indices (in the optimiser's parameter order, across groups) of the parameters whose
/// gradient held NaN or ±∞.</param>
/// <param name="NaNCount">How many gradient elements were NaN.</param>
/// <param name="InfinityCount">How many were +∞ or −∞.</param>
public sealed record NonFiniteGradientReport(long Step, NonFiniteGradientAction Action, IReadOnlyList<int> Parameters, long NaNCount, long InfinityCount)
{
    public override string ToString() =>
        $"step {Step}: {NaNCount} NaN and {InfinityCount} infinite gradient element(s) in parameter(s) {string.Join(", ", Parameters)}; " +
        (Action == NonFiniteGradientAction.Skip ? "step skipped" : "took a random step instead");
}
