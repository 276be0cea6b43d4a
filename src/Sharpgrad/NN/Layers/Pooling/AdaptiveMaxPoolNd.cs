namespace Sharpgrad.NN;

/// <summary>
/// What <see cref="AdaptiveMaxPool1d"/>, <see cref="AdaptiveMaxPool2d"/> and <see cref="AdaptiveMaxPool3d"/> share:
/// max pooling to a fixed output size (see <see cref="Functional.AdaptiveMaxPool2d"/>).
/// </summary>
public abstract class AdaptiveMaxPoolNd : Module<Tensor, Tensor>
{
    private readonly string name;
    private readonly int dims;

    private protected AdaptiveMaxPoolNd(string name, int dims, SpatialSize outputSize)
    {
        this.name = name;
        this.dims = dims;
        OutputSize = outputSize.For(dims, name, "output size", minimum: 1);
    }

    public int[] OutputSize { get; }

    protected override Tensor ForwardCore(Tensor input) => ForwardWithIndices(input).Values;

    /// <summary>The maxima and their int64 positions within each input plane.</summary>
    public (Tensor Values, Tensor Indices) ForwardWithIndices(Tensor input) => Pooling.AdaptiveMax(name, dims, input, OutputSize);

    protected override string ExtraRepr() => $"output_size={SpatialSize.Text(OutputSize)}";
}
