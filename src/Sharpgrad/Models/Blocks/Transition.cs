using Sharpgrad.NN;

namespace Sharpgrad.Models;

/// <summary>
/// The layer between two DenseNet blocks (Huang et al. 2017, §3 "pooling layers" and "compression"): BN → ReLU →
/// 1×1 conv to ⌊θ·channels⌋ (θ = 0.5 in DenseNet-BC, the "C") → 2×2 average pooling, halving the resolution.
/// Child names are torchvision's: norm, conv, pool.
/// </summary>
public sealed class Transition : Module<Tensor, Tensor>
{
    private readonly BatchNorm2d norm;
    private readonly Conv2d conv;
    private readonly AvgPool2d pool;

    public Transition(int inChannels, int outChannels, DType dtype = DType.Float32, Generator? generator = null)
    {
        norm = RegisterModule("norm", new BatchNorm2d(inChannels, dtype: dtype));
        conv = RegisterModule("conv", new Conv2d(inChannels, outChannels, 1, bias: false, dtype: dtype, generator: generator));
        pool = RegisterModule("pool", new AvgPool2d(2));
    }

    protected override Tensor ForwardCore(Tensor input) => pool.Forward(conv.Forward(norm.Forward(input).Relu()));
}
