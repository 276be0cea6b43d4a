using Sharpgrad.NN;

namespace Sharpgrad.Models;

/// <summary>
/// The pre-activation residual block (He et al. 2016b, "Identity Mappings in Deep Residual Networks", Fig. 1b):
/// BN → ReLU → 3×3 conv → BN → ReLU → 3×3 conv, plus the shortcut, with nothing after the addition, so the identity
/// path from any block to any later one is clean and gradients pass unchanged (GBC §8.7). A projection shortcut takes
/// the already normalised input, as in the paper's code. Child names: bn1, conv1, bn2, conv2, downsample.
/// </summary>
public sealed class PreActBlock : Module<Tensor, Tensor>
{
    public const int Expansion = 1;

    private readonly BatchNorm2d bn1, bn2;
    private readonly Conv2d conv1, conv2;
    private readonly Module<Tensor, Tensor>? shortcut;

    /// <param name="shortcut">maps the (pre-activated) input to the output's shape; null for the identity</param>
    public PreActBlock(int inPlanes, int planes, int stride = 1, Module<Tensor, Tensor>? shortcut = null, DType dtype = DType.Float32, Generator? generator = null)
    {
        bn1 = RegisterModule("bn1", new BatchNorm2d(inPlanes, dtype: dtype));
        conv1 = RegisterModule("conv1", new Conv2d(inPlanes, planes, 3, stride: stride, padding: 1, bias: false, dtype: dtype, generator: generator));
        bn2 = RegisterModule("bn2", new BatchNorm2d(planes, dtype: dtype));
        conv2 = RegisterModule("conv2", new Conv2d(planes, planes, 3, padding: 1, bias: false, dtype: dtype, generator: generator));
        if (shortcut is not null) this.shortcut = RegisterModule("downsample", shortcut);
    }

    protected override Tensor ForwardCore(Tensor input)
    {
        var activated = bn1.Forward(input).Relu();
        var residual = conv2.Forward(bn2.Forward(conv1.Forward(activated)).Relu());
        return residual + (shortcut is null ? input : shortcut.Forward(activated));
    }
}
