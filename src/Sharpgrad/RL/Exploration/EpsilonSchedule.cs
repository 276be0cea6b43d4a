namespace Sharpgrad.RL;

/// <summary>
/// How the exploration rate ε of ε-greedy action selection changes with training time t (episodes for REINFORCE,
/// environment steps for DQN): Buduma ch9 compares schedules for the policy-gradient agent and anneals linearly
/// for DQN. With probability ε the agent acts uniformly at random, otherwise by its policy.
/// </summary>
public abstract class EpsilonSchedule
{
    /// <summary>ε at time <paramref name="t"/> ≥ 0 (a negative time would extrapolate outside [0, 1]).</summary>
    public double At(long t) => t >= 0
        ? Value(t)
        : throw new ArgumentOutOfRangeException(nameof(t), $"EpsilonSchedule.At: the time must be ≥ 0, got {t}.");

    /// <summary>The schedule's value at a valid time.</summary>
    protected abstract double Value(long t);

    /// <summary>A fixed ε (0: never explore beyond the policy's own sampling).</summary>
    public static EpsilonSchedule Constant(double epsilon) => new ConstantSchedule(Check(epsilon, "Constant", "epsilon"));

    /// <summary>
    /// Linear annealing from <paramref name="start"/> to <paramref name="end"/> over <paramref name="duration"/> steps,
    /// then <paramref name="end"/> for ever: ε_t = start + (end − start)·min(t/duration, 1).
    /// </summary>
    public static EpsilonSchedule Linear(double start, double end, long duration)
    {
        if (duration <= 0) throw new ArgumentException($"EpsilonSchedule.Linear: duration must be positive, got {duration}.", nameof(duration));
        return new LinearSchedule(Check(start, "Linear", "start"), Check(end, "Linear", "end"), duration);
    }

    /// <summary>
    /// Exponential decay towards <paramref name="end"/>: ε_t = end + (start − end)·decayᵗ, for 0 &lt; decay &lt; 1.
    /// </summary>
    public static EpsilonSchedule Exponential(double start, double end, double decay)
    {
        if (!(decay > 0 && decay < 1)) throw new ArgumentException($"EpsilonSchedule.Exponential: decay must be in (0, 1), got {decay}.", nameof(decay));
        return new ExponentialSchedule(Check(start, "Exponential", "start"), Check(end, "Exponential", "end"), decay);
    }

    private static double Check(double value, string schedule, string name) => value is >= 0 and <= 1
        ? value
        : throw new ArgumentException($"EpsilonSchedule.{schedule}: {name} must be a probability in [0, 1], got {value}.", name);

    private sealed class ConstantSchedule(double epsilon) : EpsilonSchedule
    {
        protected override double Value(long t) => epsilon;
        public override string ToString() => $"constant ε = {epsilon}";
    }

    private sealed class LinearSchedule(double start, double end, long duration) : EpsilonSchedule
    {
        protected override double Value(long t) => start + (end - start) * Math.Min((double)t / duration, 1);
        public override string ToString() => $"linear ε {start} → {end} over {duration}";
    }

    private sealed class ExponentialSchedule(double start, double end, double decay) : EpsilonSchedule
    {
        protected override double Value(long t) => end + (start - end) * Math.Pow(decay, t);
        public override string ToString() => $"exponential ε {start} → {end}, decay {decay}";
    }
}
