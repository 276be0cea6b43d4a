namespace Sharpgrad.NN;

/// <summary>
/// What <see cref="ConvTranspose1d"/>, <see cref="ConvTranspose2d"/> and <see cref="ConvTranspose3d"/> share: a
/// weight [in, out/groups, k...] — the layout of the convolution it is the adjoint of — an optional bias [out],
/// PyTorch's default initialisation (the same rule as <see cref="ConvNd"/>, so fan_in = out/groups·k₁·k₂·…) and
/// <see cref="Functional.ConvTranspose2d"/> and its siblings as forward pass.
/// </summary>
public abstract class ConvTransposeNd : Module<Tensor, Tensor>
{
    private readonly string name;
    private readonly int dims;

    private protected ConvTransposeNd(string name, int dims, int inChannels, int outChannels, SpatialSize kernelSize, SpatialSize? stride,
        SpatialSize? padding, SpatialSize? outputPadding, int groups, bool bias, SpatialSize? dilation, DType dtype, Generator? generator)
    {
        this.name = name;
        this.dims = dims;
        ConvNd.CheckChannels(name, inChannels, outChannels, groups, dtype);
        KernelSize = kernelSize.For(dims, name, "kernel size", minimum: 1);
        InChannels = inChannels;
        OutChannels = outChannels;
        Stride = (stride ?? 1).For(dims, name, "stride", minimum: 1);
        Padding = (padding ?? 0).For(dims, name, "padding", minimum: 0);
        OutputPadding = (outputPadding ?? 0).For(dims, name, "output padding", minimum: 0);
        Dilation = (dilation ?? 1).For(dims, name, "dilation", minimum: 1);
        Groups = groups;
        Weight = RegisterParameter("weight", Tensor.Zeros([inChannels, outChannels / groups, .. KernelSize], dtype));
        if (bias) Bias = RegisterParameter("bias", Tensor.Zeros([outChannels], dtype));
        ConvNd.ResetParameters(Weight, Bias, generator);
    }

    public int InChannels { get; }
    public int OutChannels { get; }
    public int[] KernelSize { get; }
    public int[] Stride { get; }
    public int[] Padding { get; }
    public int[] OutputPadding { get; }
    public int[] Dilation { get; }
    public int Groups { get; }

    /// <summary>[in, out/groups, k...].</summary>
    public Tensor Weight { get; }

    /// <summary>[out], or null when built with <c>bias: false</c>.</summary>
    public Tensor? Bias { get; }

    protected override Tensor ForwardCore(Tensor input)
        => Convolution.Transposed(name, dims, input, Weight, Bias, Stride, Padding, OutputPadding, Groups, Dilation);

    protected override string ExtraRepr()
    {
        var text = $"{InChannels}, {OutChannels}, kernel_size={PyRepr.Tuple(KernelSize)}, stride={PyRepr.Tuple(Stride)}";
        if (Padding.Any(p => p != 0)) text += $", padding={PyRepr.Tuple(Padding)}";
        if (OutputPadding.Any(p => p != 0)) text += $", output_padding={PyRepr.Tuple(OutputPadding)}";
        if (Dilation.Any(d => d != 1)) text += $", dilation={PyRepr.Tuple(Dilation)}";
        if (Groups != 1) text += $", groups={Groups}";
        if (Bias is null) text += ", bias=False";
        return text;
    }
}
