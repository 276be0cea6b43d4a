namespace Sharpgrad.RL;

/// <summary>
/// The policy-gradient estimator (Williams 1992; GBC §20.9.1; Buduma ch9). The gradient of the expected return is
/// ∇_θ J = E[Σ_t ∇_θ log π(a_t | s_t)·(G_t − b)], for any baseline b that does not depend on the action; a sample of
/// it is the gradient of the surrogate loss −mean_t(log π(a_t | s_t)·(G_t − b)), which is what an optimiser minimises.
/// </summary>
public static class PolicyGradient
{
    /// <summary>
    /// −mean_t(log π(a_t | s_t)·A_t) from the logits [T, actions], the actions taken [T] (int64) and the advantages
    /// [T] (G_t − b, treated as constants). Its gradient is minus the estimate of ∇_θ J.
    /// </summary>
    public static Tensor SurrogateLoss(Tensor logits, Tensor actions, Tensor advantages)
    {
        if (logits.Rank != 2 || actions.Shape.Length != 1 || advantages.Shape.Length != 1
            || actions.Shape[0] != logits.Shape[0] || advantages.Shape[0] != logits.Shape[0])
            throw new ArgumentException($"PolicyGradient.SurrogateLoss: expected logits [T, actions], actions [T] and advantages [T], got " +
                                        $"[{string.Join(", ", logits.Shape)}], [{string.Join(", ", actions.Shape)}] and [{string.Join(", ", advantages.Shape)}].");
        return -(LogProbabilities(logits, actions) * advantages.Detach()).Mean();
    }

    /// <summary>log π(a_t | s_t) for each row: the log-softmax of the logits at the action taken, [T].</summary>
    public static Tensor LogProbabilities(Tensor logits, Tensor actions) =>
        logits.LogSoftmax(1).Gather(1, actions.Unsqueeze(1)).Squeeze(1);

    /// <summary>The entropy −Σ_a π(a|s)·log π(a|s) of each row's policy, [T].</summary>
    public static Tensor Entropy(Tensor logits)
    {
        var logProbabilities = logits.LogSoftmax(1);
        return -(logProbabilities.Exp() * logProbabilities).Sum(1);
    }

    /// <summary>
    /// The constant baseline that minimises the estimator's variance (GBC §20.9.1):
    /// b* = E[G·‖∇_θ log π(a|s)‖²] / E[‖∇_θ log π(a|s)‖²], estimated from the batch's returns and squared score norms.
    /// Falls back to the mean return when every score is zero (a deterministic policy).
    /// </summary>
    public static double OptimalConstantBaseline(IReadOnlyList<double> returns, IReadOnlyList<double> squaredScoreNorms)
    {
        if (returns.Count != squaredScoreNorms.Count || returns.Count == 0)
            throw new ArgumentException($"PolicyGradient.OptimalConstantBaseline: expected as many (≥ 1) returns as score norms, got {returns.Count} and {squaredScoreNorms.Count}.");
        double weighted = 0, total = 0;
        for (int t = 0; t < returns.Count; t++)
        {
            weighted += returns[t] * squaredScoreNorms[t];
            total += squaredScoreNorms[t];
        }
        return total > 0 ? weighted / total : returns.Average();
    }

    /// <summary>
    /// ‖∇ log π(a|s)‖² over the parameters of a softmax output layer z = W·h + c, in closed form: the score with
    /// respect to z is e_a − π, so with respect to (W, c) it is (e_a − π)·[hᵀ, 1] and its squared norm is
    /// ‖e_a − π‖²·(‖h‖² + 1). <paramref name="probabilities"/> is [T, actions], <paramref name="features"/> [T, hidden]
    /// (or null for a bias-only layer, as a bandit's logits are).
    /// </summary>
    public static double[] OutputLayerSquaredScoreNorms(float[] probabilities, long[] actions, float[]? features, int hidden)
    {
        int rows = actions.Length, count = probabilities.Length / Math.Max(rows, 1);
        var norms = new double[rows];
        for (int t = 0; t < rows; t++)
        {
            double scoreZ = 0, featureNorm = 1;
            for (int a = 0; a < count; a++)
            {
                double d = (a == actions[t] ? 1 : 0) - probabilities[t * count + a];
                scoreZ += d * d;
            }
            for (int j = 0; features is not null && j < hidden; j++) featureNorm += (double)features[t * hidden + j] * features[t * hidden + j];
            norms[t] = scoreZ * featureNorm;
        }
        return norms;
    }
}
