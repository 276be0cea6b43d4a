namespace Sharpgrad.Distributed;

/// <summary>
/// The processes of one job and the collective operations between them (MPI's communicator; PyTorch's process group).
/// Every rank runs the same program; a collective (<see cref="Barrier"/>, <c>Broadcast</c>, <c>AllReduce</c>,
/// <c>AllGather</c>, <c>ReduceScatter</c>) must be called by every rank, in the same order, with the same sizes.
/// <para>
/// <see cref="World"/> is the whole job. Under <c>mpirun</c> it is backed by OpenMPI; a program started without
/// <c>mpirun</c> is a world of one process, where every collective is the identity and MPI is never loaded, so the
/// same training script runs on a laptop. Failures of MPI calls become <see cref="MpiException"/>s naming the call
/// and the rank. Dispose the world once at the end of the program (<c>using var world = Communicator.World;</c>):
/// that is <c>MPI_Finalize</c>, after which MPI cannot be used again in the process.
/// </para>
/// <para>
/// The element-span overloads move data in place (they are what <c>DistributedDataParallel</c> uses on its
/// own buffers); the tensor overloads copy a tensor's elements out, communicate and copy the result back.
/// </para>
/// </summary>
public abstract partial class Communicator : IDisposable
{
    private static readonly Lock WorldLock = new();
    private static Communicator? world;

    /// <summary>
    /// The job's processes: an MPI communicator when OpenMPI's launcher set <c>OMPI_COMM_WORLD_SIZE</c>, else a world
    /// of size 1. Created (and MPI initialised) on first use.
    /// </summary>
    public static Communicator World
    {
        get
        {
            lock (WorldLock)
                return world ??= Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE") is { Length: > 0 }
                    ? MpiCommunicator.InitializeWorld()
                    : new SingleProcessCommunicator();
        }
    }

    /// <summary>This process's index in the world, 0 ≤ Rank &lt; Size.</summary>
    public abstract int Rank { get; }

    /// <summary>How many processes the world has.</summary>
    public abstract int Size { get; }

    /// <summary>True on rank 0, which by convention loads data first, prints, and writes checkpoints.</summary>
    public bool IsMain => Rank == 0;

    /// <summary>Waits until every rank has called it.</summary>
    public abstract void Barrier();

    /// <summary>
    /// Ends every process of the job with <paramref name="errorCode"/> (<c>MPI_Abort</c>); use it when this rank cannot
    /// go on, so that the others do not wait for it forever. In a world of one it exits the process.
    /// </summary>
    public abstract void Abort(int errorCode);

    /// <summary>Replaces <paramref name="data"/> on every rank with the elementwise sum (or mean) over ranks.</summary>
    public void AllReduce<T>(Span<T> data, ReduceOp op = ReduceOp.Sum) where T : unmanaged
    {
        var element = ReducedElement<T>(op, "AllReduce");
        AllReduceSumCore(AsBytes(data), element, data.Length);
        if (op == ReduceOp.Mean) DivideBySize(data);
    }

    /// <summary>Copies <paramref name="data"/> from rank <paramref name="root"/> into every other rank's <paramref name="data"/>.</summary>
    public void Broadcast<T>(Span<T> data, int root = 0) where T : unmanaged
    {
        CheckRank(root, "Broadcast", "root");
        BroadcastCore(AsBytes(data), MpiElements.Of<T>("Broadcast"), data.Length, root);
    }

    /// <summary>
    /// Concatenates every rank's <paramref name="send"/> in rank order into <paramref name="receive"/> on every rank;
    /// <paramref name="receive"/> holds Size × <paramref name="send"/>.Length elements.
    /// </summary>
    public void AllGather<T>(ReadOnlySpan<T> send, Span<T> receive) where T : unmanaged
    {
        if (receive.Length != (long)send.Length * Size)
            throw new ArgumentException($"AllGather: the receive buffer holds {receive.Length} elements, but {Size} ranks × {send.Length} elements need {(long)send.Length * Size}.");
        AllGatherCore(AsBytes(send), AsBytes(receive), MpiElements.Of<T>("AllGather"), send.Length);
    }

    /// <summary>
    /// Sums <paramref name="send"/> over ranks and gives rank r the r-th of Size equal blocks of the sum in
    /// <paramref name="receive"/> (<c>MPI_Reduce_scatter_block</c>); <paramref name="send"/> holds Size ×
    /// <paramref name="receive"/>.Length elements.
    /// </summary>
    public void ReduceScatter<T>(ReadOnlySpan<T> send, Span<T> receive, ReduceOp op = ReduceOp.Sum) where T : unmanaged
    {
        if (send.Length != (long)receive.Length * Size)
            throw new ArgumentException($"ReduceScatter: the send buffer holds {send.Length} elements, but {Size} ranks × {receive.Length} received elements need {(long)receive.Length * Size}.");
        var element = ReducedElement<T>(op, "ReduceScatter");
        ReduceScatterSumCore(AsBytes(send), AsBytes(receive), element, receive.Length);
        if (op == ReduceOp.Mean) DivideBySize(receive);
    }

    /// <summary>Sends <paramref name="data"/> to rank <paramref name="destination"/>, which must call <see cref="Receive{T}"/> with the same tag and length.</summary>
    public void Send<T>(ReadOnlySpan<T> data, int destination, int tag = 0) where T : unmanaged
    {
        CheckPeer(destination, "Send", "destination");
        SendCore(AsBytes(data), MpiElements.Of<T>("Send"), data.Length, destination, tag);
    }

    /// <summary>Fills <paramref name="data"/> with what rank <paramref name="source"/> sent with the same tag.</summary>
    public void Receive<T>(Span<T> data, int source, int tag = 0) where T : unmanaged
    {
        CheckPeer(source, "Receive", "source");
        ReceiveCore(AsBytes(data), MpiElements.Of<T>("Receive"), data.Length, source, tag);
    }

    /// <summary>
    /// Fills <paramref name="data"/> with the first message with <paramref name="tag"/> to arrive from any other rank
    /// (<c>MPI_ANY_SOURCE</c>) and returns the rank that sent it: how a server answers whichever worker is ready.
    /// </summary>
    public int ReceiveFromAny<T>(Span<T> data, int tag = 0) where T : unmanaged
    {
        if (Size == 1)
            throw new InvalidOperationException("ReceiveFromAny: a world of one process has no other rank to receive from.");
        return ReceiveFromAnyCore(AsBytes(data), MpiElements.Of<T>("ReceiveFromAny"), data.Length, tag);
    }

    /// <summary>Finalises MPI (for an MPI world); the world cannot be used afterwards.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the communicator holds; the MPI world finalises MPI here.</summary>
    protected virtual void Dispose(bool disposing) { }

    private protected abstract void AllReduceSumCore(Span<byte> data, MpiElement element, int count);
    private protected abstract void BroadcastCore(Span<byte> data, MpiElement element, int count, int root);
    private protected abstract void AllGatherCore(ReadOnlySpan<byte> send, Span<byte> receive, MpiElement element, int count);
    private protected abstract void ReduceScatterSumCore(ReadOnlySpan<byte> send, Span<byte> receive, MpiElement element, int count);
    private protected abstract void SendCore(ReadOnlySpan<byte> data, MpiElement element, int count, int destination, int tag);
    private protected abstract void ReceiveCore(Span<byte> data, MpiElement element, int count, int source, int tag);
    private protected abstract int ReceiveFromAnyCore(Span<byte> data, MpiElement element, int count, int tag);

    private static Span<byte> AsBytes<T>(Span<T> data) where T : unmanaged => System.Runtime.InteropServices.MemoryMarshal.AsBytes(data);

    private static ReadOnlySpan<byte> AsBytes<T>(ReadOnlySpan<T> data) where T : unmanaged => System.Runtime.InteropServices.MemoryMarshal.AsBytes(data);

    /// <summary>The element type of a reduction, which for a mean must be floating point.</summary>
    private static MpiElement ReducedElement<T>(ReduceOp op, string name) where T : unmanaged
    {
        var element = MpiElements.Of<T>(name);
        if (op == ReduceOp.Mean && element == MpiElement.Int64)
            throw new NotSupportedException($"{name}: ReduceOp.Mean needs floating-point data (float or double); the mean of int64 values is not an int64.");
        return element;
    }

    /// <summary>Divides by the world size (not multiplies by its reciprocal, so a mean over 3 ranks rounds once).</summary>
    private void DivideBySize<T>(Span<T> data) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            var values = System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(data);
            for (int i = 0; i < values.Length; i++) values[i] /= Size;
        }
        else
        {
            var values = System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(data);
            for (int i = 0; i < values.Length; i++) values[i] /= Size;
        }
    }

    private void CheckRank(int rank, string op, string role)
    {
        if ((uint)rank >= (uint)Size)
            throw new ArgumentOutOfRangeException(role, $"{op}: {role} rank {rank} is out of range for a world of {Size} process{(Size == 1 ? "" : "es")} (ranks 0..{Size - 1}).");
    }

    private void CheckPeer(int rank, string op, string role)
    {
        CheckRank(rank, op, role);
        if (rank == Rank)
            throw new ArgumentException($"{op}: {role} rank {rank} is this process itself; a blocking send to oneself would wait forever.", role);
    }
}
