namespace Sharpgrad.NN;

/// <summary>
/// What <see cref="LPPool1d"/> and <see cref="LPPool2d"/> share: power-average pooling (Σ_window xᵖ)^(1/p), the
/// L2 pooling of GBC §9.3 for p = 2 (see <see cref="Functional.LPPool2d"/>).
/// </summary>
public abstract class LPPoolNd : Module<Tensor, Tensor>
{
    private readonly string name;
    private readonly int dims;

    private protected LPPoolNd(string name, int dims, double normType, SpatialSize kernelSize, SpatialSize? stride, bool ceilMode)
    {
        this.name = name;
        this.dims = dims;
        if (!(normType > 0)) throw new ArgumentException($"{name}: the norm type p must be positive, got {normType}.");
        var spec = PoolSpec.Create(name, dims, kernelSize, stride, padding: null, dilation: null, ceilMode);
        (NormType, KernelSize, Stride, CeilMode) = (normType, spec.Kernel, spec.Stride, ceilMode);
    }

    /// <summary>The power p.</summary>
    public double NormType { get; }

    public int[] KernelSize { get; }
    public int[] Stride { get; }
    public bool CeilMode { get; }

    protected override Tensor ForwardCore(Tensor input) => Pooling.LP(name, dims, input, NormType, KernelSize, Stride, CeilMode);

    protected override string ExtraRepr() =>
        $"norm_type={PyRepr.Number(NormType)}, kernel_size={SpatialSize.Text(KernelSize)}, stride={SpatialSize.Text(Stride)}, ceil_mode={PyRepr.Bool(CeilMode)}";
}
