namespace Sharpgrad.RL;

/// <summary>
/// The bootstrap targets of Q-learning with a target network (Mnih et al. 2015) and of Double DQN (van Hasselt et al. 2016).
/// </summary>
public static class DqnTargets
{
    /// <summary>
    /// y = r + γ·(1 − terminated)·Q_target(s′, a*), where a* = argmax_a Q_target(s′, a) for DQN and
    /// a* = argmax_a Q_online(s′, a) for Double DQN (pass <paramref name="nextOnlineValues"/>): the online network
    /// chooses, the target network evaluates, which removes the max operator's upward bias. Ties take the first action.
    /// Inputs are [B] (rewards, terminated as 1/0) and [B, actions] (values); the result [B] carries no gradient.
    /// </summary>
    public static Tensor Compute(Tensor rewards, Tensor terminated, Tensor nextTargetValues, double gamma, Tensor? nextOnlineValues = null)
    {
        Returns.CheckGamma(gamma, "DqnTargets.Compute");
        if (nextTargetValues.Rank != 2 || rewards.Shape.Length != 1 || !rewards.Shape.SequenceEqual(terminated.Shape)
            || nextTargetValues.Shape[0] != rewards.Shape[0]
            || nextOnlineValues is not null && !nextOnlineValues.Shape.SequenceEqual(nextTargetValues.Shape))
            throw new ArgumentException($"DqnTargets.Compute: expected rewards and terminated [B] and next values [B, actions], got " +
                $"[{string.Join(", ", rewards.Shape)}], [{string.Join(", ", terminated.Shape)}], [{string.Join(", ", nextTargetValues.Shape)}]" +
                (nextOnlineValues is null ? "" : $" and online [{string.Join(", ", nextOnlineValues.Shape)}]") + ".");
        using var _ = Autograd.NoGrad();
        var next = nextOnlineValues is null
            ? nextTargetValues.Max(1).Values
            : nextTargetValues.Gather(1, nextOnlineValues.ArgMax(1, keepdim: true)).Squeeze(1);
        return rewards + gamma * (1 - terminated) * next;
    }
}
