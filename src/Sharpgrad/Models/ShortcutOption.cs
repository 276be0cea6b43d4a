namespace Sharpgrad.Models;

/// <summary>How a residual block's shortcut adapts the input when the block changes resolution or width (He et al. 2016 §3.3).</summary>
public enum ShortcutOption
{
    /// <summary>Option A: subsample and pad the extra channels with zeros; no parameters (<see cref="ZeroPadShortcut"/>). The CIFAR ResNets' choice.</summary>
    A,

    /// <summary>Option B: a strided 1×1 convolution with batch norm (a projection), used only where shapes change. torchvision's choice.</summary>
    B,
}
