using System.Runtime.InteropServices;

namespace Sharpgrad.Distributed;

/// <summary>
/// A thin binding to OpenMPI's <c>libmpi.so.40</c>: the dozen calls a data-parallel trainer needs, as unmanaged function
/// pointers, and OpenMPI's predefined handles. In OpenMPI a handle such as <c>MPI_COMM_WORLD</c> or <c>MPI_FLOAT</c> is
/// the address of an exported global (<c>ompi_mpi_comm_world</c>, <c>ompi_mpi_float</c>), so the handles are found with
/// <see cref="NativeLibrary.GetExport"/>. (MPI.NET's binding is built for MS-MPI, whose handles are integers, and crashes
/// against OpenMPI.) Loaded once, and only when a program runs under mpirun.
/// </summary>
internal sealed unsafe class MpiLibrary
{
    /// <summary>Where to look: <c>SHARPGRAD_MPI_LIBRARY</c> if set, else OpenMPI 4's soname, then the unversioned name.</summary>
    private static readonly string[] Candidates = ["libmpi.so.40", "libmpi.so"];

    // MPI_THREAD_SERIALIZED in OpenMPI's mpi.h: any thread may call MPI, one at a time (the communicator holds a lock).
    public const int ThreadSerialized = 2;

    /// <summary>OpenMPI's <c>MPI_IN_PLACE</c>, <c>(void *) 1</c>.</summary>
    public static readonly nint InPlace = 1;

    public readonly delegate* unmanaged<int*, nint, int, int*, int> InitThread;
    public readonly delegate* unmanaged<int*, int> Initialized;
    public readonly delegate* unmanaged<int*, int> Finalized;
    public readonly delegate* unmanaged<int> Finalize;
    public readonly delegate* unmanaged<nint, int*, int> CommRank;
    public readonly delegate* unmanaged<nint, int*, int> CommSize;
    public readonly delegate* unmanaged<nint, nint, int> CommSetErrhandler;
    public readonly delegate* unmanaged<int, byte*, int*, int> ErrorString;
    public readonly delegate* unmanaged<nint, int> Barrier;
    public readonly delegate* unmanaged<void*, int, nint, int, nint, int> Bcast;
    public readonly delegate* unmanaged<void*, void*, int, nint, nint, nint, int> Allreduce;
    public readonly delegate* unmanaged<void*, int, nint, void*, int, nint, nint, int> Allgather;
    public readonly delegate* unmanaged<void*, void*, int, nint, nint, nint, int> ReduceScatterBlock;
    public readonly delegate* unmanaged<void*, int, nint, int, int, nint, int> Send;
    public readonly delegate* unmanaged<void*, int, nint, int, int, nint, nint, int> Recv;
    public readonly delegate* unmanaged<nint, int, int> Abort;

    public readonly nint CommWorld;
    public readonly nint ErrorsReturn;
    public readonly nint OpSum;
    private readonly nint float32, float64, int64;

    private MpiLibrary(nint handle)
    {
        InitThread = (delegate* unmanaged<int*, nint, int, int*, int>)Export(handle, "MPI_Init_thread");
        Initialized = (delegate* unmanaged<int*, int>)Export(handle, "MPI_Initialized");
        Finalized = (delegate* unmanaged<int*, int>)Export(handle, "MPI_Finalized");
        Finalize = (delegate* unmanaged<int>)Export(handle, "MPI_Finalize");
        CommRank = (delegate* unmanaged<nint, int*, int>)Export(handle, "MPI_Comm_rank");
        CommSize = (delegate* unmanaged<nint, int*, int>)Export(handle, "MPI_Comm_size");
        CommSetErrhandler = (delegate* unmanaged<nint, nint, int>)Export(handle, "MPI_Comm_set_errhandler");
        ErrorString = (delegate* unmanaged<int, byte*, int*, int>)Export(handle, "MPI_Error_string");
        Barrier = (delegate* unmanaged<nint, int>)Export(handle, "MPI_Barrier");
        Bcast = (delegate* unmanaged<void*, int, nint, int, nint, int>)Export(handle, "MPI_Bcast");
        Allreduce = (delegate* unmanaged<void*, void*, int, nint, nint, nint, int>)Export(handle, "MPI_Allreduce");
        Allgather = (delegate* unmanaged<void*, int, nint, void*, int, nint, nint, int>)Export(handle, "MPI_Allgather");
        ReduceScatterBlock = (delegate* unmanaged<void*, void*, int, nint, nint, nint, int>)Export(handle, "MPI_Reduce_scatter_block");
        Send = (delegate* unmanaged<void*, int, nint, int, int, nint, int>)Export(handle, "MPI_Send");
        Recv = (delegate* unmanaged<void*, int, nint, int, int, nint, nint, int>)Export(handle, "MPI_Recv");
        Abort = (delegate* unmanaged<nint, int, int>)Export(handle, "MPI_Abort");
        CommWorld = Export(handle, "ompi_mpi_comm_world");
        ErrorsReturn = Export(handle, "ompi_mpi_errors_return");
        OpSum = Export(handle, "ompi_mpi_op_sum");
        float32 = Export(handle, "ompi_mpi_float");
        float64 = Export(handle, "ompi_mpi_double");
        int64 = Export(handle, "ompi_mpi_int64_t");
    }

    /// <summary>OpenMPI's predefined datatype for <paramref name="element"/>.</summary>
    public nint Datatype(MpiElement element) => element switch
    {
        MpiElement.Float32 => float32,
        MpiElement.Float64 => float64,
        _ => int64,
    };

    /// <summary>Loads libmpi, or throws an <see cref="MpiException"/> that says what to install.</summary>
    public static MpiLibrary Load()
    {
        string? configured = Environment.GetEnvironmentVariable("SHARPGRAD_MPI_LIBRARY");
        string[] names = string.IsNullOrEmpty(configured) ? Candidates : [configured];
        foreach (string name in names)
            if (NativeLibrary.TryLoad(name, out nint handle))
                return new MpiLibrary(handle);
        throw new MpiException(
            $"Sharpgrad.Distributed: this process was started by mpirun (OMPI_COMM_WORLD_SIZE is set) but the MPI library " +
            $"could not be loaded (tried {string.Join(", ", names)}). Install OpenMPI 4 (Debian/Ubuntu: apt-get install openmpi-bin " +
            "libopenmpi-dev), or set SHARPGRAD_MPI_LIBRARY to the path of libmpi.so.40.");
    }

    private static nint Export(nint handle, string name)
        => NativeLibrary.TryGetExport(handle, name, out nint address)
            ? address
            : throw new MpiException(
                $"Sharpgrad.Distributed: the MPI library has no symbol {name}. Sharpgrad binds OpenMPI 4 (libmpi.so.40, whose handles " +
                "are exported globals such as ompi_mpi_comm_world); MPICH and other MPI implementations are not supported.");

    /// <summary>MPI's text for an error code, from <c>MPI_Error_string</c>.</summary>
    public string Describe(int errorCode)
    {
        const int maxErrorString = 256; // MPI_MAX_ERROR_STRING in OpenMPI's mpi.h
        byte* text = stackalloc byte[maxErrorString + 1];
        int length = 0;
        return ErrorString(errorCode, text, &length) == 0
            ? System.Text.Encoding.ASCII.GetString(text, Math.Clamp(length, 0, maxErrorString))
            : $"MPI error code {errorCode}";
    }
}
