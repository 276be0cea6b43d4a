namespace Sharpgrad.Generative;

/// <summary>
/// An AIS estimate: <see cref="LogZ"/> = log Z_A + log mean w over the runs, and the run's log-weights. The mean of the
/// weights is unbiased for Z/Z_A, so log Z is slightly underestimated in expectation (Jensen); <see cref="StandardError"/>
/// is the delta-method error of log Z, sd(w)/(mean(w)·√M) (GBC §17.1 for Monte Carlo errors).
/// </summary>
public sealed record AisResult(double LogZ, double LogZBase, double StandardError, double[] LogWeights);
