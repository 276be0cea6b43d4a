namespace Sharpgrad.NN;

/// <summary>
/// Tiled convolution (GBC §9.5; <see cref="Functional.TiledConv2d"/>): t₁×t₂ filter sets used in rotation across the
/// output. Weight [out, in, kH, kW, t₁, t₂] initialised as a convolution's, U(±1/√(in·kH·kW)); bias [out]. A tile
/// size of 1 is a plain <see cref="Conv2d"/>.
/// </summary>
public sealed class TiledConv2d : Module<Tensor, Tensor>
{
    public TiledConv2d(int inChannels, int outChannels, SpatialSize kernelSize, SpatialSize tileSize, SpatialSize? stride = null,
        ConvPadding? padding = null, SpatialSize? dilation = null, bool bias = true, DType dtype = DType.Float32, Generator? generator = null)
    {
        const string name = "TiledConv2d";
        ConvNd.CheckChannels(name, inChannels, outChannels, 1, dtype);
        KernelSize = kernelSize.For(2, name, "kernel size", minimum: 1);
        TileSize = tileSize.For(2, name, "tile size", minimum: 1);
        var spec = ConvSpec.Create(name, KernelSize, stride, padding, dilation, groups: 1);
        (InChannels, OutChannels, Stride, Padding, Dilation) = (inChannels, outChannels, spec.Stride, padding ?? 0, spec.Dilation);
        Weight = RegisterParameter("weight", Tensor.Zeros([outChannels, inChannels, .. KernelSize, .. TileSize], dtype));
        if (bias) Bias = RegisterParameter("bias", Tensor.Zeros([outChannels], dtype));
        LocalInit.Uniform(Weight, Bias, inChannels * KernelSize[0] * KernelSize[1], generator);
    }

    public int InChannels { get; }
    public int OutChannels { get; }
    public int[] KernelSize { get; }

    /// <summary>The period t of the filter rotation along (height, width).</summary>
    public int[] TileSize { get; }

    public int[] Stride { get; }
    public ConvPadding Padding { get; }
    public int[] Dilation { get; }

    /// <summary>[out, in, kH, kW, t₁, t₂].</summary>
    public Tensor Weight { get; }

    /// <summary>[out], or null.</summary>
    public Tensor? Bias { get; }

    protected override Tensor ForwardCore(Tensor input) => Functional.TiledConv2d(input, Weight, Bias, Stride, Padding, Dilation);

    protected override string ExtraRepr() =>
        $"{InChannels}, {OutChannels}, kernel_size={PyRepr.Tuple(KernelSize)}, tile_size={PyRepr.Tuple(TileSize)}, stride={PyRepr.Tuple(Stride)}";
}
