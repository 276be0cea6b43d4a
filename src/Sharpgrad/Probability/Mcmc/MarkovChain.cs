using System.Globalization;

namespace Sharpgrad.Probability;

/// <summary>The loop and the acceptance test shared by the Markov chain Monte Carlo samplers (GBC §17.3).</summary>
internal static class MarkovChain
{
    /// <summary>
    /// Applies <paramref name="transition"/> burnIn + numSamples times from <paramref name="initial"/>, hands each state
    /// after the burn-in to <paramref name="record"/>, and returns the fraction of those transitions that accepted.
    /// The burn-in discards the early states that still remember the starting point (GBC §17.3, "burning in").
    /// </summary>
    public static double Run<TState>(TState initial, int numSamples, int burnIn, Generator generator,
        Func<TState, Generator, (TState State, bool Accepted)> transition, Action<TState> record, string op)
    {
        if (numSamples < 1) throw new ArgumentOutOfRangeException(nameof(numSamples), $"{op}: numSamples must be at least 1, got {numSamples}.");
        if (burnIn < 0) throw new ArgumentOutOfRangeException(nameof(burnIn), $"{op}: burnIn must be non-negative, got {burnIn}.");
        using var _ = Autograd.NoGrad();
        var state = initial;
        int accepted = 0;
        for (int t = 0; t < burnIn + numSamples; t++)
        {
            (state, bool ok) = transition(state, generator);
            if (t < burnIn) continue;
            record(state);
            if (ok) accepted++;
        }
        return (double)accepted / numSamples;
    }

    /// <summary>
    /// The Metropolis test: accept with probability min(1, exp(<paramref name="logRatio"/>)), by comparing the log of
    /// a uniform on (0, 1] with it. A NaN ratio (a proposal where the density is undefined) is rejected.
    /// </summary>
    public static bool Accept(double logRatio, Generator generator) => Math.Log(1 - generator.NextDouble()) <= logRatio;

    /// <summary>The target's log-density at <paramref name="x"/> as a number; it must return a single value.</summary>
    public static double LogDensity(Func<Tensor, Tensor> logDensity, Tensor x, string op)
    {
        using var _ = Autograd.NoGrad();
        var value = logDensity(x);
        if (value.Count != 1)
            throw new ArgumentException($"{op}: logDensity must return a single value, got shape {ShapeUtil.Format(value.Shape)} for a state of shape {ShapeUtil.Format(x.Shape)}.");
        return value.Item();
    }

    /// <summary>Throws unless the chain starts where the target has positive density, or it could never leave.</summary>
    public static void RequireStart(double logDensity, string op)
    {
        if (double.IsNaN(logDensity) || double.IsNegativeInfinity(logDensity))
            throw new ArgumentException($"{op}: the initial state has log-density {logDensity.ToString(CultureInfo.InvariantCulture)}; start the chain where the target density is positive.");
    }
}
