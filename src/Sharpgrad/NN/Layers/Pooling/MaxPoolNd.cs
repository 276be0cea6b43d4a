namespace Sharpgrad.NN;

/// <summary>
/// What <see cref="MaxPool1d"/>, <see cref="MaxPool2d"/> and <see cref="MaxPool3d"/> share: max pooling over a
/// sliding window (GBC §9.3; see <see cref="Functional.MaxPool2d"/>). <see cref="Forward"/> returns the maxima;
/// <see cref="ForwardWithIndices"/> also returns the switches that <see cref="MaxUnpool2d"/> needs (PyTorch's
/// return_indices=True).
/// </summary>
public abstract class MaxPoolNd : Module<Tensor, Tensor>
{
    private readonly string name;
    private readonly int dims;

    private protected MaxPoolNd(string name, int dims, SpatialSize kernelSize, SpatialSize? stride, SpatialSize? padding, SpatialSize? dilation, bool ceilMode)
    {
        this.name = name;
        this.dims = dims;
        var spec = PoolSpec.Create(name, dims, kernelSize, stride, padding, dilation, ceilMode);
        (KernelSize, Stride, Padding, Dilation, CeilMode) = (spec.Kernel, spec.Stride, spec.Padding, spec.Dilation, ceilMode);
    }

    public int[] KernelSize { get; }

    /// <summary>Defaults to <see cref="KernelSize"/> (non-overlapping windows).</summary>
    public int[] Stride { get; }

    public int[] Padding { get; }
    public int[] Dilation { get; }
    public bool CeilMode { get; }

    protected override Tensor ForwardCore(Tensor input) => ForwardWithIndices(input).Values;

    /// <summary>The maxima and, for each, its int64 position within its input plane.</summary>
    public (Tensor Values, Tensor Indices) ForwardWithIndices(Tensor input)
        => Pooling.Max(name, dims, input, KernelSize, Stride, Padding, Dilation, CeilMode);

    protected override string ExtraRepr() =>
        $"kernel_size={SpatialSize.Text(KernelSize)}, stride={SpatialSize.Text(Stride)}, padding={SpatialSize.Text(Padding)}, " +
        $"dilation={SpatialSize.Text(Dilation)}, ceil_mode={PyRepr.Bool(CeilMode)}";
}
