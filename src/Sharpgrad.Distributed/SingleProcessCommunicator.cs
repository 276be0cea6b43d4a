using System.Diagnostics;

namespace Sharpgrad.Distributed;

/// <summary>
/// The world of a program started without mpirun: one process, rank 0. A sum over one rank is the value itself, so every
/// collective is a copy or nothing, and MPI is never loaded. Send and Receive cannot be called (the base class rejects
/// any peer, since the only rank is this one).
/// </summary>
internal sealed class SingleProcessCommunicator : Communicator
{
    public override int Rank => 0;

    public override int Size => 1;

    public override void Barrier() { }

    public override void Abort(int errorCode) => Environment.Exit(errorCode);

    private protected override void AllReduceSumCore(Span<byte> data, MpiElement element, int count) { }

    private protected override void BroadcastCore(Span<byte> data, MpiElement element, int count, int root) { }

    private protected override void AllGatherCore(ReadOnlySpan<byte> send, Span<byte> receive, MpiElement element, int count)
        => send.CopyTo(receive);

    private protected override void ReduceScatterSumCore(ReadOnlySpan<byte> send, Span<byte> receive, MpiElement element, int count)
        => send.CopyTo(receive);

    private protected override void SendCore(ReadOnlySpan<byte> data, MpiElement element, int count, int destination, int tag)
        => throw new UnreachableException();

    private protected override void ReceiveCore(Span<byte> data, MpiElement element, int count, int source, int tag)
        => throw new UnreachableException();

    private protected override int ReceiveFromAnyCore(Span<byte> data, MpiElement element, int count, int tag)
        => throw new UnreachableException();
}
