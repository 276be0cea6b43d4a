namespace Sharpgrad.Distributed;

/// <summary>
/// A run of parameters of one dtype whose gradients are averaged by one allreduce: fewer, larger messages amortise
/// MPI's per-call latency (PyTorch DDP's buckets). The bucket owns a pinned host buffer holding the gradients back to
/// back; gradients are copied in with <see cref="Tensor.ToArray{T}"/> and out with <see cref="Tensor.CopyFrom"/>, the
/// core's public API, which costs one copy each way.
/// </summary>
internal sealed class GradientBucket<T> : IGradientBucket where T : unmanaged
{
    private readonly Tensor[] parameters;
    private readonly int[] offsets;
    private readonly T[] buffer;

    public GradientBucket(IReadOnlyList<Tensor> parameters)
    {
        this.parameters = [.. parameters];
        offsets = new int[parameters.Count + 1];
        for (int i = 0; i < parameters.Count; i++) offsets[i + 1] = checked(offsets[i] + parameters[i].Count);
        // Pinned so that MPI may read and write it without the GC moving it, also from a communication thread.
        buffer = GC.AllocateArray<T>(offsets[^1], pinned: true);
    }

    public IReadOnlyList<Tensor> Parameters => parameters;

    public int Count => buffer.Length;

    /// <summary>Copies parameter <paramref name="index"/>'s gradient (zeros when it has none) into its slice of the buffer.</summary>
    public void Load(int index, Tensor? gradient)
    {
        var slice = buffer.AsSpan(offsets[index], offsets[index + 1] - offsets[index]);
        if (gradient is null) slice.Clear();
        else gradient.ToArray<T>().CopyTo(slice);
    }

    public void LoadAll()
    {
        for (int i = 0; i < parameters.Length; i++) Load(i, parameters[i].Grad);
    }

    /// <summary>Averages the buffer over the ranks, in place.</summary>
    public void AllReduceMean(Communicator world) => world.AllReduce<T>(buffer, ReduceOp.Mean);

    /// <summary>Writes the averaged gradients back into the parameters' <see cref="Tensor.Grad"/>.</summary>
    public void Store()
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            var averaged = Tensor.FromSpan<T>(buffer.AsSpan(offsets[i], offsets[i + 1] - offsets[i])).Reshape(p.Shape);
            if (p.Grad is null) p.Grad = averaged;
            else
                using (Autograd.NoGrad())
                    p.Grad.CopyFrom(averaged);
        }
    }
}

/// <summary>A <see cref="GradientBucket{T}"/> seen without its element type.</summary>
internal interface IGradientBucket
{
    IReadOnlyList<Tensor> Parameters { get; }

    int Count { get; }

    void Load(int index, Tensor? gradient);

    void LoadAll();

    void AllReduceMean(Communicator world);

    void Store();
}
