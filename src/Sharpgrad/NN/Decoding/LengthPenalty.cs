namespace Sharpgrad.NN;

/// <summary>
/// Length normalisation of a finished hypothesis's log-probability: score = log P(y) / lp(|y|). Without it beam search
/// prefers short outputs, since every extra token multiplies the probability by a number below 1. |y| counts the
/// generated tokens, the end token included (the start token is not generated).
/// </summary>
public sealed record LengthPenalty
{
    /// <summary>lp = 1: the raw log-probability (the default).</summary>
    public static LengthPenalty None { get; } = new(LengthPenaltyKind.None, 0);

    public LengthPenaltyKind Kind { get; }

    /// <summary>α: 0 is no normalisation, 1 divides by the length (the mean log-probability per token).</summary>
    public double Alpha { get; }

    private LengthPenalty(LengthPenaltyKind kind, double alpha)
    {
        if (!(alpha >= 0) || !double.IsFinite(alpha)) throw new ArgumentException($"LengthPenalty: α must be finite and ≥ 0, got {alpha}.", nameof(alpha));
        (Kind, Alpha) = (kind, alpha);
    }

    /// <summary>lp(len) = len^α.</summary>
    public static LengthPenalty Power(double alpha) => new(LengthPenaltyKind.Power, alpha);

    /// <summary>lp(len) = ((5 + len)/6)^α, GNMT's (Wu et al. 2016, eq. 14; they found α in [0.6, 0.7] best).</summary>
    public static LengthPenalty Gnmt(double alpha) => new(LengthPenaltyKind.Gnmt, alpha);

    public double Divisor(int length) => Kind switch
    {
        LengthPenaltyKind.Power => Math.Pow(length, Alpha),
        LengthPenaltyKind.Gnmt => Math.Pow((5.0 + length) / 6, Alpha),
        _ => 1,
    };

    public double Score(double logProbability, int length) => logProbability / Divisor(Math.Max(length, 1));
}

/// <summary>Which formula a <see cref="LengthPenalty"/> uses.</summary>
public enum LengthPenaltyKind
{
    None,
    Power,
    Gnmt,
}
