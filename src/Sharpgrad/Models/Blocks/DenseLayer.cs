using Sharpgrad.NN;

namespace Sharpgrad.Models;

/// <summary>
/// One layer of a DenseNet-BC dense block (Huang et al. 2017, §3): BN → ReLU → 1×1 conv to 4k channels (the "B",
/// bottleneck) → BN → ReLU → 3×3 conv to k channels, whose output is concatenated to the input. Every layer thus sees
/// the feature maps of all layers before it in the block, and the block's width grows by the growth rate k per layer.
/// Child names are torchvision's: norm1, conv1, norm2, conv2.
/// </summary>
public sealed class DenseLayer : Module<Tensor, Tensor>
{
    /// <summary>The bottleneck's width in multiples of the growth rate (the paper's 4k).</summary>
    public const int BottleneckFactor = 4;

    private readonly BatchNorm2d norm1, norm2;
    private readonly Conv2d conv1, conv2;

    public DenseLayer(int inChannels, int growthRate, DType dtype = DType.Float32, Generator? generator = null)
    {
        InChannels = inChannels;
        GrowthRate = growthRate;
        norm1 = RegisterModule("norm1", new BatchNorm2d(inChannels, dtype: dtype));
        conv1 = RegisterModule("conv1", new Conv2d(inChannels, BottleneckFactor * growthRate, 1, bias: false, dtype: dtype, generator: generator));
        norm2 = RegisterModule("norm2", new BatchNorm2d(BottleneckFactor * growthRate, dtype: dtype));
        conv2 = RegisterModule("conv2", new Conv2d(BottleneckFactor * growthRate, growthRate, 3, padding: 1, bias: false, dtype: dtype, generator: generator));
    }

    public int InChannels { get; }
    public int GrowthRate { get; }

    /// <summary>[N, InChannels, H, W] → [N, InChannels + GrowthRate, H, W].</summary>
    protected override Tensor ForwardCore(Tensor input)
    {
        var bottleneck = conv1.Forward(norm1.Forward(input).Relu());
        var features = conv2.Forward(norm2.Forward(bottleneck).Relu());
        return Tensor.Cat([input, features], 1);
    }

    protected override string ExtraRepr() => $"in_channels={InChannels}, growth_rate={GrowthRate}";
}
