namespace Sharpgrad.Distributed;

/// <summary>
/// An MPI call failed, or MPI could not be started. The message names the call, the rank and the world size, and MPI's
/// own description of the error (from <c>MPI_Error_string</c>) where there is one.
/// </summary>
public sealed class MpiException : Exception
{
    /// <summary>An MPI failure described by <paramref name="message"/>.</summary>
    public MpiException(string message) : base(message) { }

    /// <summary>An MPI failure described by <paramref name="message"/>, caused by <paramref name="inner"/>.</summary>
    public MpiException(string message, Exception inner) : base(message, inner) { }

    /// <summary>MPI's error code, or 0 when the failure did not come from an MPI call (e.g. the library is missing).</summary>
    public int ErrorCode { get; init; }
}
