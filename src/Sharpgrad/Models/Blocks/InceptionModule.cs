using Sharpgrad.NN;

namespace Sharpgrad.Models;

/// <summary>
/// GoogLeNet's Inception module (Szegedy et al. 2015, Fig. 2b; GBC §9.8): four branches over the same input —
/// 1×1; 1×1 reduce → 3×3; 1×1 reduce → 5×5; 3×3 max pool (stride 1) → 1×1 projection — each convolution followed by a
/// ReLU, concatenated on the channel dim. The 1×1 reductions keep the 3×3 and 5×5 convolutions cheap. Spatial size is
/// kept, and the output has <see cref="OutChannels"/> = the sum of the four branches' channels.
/// Children: branch1..branch4 (Sequential each).
/// </summary>
public sealed class InceptionModule : Module<Tensor, Tensor>
{
    private readonly Sequential[] branches;

    /// <example>GoogLeNet's inception (3a): <c>new InceptionModule(192, 64, 96, 128, 16, 32, 32)</c>, 256 channels out.</example>
    public InceptionModule(int inChannels, int ch1x1, int ch3x3Reduce, int ch3x3, int ch5x5Reduce, int ch5x5, int poolProjection,
        DType dtype = DType.Float32, Generator? generator = null)
    {
        OutChannels = ch1x1 + ch3x3 + ch5x5 + poolProjection;
        branches =
        [
            RegisterModule("branch1", new Sequential(ConvRelu(inChannels, ch1x1, 1))),
            RegisterModule("branch2", new Sequential([.. ConvRelu(inChannels, ch3x3Reduce, 1), .. ConvRelu(ch3x3Reduce, ch3x3, 3)])),
            RegisterModule("branch3", new Sequential([.. ConvRelu(inChannels, ch5x5Reduce, 1), .. ConvRelu(ch5x5Reduce, ch5x5, 5)])),
            RegisterModule("branch4", new Sequential([new MaxPool2d(3, stride: 1, padding: 1), .. ConvRelu(inChannels, poolProjection, 1)])),
        ];

        // A 'same'-padded convolution and its ReLU, spliced into the branch.
        Module<Tensor, Tensor>[] ConvRelu(int cin, int cout, int kernel) =>
            [new Conv2d(cin, cout, kernel, padding: kernel / 2, dtype: dtype, generator: generator), new ReLU()];
    }

    public int OutChannels { get; }

    protected override Tensor ForwardCore(Tensor input) => Tensor.Cat(branches.Select(b => b.Forward(input)).ToList(), 1);
}
