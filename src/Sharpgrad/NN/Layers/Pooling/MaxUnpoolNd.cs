namespace Sharpgrad.NN;

/// <summary>
/// What <see cref="MaxUnpool1d"/>, <see cref="MaxUnpool2d"/> and <see cref="MaxUnpool3d"/> share: unpooling with
/// switches (see <see cref="Functional.MaxUnpool2d"/>). Its inputs are the pooled tensor, the switches of the max
/// pooling it undoes and optionally the size to restore, as PyTorch's <c>forward(input, indices, output_size)</c>:
/// <c>var (y, switches) = pool.ForwardWithIndices(x); var restored = unpool.Forward(y, switches);</c>
/// </summary>
public abstract class MaxUnpoolNd : Module<Tensor, Tensor, SpatialSize?, Tensor>
{
    private readonly string name;
    private readonly int dims;

    private protected MaxUnpoolNd(string name, int dims, SpatialSize kernelSize, SpatialSize? stride, SpatialSize? padding)
    {
        this.name = name;
        this.dims = dims;
        var spec = PoolSpec.Create(name, dims, kernelSize, stride, padding, dilation: null, ceilMode: false);
        (KernelSize, Stride, Padding) = (spec.Kernel, spec.Stride, spec.Padding);
    }

    public int[] KernelSize { get; }
    public int[] Stride { get; }
    public int[] Padding { get; }

    /// <summary>Unpools with the switches from <see cref="MaxPoolNd.ForwardWithIndices"/> to the size (W − 1)·S − 2P + F.</summary>
    public Tensor Forward(Tensor input, Tensor indices) => Forward(input, indices, null);

    /// <param name="indices">the switches from <see cref="MaxPoolNd.ForwardWithIndices"/></param>
    /// <param name="outputSize">the spatial size before pooling, when (W − 1)·S − 2P + F would not restore it</param>
    protected override Tensor ForwardCore(Tensor input, Tensor indices, SpatialSize? outputSize)
        => Pooling.Unpool(name, dims, input, indices, KernelSize, Stride, Padding, outputSize);

    protected override string ExtraRepr() =>
        $"kernel_size={SpatialSize.Text(KernelSize)}, stride={SpatialSize.Text(Stride)}, padding={SpatialSize.Text(Padding)}";
}
