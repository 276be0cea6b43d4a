namespace Sharpgrad.NN;

/// <summary>
/// What <see cref="MaxUnpool1d"/>, <see cref="MaxUnpool2d"/> and <see cref="MaxUnpool3d"/> share: unpooling with
/// switches (see <see cref="Functional.MaxUnpool2d"/>). It needs the switches of the max pooling it undoes, so it
/// is called as <see cref="Forward(Tensor, Tensor, SpatialSize?)"/>:
/// <c>var (y, switches) = pool.ForwardWithIndices(x); var restored = unpool.Forward(y, switches);</c>
/// </summary>
public abstract class MaxUnpoolNd : Module
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

    /// <summary>Always throws: unpooling needs the switches; call <see cref="Forward(Tensor, Tensor, SpatialSize?)"/>.</summary>
    public override Tensor Forward(Tensor input) => throw new InvalidOperationException(
        $"{name}: unpooling needs the switches of the max pooling it undoes; call Forward(input, indices) with the indices from MaxPool's ForwardWithIndices.");

    /// <param name="indices">the switches from <see cref="MaxPoolNd.ForwardWithIndices"/></param>
    /// <param name="outputSize">the spatial size before pooling, when (W − 1)·S − 2P + F would not restore it</param>
    public Tensor Forward(Tensor input, Tensor indices, SpatialSize? outputSize = null)
        => Pooling.Unpool(name, dims, input, indices, KernelSize, Stride, Padding, outputSize);

    protected override string ExtraRepr() =>
        $"kernel_size={SpatialSize.Text(KernelSize)}, stride={SpatialSize.Text(Stride)}, padding={SpatialSize.Text(Padding)}";
}
