using Sharpgrad.NN;

namespace Sharpgrad.Models;

/// <summary>
/// The bottleneck residual block of ResNet-50/101/152 (He et al. 2016, Fig. 5 right): 1×1 to reduce the channels to
/// <c>planes</c>, 3×3 (with the stride, as torchvision's "ResNet v1.5"), 1×1 to expand to 4·planes, batch norm after
/// each, and y = ReLU(F(x) + shortcut(x)). The 1×1 convolutions make the 3×3 one cheap (NIN's idea, GBC §9.3).
/// Child names are torchvision's: conv1..conv3, bn1..bn3, downsample.
/// </summary>
public sealed class Bottleneck : Module<Tensor, Tensor>
{
    /// <summary>Output channels per <c>planes</c>.</summary>
    public const int Expansion = 4;

    private readonly Conv2d conv1, conv2, conv3;
    private readonly BatchNorm2d bn1, bn2, bn3;
    private readonly Module<Tensor, Tensor> shortcut;

    /// <param name="shortcut">maps the input to the output's shape; null for the identity</param>
    public Bottleneck(int inPlanes, int planes, int stride = 1, Module<Tensor, Tensor>? shortcut = null, DType dtype = DType.Float32, Generator? generator = null)
    {
        conv1 = RegisterModule("conv1", new Conv2d(inPlanes, planes, 1, bias: false, dtype: dtype, generator: generator));
        bn1 = RegisterModule("bn1", new BatchNorm2d(planes, dtype: dtype));
        conv2 = RegisterModule("conv2", new Conv2d(planes, planes, 3, stride: stride, padding: 1, bias: false, dtype: dtype, generator: generator));
        bn2 = RegisterModule("bn2", new BatchNorm2d(planes, dtype: dtype));
        conv3 = RegisterModule("conv3", new Conv2d(planes, planes * Expansion, 1, bias: false, dtype: dtype, generator: generator));
        bn3 = RegisterModule("bn3", new BatchNorm2d(planes * Expansion, dtype: dtype));
        this.shortcut = shortcut is null ? new Identity() : RegisterModule("downsample", shortcut);
    }

    protected override Tensor ForwardCore(Tensor input)
    {
        var x = bn1.Forward(conv1.Forward(input)).Relu();
        x = bn2.Forward(conv2.Forward(x)).Relu();
        var residual = bn3.Forward(conv3.Forward(x));
        return (residual + shortcut.Forward(input)).Relu();
    }
}
