using Sharpgrad.NN;

namespace Sharpgrad.Tests.Convolution;

/// <summary>Convolutions against torch.nn.functional (Fixtures/conv_fixtures.json): outputs and input/weight/bias gradients.</summary>
public class ConvFixtureTests
{
    [Fact]
    public void Conv2dWithStridePaddingDilationAndGroupsOnOddShapes()
    {
        var c = TorchCase.Load("conv2d_stride2_pad1_dil2_groups2");
        c.AssertMatches(Functional.Conv2d(c.Input("x"), c.Input("w"), c.Input("b"), stride: 2, padding: 1, dilation: 2, groups: 2));
    }

    [Fact]
    public void Conv2dWithPerDimStrideAndPaddingAndNoBias()
    {
        var c = TorchCase.Load("conv2d_rect_stride_pad");
        c.AssertMatches(Functional.Conv2d(c.Input("x"), c.Input("w"), stride: (1, 2), padding: (1, 0)));
    }

    [Fact]
    public void Conv2dSamePaddingWithAnEvenKernelPadsMoreAfter()
    {
        var c = TorchCase.Load("conv2d_same_even_kernel");
        var y = Functional.Conv2d(c.Input("x"), c.Input("w"), c.Input("b"), padding: "same");
        Assert.Equal([2, 3, 5, 6], y.Shape);
        c.AssertMatches(y);
    }

    [Theory]
    [InlineData(PaddingMode.Reflect)]
    [InlineData(PaddingMode.Replicate)]
    [InlineData(PaddingMode.Circular)]
    public void Conv2dPaddingModes(PaddingMode mode)
    {
        var c = TorchCase.Load($"conv2d_padding_mode_{mode.ToString().ToLowerInvariant()}");
        c.AssertMatches(Functional.Conv2d(c.Input("x"), c.Input("w"), c.Input("b"), padding: (2, 1), paddingMode: mode));
    }

    [Fact]
    public void Conv1dWithStride3AndDilation2()
    {
        var c = TorchCase.Load("conv1d_stride3_dil2");
        c.AssertMatches(Functional.Conv1d(c.Input("x"), c.Input("w"), c.Input("b"), stride: 3, padding: 2, dilation: 2));
    }

    [Fact]
    public void Conv3dDepthwiseWithPerDimStride()
    {
        var c = TorchCase.Load("conv3d_groups3");
        c.AssertMatches(Functional.Conv3d(c.Input("x"), c.Input("w"), c.Input("b"), stride: (1, 2, 1), padding: (1, 1, 0), groups: 3));
    }

    [Fact]
    public void ConvTranspose2dWithStride2AndOutputPadding1()
    {
        var c = TorchCase.Load("conv_transpose2d_stride2_outpad1");
        c.AssertMatches(Functional.ConvTranspose2d(c.Input("x"), c.Input("w"), c.Input("b"), stride: 2, padding: 1, outputPadding: 1));
    }

    [Fact]
    public void ConvTranspose2dGroupedAndDilated()
    {
        var c = TorchCase.Load("conv_transpose2d_groups2_dil2");
        c.AssertMatches(Functional.ConvTranspose2d(c.Input("x"), c.Input("w"), c.Input("b"),
            stride: (2, 3), padding: (1, 0), outputPadding: (1, 0), groups: 2, dilation: 2));
    }

    [Theory]
    [InlineData(PaddingMode.Reflect)]
    [InlineData(PaddingMode.Replicate)]
    [InlineData(PaddingMode.Circular)]
    public void PadModes(PaddingMode mode)
    {
        var c = TorchCase.Load($"pad_{mode.ToString().ToLowerInvariant()}");
        c.AssertMatches(Functional.Pad(c.Input("x"), [2, 1, 1, 2], mode));
    }
}
