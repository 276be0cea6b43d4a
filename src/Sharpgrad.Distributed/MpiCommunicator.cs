namespace Sharpgrad.Distributed;

/// <summary>
/// <c>MPI_COMM_WORLD</c> through <see cref="MpiLibrary"/>. MPI is initialised with <c>MPI_THREAD_SERIALIZED</c> and
/// every call is made under one lock, so any thread may communicate. The communicator's error handler is set to
/// <c>MPI_ERRORS_RETURN</c>, so a failing call returns its code (rather than MPI aborting the job on its own) and
/// becomes an <see cref="MpiException"/> that names the call and the rank.
/// </summary>
internal sealed unsafe class MpiCommunicator : Communicator
{
    private readonly MpiLibrary mpi;
    private readonly nint comm;
    private readonly Lock callLock = new();
    private bool finalized;

    private MpiCommunicator(MpiLibrary mpi, int rank, int size)
    {
        this.mpi = mpi;
        comm = mpi.CommWorld;
        Rank = rank;
        Size = size;
    }

    public override int Rank { get; }

    public override int Size { get; }

    /// <summary>Loads libmpi and initialises MPI (unless the host program already did), then reads rank and size.</summary>
    public static MpiCommunicator InitializeWorld()
    {
        var mpi = MpiLibrary.Load();
        int initialized = 0;
        mpi.Initialized(&initialized);
        if (initialized == 0)
        {
            int provided = 0;
            int rc = mpi.InitThread(null, 0, MpiLibrary.ThreadSerialized, &provided);
            if (rc != 0) throw new MpiException($"MPI_Init_thread failed: {mpi.Describe(rc)}") { ErrorCode = rc };
            if (provided < MpiLibrary.ThreadSerialized)
                throw new MpiException($"MPI_Init_thread: Sharpgrad needs MPI_THREAD_SERIALIZED (2), but this MPI provides level {provided}.");
        }
        int setHandler = mpi.CommSetErrhandler(mpi.CommWorld, mpi.ErrorsReturn);
        int rank = 0, size = 0;
        int rankRc = mpi.CommRank(mpi.CommWorld, &rank), sizeRc = mpi.CommSize(mpi.CommWorld, &size);
        foreach (var (rc, call) in new[] { (setHandler, "MPI_Comm_set_errhandler"), (rankRc, "MPI_Comm_rank"), (sizeRc, "MPI_Comm_size") })
            if (rc != 0) throw new MpiException($"{call} failed while starting the MPI world: {mpi.Describe(rc)}") { ErrorCode = rc };
        return new MpiCommunicator(mpi, rank, size);
    }

    public override void Barrier()
    {
        lock (callLock)
        {
            ThrowIfFinalized();
            Check(mpi.Barrier(comm), "MPI_Barrier");
        }
    }

    public override void Abort(int errorCode)
    {
        Console.Out.Flush();
        Console.Error.Flush();
        mpi.Abort(comm, errorCode);
        Environment.Exit(errorCode); // MPI_Abort does not return; this is only for an MPI that lets it
    }

    private protected override void AllReduceSumCore(Span<byte> data, MpiElement element, int count)
    {
        lock (callLock)
        {
            ThrowIfFinalized();
            fixed (byte* p = data)
                Check(mpi.Allreduce((void*)MpiLibrary.InPlace, p, count, mpi.Datatype(element), mpi.OpSum, comm), "MPI_Allreduce");
        }
    }

    private protected override void BroadcastCore(Span<byte> data, MpiElement element, int count, int root)
    {
        lock (callLock)
        {
            ThrowIfFinalized();
            fixed (byte* p = data)
                Check(mpi.Bcast(p, count, mpi.Datatype(element), root, comm), "MPI_Bcast");
        }
    }

    private protected override void AllGatherCore(ReadOnlySpan<byte> send, Span<byte> receive, MpiElement element, int count)
    {
        nint type = mpi.Datatype(element);
        lock (callLock)
        {
            ThrowIfFinalized();
            fixed (byte* s = send)
            fixed (byte* r = receive)
                Check(mpi.Allgather(s, count, type, r, count, type, comm), "MPI_Allgather");
        }
    }

    private protected override void ReduceScatterSumCore(ReadOnlySpan<byte> send, Span<byte> receive, MpiElement element, int count)
    {
        lock (callLock)
        {
            ThrowIfFinalized();
            fixed (byte* s = send)
            fixed (byte* r = receive)
                Check(mpi.ReduceScatterBlock(s, r, count, mpi.Datatype(element), mpi.OpSum, comm), "MPI_Reduce_scatter_block");
        }
    }

    private protected override void SendCore(ReadOnlySpan<byte> data, MpiElement element, int count, int destination, int tag)
    {
        lock (callLock)
        {
            ThrowIfFinalized();
            fixed (byte* p = data)
                Check(mpi.Send(p, count, mpi.Datatype(element), destination, tag, comm), $"MPI_Send (to rank {destination}, tag {tag})");
        }
    }

    private protected override void ReceiveCore(Span<byte> data, MpiElement element, int count, int source, int tag)
    {
        const nint statusIgnore = 0; // MPI_STATUS_IGNORE is a null pointer in OpenMPI
        lock (callLock)
        {
            ThrowIfFinalized();
            fixed (byte* p = data)
                Check(mpi.Recv(p, count, mpi.Datatype(element), source, tag, comm, statusIgnore), $"MPI_Recv (from rank {source}, tag {tag})");
        }
    }

    private protected override int ReceiveFromAnyCore(Span<byte> data, MpiElement element, int count, int tag)
    {
        const int anySource = -1; // MPI_ANY_SOURCE in OpenMPI's mpi.h
        // OpenMPI's MPI_Status: int MPI_SOURCE, MPI_TAG, MPI_ERROR, _cancelled; size_t _ucount (24 bytes).
        int* status = stackalloc int[6];
        lock (callLock)
        {
            ThrowIfFinalized();
            fixed (byte* p = data)
                Check(mpi.Recv(p, count, mpi.Datatype(element), anySource, tag, comm, (nint)status), $"MPI_Recv (from any rank, tag {tag})");
        }
        return status[0];
    }

    protected override void Dispose(bool disposing)
    {
        lock (callLock)
        {
            if (finalized) return;
            finalized = true;
            int done = 0;
            mpi.Finalized(&done);
            if (done == 0) Check(mpi.Finalize(), "MPI_Finalize");
        }
    }

    /// <summary>MPI may not be called after MPI_Finalize (OpenMPI would abort the process), so say so first.</summary>
    private void ThrowIfFinalized()
    {
        if (finalized)
            throw new ObjectDisposedException(nameof(Communicator), $"Communicator: rank {Rank} of {Size} was disposed (MPI_Finalize); MPI cannot be used again in this process.");
    }

    private void Check(int rc, string call)
    {
        if (rc != 0)
            throw new MpiException($"{call} failed on rank {Rank} of {Size}: {mpi.Describe(rc)}") { ErrorCode = rc };
    }
}
