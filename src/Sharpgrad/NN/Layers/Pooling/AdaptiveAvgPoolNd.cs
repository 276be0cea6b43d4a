namespace Sharpgrad.NN;

/// <summary>
/// What <see cref="AdaptiveAvgPool1d"/>, <see cref="AdaptiveAvgPool2d"/> and <see cref="AdaptiveAvgPool3d"/> share:
/// average pooling to a fixed output size, whatever the input size (see <see cref="Functional.AdaptiveAvgPool2d"/>).
/// </summary>
public abstract class AdaptiveAvgPoolNd : Module<Tensor, Tensor>
{
    private readonly string name;
    private readonly int dims;

    private protected AdaptiveAvgPoolNd(string name, int dims, SpatialSize outputSize)
    {
        this.name = name;
        this.dims = dims;
        OutputSize = outputSize.For(dims, name, "output size", minimum: 1);
    }

    public int[] OutputSize { get; }

    protected override Tensor ForwardCore(Tensor input) => Pooling.AdaptiveAverage(name, dims, input, OutputSize);

    protected override string ExtraRepr() => $"output_size={SpatialSize.Text(OutputSize)}";
}
