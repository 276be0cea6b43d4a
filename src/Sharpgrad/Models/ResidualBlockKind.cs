namespace Sharpgrad.Models;

/// <summary>The residual block a ResNet repeats.</summary>
public enum ResidualBlockKind
{
    /// <summary>Two 3×3 convolutions (<see cref="BasicBlock"/>): ResNet-18/34 and the CIFAR ResNets.</summary>
    Basic,

    /// <summary>1×1 → 3×3 → 1×1, four times wider out (<see cref="Bottleneck"/>): ResNet-50/101/152.</summary>
    Bottleneck,

    /// <summary>BN → ReLU → conv, twice, nothing after the addition (<see cref="PreActBlock"/>; He et al. 2016b).</summary>
    PreActivation,
}
