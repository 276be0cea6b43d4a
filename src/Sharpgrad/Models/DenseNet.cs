using Sharpgrad.NN;

namespace Sharpgrad.Models;

/// <summary>
/// A densely connected network (Huang et al. 2017) laid out like torchvision's <c>DenseNet</c>, so its state dict has
/// torchvision's keys: children features (a Sequential with named children: the stem conv0/norm0/relu0/pool0, then
/// denseblock1, transition1, …, denseblockN, norm5; each dense block a Sequential of denselayer1, denselayer2, …) and
/// classifier (Linear). Forward, as torchvision: features → ReLU → global average pooling → flatten → classifier.
/// The final ReLU and pooling are functions, not children, as in torchvision. Built by <see cref="ModelZoo.DenseNet121"/>
/// and <see cref="ModelZoo.DenseNetBC"/>.
/// </summary>
public sealed class DenseNet : Module<Tensor, Tensor>
{
    internal DenseNet(Sequential features, Linear classifier)
    {
        Features = RegisterModule("features", features);
        Classifier = RegisterModule("classifier", classifier);
    }

    public Sequential Features { get; }
    public Linear Classifier { get; }

    protected override Tensor ForwardCore(Tensor input) =>
        Classifier.Forward(Functional.AdaptiveAvgPool2d(Features.Forward(input).Relu(), 1).Flatten(1));
}
