using Sharpgrad.NN;
using Sharpgrad.Tests.NN;

namespace Sharpgrad.Tests.Convolution;

/// <summary>Float64 gradient checks (GBC §11.5) of every convolution layer and option, against central differences.</summary>
public class ConvGradCheckTests
{
    public static TheoryData<string> Conv2dConfigurations() =>
    [
        "plain", "stride", "dilation", "groups", "depthwise", "no-bias", "same", "same-even", "full", "valid",
        "reflect", "replicate", "circular", "rectangular",
    ];

    private static Conv2d Build(string configuration) => configuration switch
    {
        "plain" => new Conv2d(2, 3, 3, dtype: DType.Float64, generator: new Generator(1)),
        "stride" => new Conv2d(2, 3, 3, stride: 2, padding: 1, dtype: DType.Float64, generator: new Generator(1)),
        "dilation" => new Conv2d(2, 3, 2, dilation: 2, padding: 1, dtype: DType.Float64, generator: new Generator(1)),
        "groups" => new Conv2d(4, 6, 2, groups: 2, dtype: DType.Float64, generator: new Generator(1)),
        "depthwise" => new Conv2d(3, 3, 3, groups: 3, padding: 1, dtype: DType.Float64, generator: new Generator(1)),
        "no-bias" => new Conv2d(2, 3, 3, bias: false, dtype: DType.Float64, generator: new Generator(1)),
        "same" => new Conv2d(2, 2, 3, padding: "same", dtype: DType.Float64, generator: new Generator(1)),
        "same-even" => new Conv2d(2, 2, (2, 4), padding: "same", dtype: DType.Float64, generator: new Generator(1)),
        "full" => new Conv2d(2, 2, 2, padding: "full", dtype: DType.Float64, generator: new Generator(1)),
        "valid" => new Conv2d(2, 2, 3, padding: "valid", dtype: DType.Float64, generator: new Generator(1)),
        "reflect" => new Conv2d(2, 2, 3, padding: 2, paddingMode: PaddingMode.Reflect, dtype: DType.Float64, generator: new Generator(1)),
        "replicate" => new Conv2d(2, 2, 3, padding: (1, 2), paddingMode: PaddingMode.Replicate, dtype: DType.Float64, generator: new Generator(1)),
        "circular" => new Conv2d(2, 2, 3, padding: 1, paddingMode: PaddingMode.Circular, dtype: DType.Float64, generator: new Generator(1)),
        _ => new Conv2d(2, 3, (3, 1), stride: (2, 1), padding: (0, 1), dilation: (1, 2), dtype: DType.Float64, generator: new Generator(1)),
    };

    [Theory]
    [MemberData(nameof(Conv2dConfigurations))]
    public void Conv2dGradients(string configuration)
    {
        var conv = Build(configuration);
        ModuleGradCheck.Assert(conv, Rand.Normal(2, 2, conv.InChannels, 5, 4));
    }

    [Fact]
    public void Conv1dAndConv3dGradients()
    {
        ModuleGradCheck.Assert(new Conv1d(2, 3, 3, stride: 2, padding: 2, dilation: 2, dtype: DType.Float64, generator: new Generator(2)),
            Rand.Normal(3, 2, 2, 9));
        ModuleGradCheck.Assert(new Conv1d(2, 2, 3, padding: 1, paddingMode: PaddingMode.Reflect, bias: false, dtype: DType.Float64, generator: new Generator(2)),
            Rand.Normal(3, 1, 2, 5));
        ModuleGradCheck.Assert(new Conv3d(2, 4, (2, 2, 3), stride: (1, 2, 1), padding: 1, groups: 2, dtype: DType.Float64, generator: new Generator(2)),
            Rand.Normal(3, 1, 2, 3, 4, 3));
    }

    [Fact]
    public void ConvTransposeGradients()
    {
        ModuleGradCheck.Assert(new ConvTranspose2d(2, 3, 3, stride: 2, padding: 1, outputPadding: 1, dtype: DType.Float64, generator: new Generator(3)),
            Rand.Normal(4, 2, 2, 3, 2));
        ModuleGradCheck.Assert(new ConvTranspose2d(4, 2, 2, stride: (2, 1), groups: 2, dilation: 2, bias: false, dtype: DType.Float64, generator: new Generator(3)),
            Rand.Normal(4, 1, 4, 3, 3));
        ModuleGradCheck.Assert(new ConvTranspose1d(2, 2, 3, stride: 3, outputPadding: 2, dtype: DType.Float64, generator: new Generator(3)),
            Rand.Normal(4, 2, 2, 3));
        ModuleGradCheck.Assert(new ConvTranspose3d(2, 2, 2, stride: 2, dtype: DType.Float64, generator: new Generator(3)),
            Rand.Normal(4, 1, 2, 2, 2, 2));
    }

    [Fact]
    public void FullJacobianOfConv2dAndConvTranspose2d()
    {
        GradCheck.Assert(t => Functional.Conv2d(t[0], t[1], t[2], stride: 2, padding: 1, dilation: (1, 2)),
            Rand.Leaf(5, 1, 2, 3, 5), Rand.Leaf(6, 2, 2, 2, 2), Rand.Leaf(7, 2));
        GradCheck.Assert(t => Functional.ConvTranspose2d(t[0], t[1], t[2], stride: 2, outputPadding: 1),
            Rand.Leaf(5, 1, 2, 2, 3), Rand.Leaf(6, 2, 1, 2, 2), Rand.Leaf(7, 1));
    }

    [Fact]
    public void ConvolutionIsTwiceDifferentiable()
    {
        // Backward is built from im2col, col2im and MatMul, which are recorded too: the gradient has a gradient.
        GradCheck.RunSecondOrder(t => Functional.Conv2d(t[0], t[1], stride: 2, padding: 1).Tanh(),
            [Rand.Leaf(8, 1, 1, 3, 4), Rand.Leaf(9, 2, 1, 2, 2)]).ThrowIfFailed();
        GradCheck.RunSecondOrder(t => Functional.ConvTranspose2d(t[0], t[1], stride: 2).Tanh(),
            [Rand.Leaf(8, 1, 2, 2, 1), Rand.Leaf(9, 2, 1, 2, 2)]).ThrowIfFailed();
    }

    [Fact]
    public void PadGradients()
    {
        foreach (var mode in new[] { PaddingMode.Reflect, PaddingMode.Replicate, PaddingMode.Circular, PaddingMode.Zeros })
            GradCheck.Assert(t => Functional.Pad(t[0], [2, 1, 1, 2], mode), Rand.Leaf(10, 1, 3, 3));
        GradCheck.Assert(t => Functional.Pad(t[0], [-1, 2, 1, 0], 0.5), Rand.Leaf(10, 2, 3));
    }

    [Fact]
    public void UnfoldAndFoldGradients()
    {
        GradCheck.Assert(t => Functional.Unfold(t[0], (2, 3), padding: 1, stride: 2), Rand.Leaf(11, 1, 2, 3, 4));
        GradCheck.Assert(t => Functional.Fold(t[0], (3, 4), 2, padding: 1, stride: 2), Rand.Leaf(11, 1, 8, 6));
    }
}
