namespace Sharpgrad.NN;

/// <summary>
/// A locally connected layer (GBC §9.5, "unshared convolution"; <see cref="Functional.LocallyConnected2d"/>): like
/// <see cref="Conv2d"/>, but every output position has its own filters, so it needs the input size up front.
/// Weight [out, outH, outW, in, kH, kW], bias [out, outH, outW], both initialised as a convolution's,
/// U(±1/√(in·kH·kW)).
/// </summary>
public sealed class LocallyConnected2d : Module<Tensor, Tensor>
{
    public LocallyConnected2d(int inChannels, int outChannels, SpatialSize inputSize, SpatialSize kernelSize, SpatialSize? stride = null,
        ConvPadding? padding = null, SpatialSize? dilation = null, bool bias = true, DType dtype = DType.Float32, Generator? generator = null)
    {
        const string name = "LocallyConnected2d";
        ConvNd.CheckChannels(name, inChannels, outChannels, 1, dtype);
        KernelSize = kernelSize.For(2, name, "kernel size", minimum: 1);
        InputSize = inputSize.For(2, name, "input size", minimum: 1);
        var spec = ConvSpec.Create(name, KernelSize, stride, padding, dilation, groups: 1);
        OutputSize = spec.OutputSize(InputSize, [1, inChannels, .. InputSize]);
        (InChannels, OutChannels, Stride, Padding, Dilation) = (inChannels, outChannels, spec.Stride, padding ?? 0, spec.Dilation);
        Weight = RegisterParameter("weight", Tensor.Zeros([outChannels, .. OutputSize, inChannels, .. KernelSize], dtype));
        if (bias) Bias = RegisterParameter("bias", Tensor.Zeros([outChannels, .. OutputSize], dtype));
        LocalInit.Uniform(Weight, Bias, inChannels * KernelSize[0] * KernelSize[1], generator);
    }

    public int InChannels { get; }
    public int OutChannels { get; }
    public int[] InputSize { get; }
    public int[] OutputSize { get; }
    public int[] KernelSize { get; }
    public int[] Stride { get; }
    public ConvPadding Padding { get; }
    public int[] Dilation { get; }

    /// <summary>[out, outH, outW, in, kH, kW]: one filter bank per output position.</summary>
    public Tensor Weight { get; }

    /// <summary>[out, outH, outW], or null.</summary>
    public Tensor? Bias { get; }

    protected override Tensor ForwardCore(Tensor input) => Functional.LocallyConnected2d(input, Weight, Bias, Stride, Padding, Dilation);

    protected override string ExtraRepr() =>
        $"{InChannels}, {OutChannels}, input_size={PyRepr.Tuple(InputSize)}, kernel_size={PyRepr.Tuple(KernelSize)}, stride={PyRepr.Tuple(Stride)}";
}
