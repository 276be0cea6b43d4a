namespace Sharpgrad.NN;

/// <summary>
/// What <see cref="Conv1d"/>, <see cref="Conv2d"/> and <see cref="Conv3d"/> share (PyTorch's _ConvNd): the
/// hyper-parameters, a weight [out, in/groups, k...] and an optional bias [out], PyTorch's default initialisation,
/// and a forward pass that is <see cref="Functional.Conv2d"/> and its siblings.
/// </summary>
public abstract class ConvNd : Module<Tensor, Tensor>
{
    private readonly string name;
    private readonly int dims;

    private protected ConvNd(string name, int dims, int inChannels, int outChannels, SpatialSize kernelSize, SpatialSize? stride,
        ConvPadding? padding, SpatialSize? dilation, int groups, bool bias, PaddingMode paddingMode, DType dtype, Generator? generator)
    {
        this.name = name;
        this.dims = dims;
        CheckChannels(name, inChannels, outChannels, groups, dtype);
        KernelSize = kernelSize.For(dims, name, "kernel size", minimum: 1);
        // Resolving now rejects impossible settings (e.g. "same" with a stride) when the layer is built.
        var spec = ConvSpec.Create(name, KernelSize, stride, padding, dilation, groups);
        InChannels = inChannels;
        OutChannels = outChannels;
        Stride = spec.Stride;
        Dilation = spec.Dilation;
        Padding = padding ?? 0;
        Groups = groups;
        PaddingMode = paddingMode;
        Weight = RegisterParameter("weight", Tensor.Zeros([outChannels, inChannels / groups, .. KernelSize], dtype));
        if (bias) Bias = RegisterParameter("bias", Tensor.Zeros([outChannels], dtype));
        ResetParameters(Weight, Bias, generator);
    }

    public int InChannels { get; }
    public int OutChannels { get; }
    public int[] KernelSize { get; }
    public int[] Stride { get; }
    public ConvPadding Padding { get; }
    public int[] Dilation { get; }
    public int Groups { get; }
    public PaddingMode PaddingMode { get; }

    /// <summary>[out, in/groups, k...]: each output channel's filter over the input channels of its group.</summary>
    public Tensor Weight { get; }

    /// <summary>[out], or null when built with <c>bias: false</c> (e.g. before a BatchNorm, whose β replaces it).</summary>
    public Tensor? Bias { get; }

    protected override Tensor ForwardCore(Tensor input)
        => Convolution.Forward(name, dims, input, Weight, Bias, Stride, Padding, Dilation, Groups, PaddingMode);

    protected override string ExtraRepr()
    {
        var text = $"{InChannels}, {OutChannels}, kernel_size={PyRepr.Tuple(KernelSize)}, stride={PyRepr.Tuple(Stride)}";
        if (Padding.ToString() != "0") text += $", padding={Padding}";
        if (Dilation.Any(d => d != 1)) text += $", dilation={PyRepr.Tuple(Dilation)}";
        if (Groups != 1) text += $", groups={Groups}";
        if (Bias is null) text += ", bias=False";
        if (PaddingMode != PaddingMode.Zeros) text += $", padding_mode={PaddingMode.ToString().ToLowerInvariant()}";
        return text;
    }

    internal static void CheckChannels(string name, int inChannels, int outChannels, int groups, DType dtype)
    {
        if (inChannels < 1 || outChannels < 1)
            throw new ArgumentException($"{name}: channel counts must be positive, got in={inChannels}, out={outChannels}.");
        if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0)
            throw new ArgumentException(
                $"{name}: groups ({groups}) must be positive and divide both in channels ({inChannels}) and out channels ({outChannels}).");
        if (!dtype.IsFloatingPoint())
            throw new ArgumentException($"{name}: dtype must be float32 or float64, got {dtype.Name()}.");
    }

    /// <summary>
    /// PyTorch's default: W ~ kaiming_uniform(a = √5), i.e. U(−1/√fan_in, 1/√fan_in), and b ~ U(−1/√fan_in, 1/√fan_in),
    /// with fan_in = weight.Size(1)·k₁·k₂·… (GBC §8.4).
    /// </summary>
    internal static void ResetParameters(Tensor weight, Tensor? bias, Generator? generator)
    {
        Init.KaimingUniform(weight, a: Math.Sqrt(5), generator: generator);
        if (bias is null) return;
        double bound = 1 / Math.Sqrt(Init.FanInAndFanOut(weight).FanIn);
        Init.Uniform(bias, -bound, bound, generator);
    }
}
