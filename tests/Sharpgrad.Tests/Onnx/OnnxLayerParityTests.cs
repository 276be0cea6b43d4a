using Sharpgrad.NN;
using Sharpgrad.Onnx;
using static Sharpgrad.Tests.Onnx.OnnxParity;

namespace Sharpgrad.Tests.Onnx;

/// <summary>
/// The mappings beyond the zoo's layers: every activation module, layer normalisation, 1-D and 3-D convolutions and the
/// transposed convolutions, each run by ONNX Runtime against Sharpgrad's own forward pass.
/// </summary>
public sealed class OnnxLayerParityTests
{
    /// <summary>Inputs spread over [−6, 6] so that every activation's pieces (clips, shrink zones, tails) are exercised.</summary>
    private static Tensor WideInput(int seed, params int[] shape) => Tensor.Randn(shape, generator: new Generator(seed)) * 3;

    public static TheoryData<string> Activations() =>
    [
        "LeakyReLU", "ELU", "CELU", "SELU", "Softsign", "Softplus", "Softplus beta", "Hardsigmoid", "Hardswish", "Hardtanh",
        "ReLU6", "SiLU", "Mish", "Tanhshrink", "Softshrink", "Hardshrink", "GELU", "GELU tanh", "PReLU", "Softmin",
    ];

    private static Module<Tensor, Tensor> Activation(string name) => name switch
    {
        "LeakyReLU" => new LeakyReLU(0.2),
        "ELU" => new ELU(0.7),
        "CELU" => new CELU(1.3),
        "SELU" => new SELU(),
        "Softsign" => new Softsign(),
        "Softplus" => new Softplus(),
        "Softplus beta" => new Softplus(beta: 2.5),
        "Hardsigmoid" => new Hardsigmoid(),
        "Hardswish" => new Hardswish(),
        "Hardtanh" => new Hardtanh(-2, 1.5),
        "ReLU6" => new ReLU6(),
        "SiLU" => new SiLU(),
        "Mish" => new Mish(),
        "Tanhshrink" => new Tanhshrink(),
        "Softshrink" => new Softshrink(0.7),
        "Hardshrink" => new Hardshrink(1.1),
        "GELU" => new GELU(),
        "GELU tanh" => new GELU("tanh"),
        "PReLU" => new PReLU(init: 0.3),
        "Softmin" => new Softmin(1),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Activations))]
    public void ActivationMatchesOnnxRuntime(string name) =>
        AssertParity(new Sequential(new Linear(5, 6, generator: new Generator(1)), Activation(name)), WideInput(2, 4, 5), name);

    [Fact]
    public void LayerNormOverTheLastTwoDimsMatchesOnnxRuntime()
    {
        var norm = new LayerNorm([3, 4]);
        using (Autograd.NoGrad())
        {
            norm.Weight!.CopyFrom(Tensor.Rand([3, 4], generator: new Generator(3)) + 0.5);
            norm.Bias!.CopyFrom(Tensor.Randn([3, 4], generator: new Generator(4)));
        }
        AssertParity(new Sequential(norm, new Tanh(), new LayerNorm(4, elementwiseAffine: false)), WideInput(5, 2, 5, 3, 4));
    }

    [Fact]
    public void TransposedConvolutionsMatchOnnxRuntime()
    {
        var g = new Generator(6);
        var model = new Sequential(
            new ConvTranspose2d(3, 4, 3, stride: 2, padding: 1, outputPadding: 1, generator: g), new ReLU(),
            new ConvTranspose2d(4, 4, 2, stride: 1, groups: 2, dilation: 2, bias: false, generator: g));
        AssertParity(model, WideInput(7, 2, 3, 5, 6));
    }

    [Fact]
    public void OneAndThreeDimensionalConvolutionsMatchOnnxRuntime()
    {
        var g = new Generator(8);
        AssertParity(new Sequential(new Conv1d(2, 3, 3, padding: 1, generator: g), new ConvTranspose1d(3, 2, 4, stride: 2, generator: g)),
            WideInput(9, 2, 2, 7));
        AssertParity(new Sequential(new Conv3d(1, 2, 2, stride: 2, generator: g), new ConvTranspose3d(2, 1, 3, padding: 1, generator: g)),
            WideInput(10, 1, 1, 4, 6, 4), "Conv3d");
    }

    [Fact]
    public void PerChannelPReLUIsRefusedWithTheReason()
    {
        var model = new Sequential(new Linear(4, 4), new PReLU(4));
        var error = Assert.Throws<NotSupportedException>(() => OnnxExport.ToOnnxBytes(model, Tensor.Randn(1, 4)));
        Assert.Contains("module '1' (PReLU)", error.Message);
        Assert.Contains("num_parameters=4", error.Message);
    }
}
