namespace Sharpgrad.Models;

/// <summary>The layers a <see cref="ResNet"/> puts before its residual stages.</summary>
public enum ResNetStem
{
    /// <summary>7×7/2 convolution to 64 channels, BN, ReLU, 3×3/2 max pool (He et al. 2016, Table 1; torchvision): 224² → 56².</summary>
    ImageNet,

    /// <summary>3×3 convolution to 16 channels, BN, ReLU, full resolution (He et al. 2016 §4.2, the CIFAR-10 ResNets).</summary>
    Cifar,
}
