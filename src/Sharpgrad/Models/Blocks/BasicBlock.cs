using Sharpgrad.NN;

namespace Sharpgrad.Models;

/// <summary>
/// The residual block of ResNet-18/34 and the CIFAR ResNets (He et al. 2016, Fig. 2 left): two 3×3 convolutions with
/// batch norm, and the input added back before the last ReLU, y = ReLU(F(x) + shortcut(x)), so the layers only have to
/// learn a residual F(x) = H(x) − x (GBC §9, §8.7). The first convolution carries the stride; the shortcut then has to
/// match the new shape (<see cref="Shortcuts"/>). Child names are torchvision's: conv1, bn1, conv2, bn2, downsample.
/// </summary>
public sealed class BasicBlock : Module<Tensor, Tensor>
{
    /// <summary>Output channels per <c>planes</c>: 1 (a <see cref="Bottleneck"/> widens by 4).</summary>
    public const int Expansion = 1;

    private readonly Conv2d conv1, conv2;
    private readonly BatchNorm2d bn1, bn2;
    private readonly Module<Tensor, Tensor> shortcut;

    /// <param name="shortcut">maps the input to the output's shape; null for the identity</param>
    public BasicBlock(int inPlanes, int planes, int stride = 1, Module<Tensor, Tensor>? shortcut = null, DType dtype = DType.Float32, Generator? generator = null)
    {
        conv1 = RegisterModule("conv1", new Conv2d(inPlanes, planes, 3, stride: stride, padding: 1, bias: false, dtype: dtype, generator: generator));
        bn1 = RegisterModule("bn1", new BatchNorm2d(planes, dtype: dtype));
        conv2 = RegisterModule("conv2", new Conv2d(planes, planes, 3, padding: 1, bias: false, dtype: dtype, generator: generator));
        bn2 = RegisterModule("bn2", new BatchNorm2d(planes, dtype: dtype));
        this.shortcut = shortcut is null ? new Identity() : RegisterModule("downsample", shortcut);
    }

    /// <remarks>
    /// Each batch norm runs fused with what follows it (<see cref="BatchNormNd.ForwardRelu"/>): bn1 with the ReLU, bn2
    /// with the shortcut's add and the last ReLU; the same values and gradients as the separate ops, in fewer passes.
    /// </remarks>
    protected override Tensor ForwardCore(Tensor input)
    {
        var hidden = bn1.ForwardRelu(conv1.Forward(input));
        // conv2 before the shortcut, as torchvision runs them, so forward hooks fire in its order.
        var beforeNorm = conv2.Forward(hidden);
        return bn2.ForwardRelu(beforeNorm, shortcut.Forward(input));
    }
}
