namespace Sharpgrad.NN;

/// <summary>
/// What <see cref="AvgPool1d"/>, <see cref="AvgPool2d"/> and <see cref="AvgPool3d"/> share: average pooling over
/// a sliding window (GBC §9.3; see <see cref="Functional.AvgPool2d"/>).
/// </summary>
public abstract class AvgPoolNd : Module<Tensor, Tensor>
{
    private readonly string name;
    private readonly int dims;

    private protected AvgPoolNd(string name, int dims, SpatialSize kernelSize, SpatialSize? stride, SpatialSize? padding, bool ceilMode,
        bool countIncludePad, int? divisorOverride)
    {
        this.name = name;
        this.dims = dims;
        var spec = PoolSpec.Create(name, dims, kernelSize, stride, padding, dilation: null, ceilMode);
        if (divisorOverride is <= 0)
            throw new ArgumentException($"{name}: divisor override must be positive, got {divisorOverride}.");
        (KernelSize, Stride, Padding, CeilMode) = (spec.Kernel, spec.Stride, spec.Padding, ceilMode);
        CountIncludePad = countIncludePad;
        DivisorOverride = divisorOverride;
    }

    public int[] KernelSize { get; }

    /// <summary>Defaults to <see cref="KernelSize"/> (non-overlapping windows).</summary>
    public int[] Stride { get; }

    public int[] Padding { get; }
    public bool CeilMode { get; }

    /// <summary>Whether zero padding counts in each window's divisor (PyTorch's default, true).</summary>
    public bool CountIncludePad { get; }

    public int? DivisorOverride { get; }

    protected override Tensor ForwardCore(Tensor input)
        => Pooling.Average(name, dims, input, KernelSize, Stride, Padding, CeilMode, CountIncludePad, DivisorOverride);

    protected override string ExtraRepr() =>
        $"kernel_size={SpatialSize.Text(KernelSize)}, stride={SpatialSize.Text(Stride)}, padding={SpatialSize.Text(Padding)}";
}
