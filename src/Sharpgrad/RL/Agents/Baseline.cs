namespace Sharpgrad.RL;

/// <summary>What REINFORCE subtracts from the return before weighting the score (GBC §20.9.1).</summary>
public enum Baseline
{
    /// <summary>b = 0: the plain estimator of Williams (1992) and Buduma ch9.</summary>
    None,

    /// <summary>The variance-minimising constant b* = E[G‖∇log π‖²]/E[‖∇log π‖²], estimated per update batch.</summary>
    OptimalConstant,

    /// <summary>A learned state value V(s) regressed on the returns (a critic, trained with MSE alongside the policy).</summary>
    LearnedValue,
}
