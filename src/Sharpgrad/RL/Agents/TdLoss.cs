namespace Sharpgrad.RL;

/// <summary>The loss between Q(s, a) and its TD target.</summary>
public enum TdLoss
{
    /// <summary>Huber with δ = 1 (PyTorch's SmoothL1 at β = 1): the clipped error of Mnih et al. (2015).</summary>
    Huber,

    /// <summary>The squared TD error (Buduma's loss, whose printed form lacks its square).</summary>
    Mse,
}
