namespace Sharpgrad.RevisionProbe;

/// <summary>
/// Turn-taking with a second probe process through two named pipes: wait for the other side's token before each
/// timed block, pass the token back after it. The two revisions then time their blocks one after the other on the same
/// CPUs, a block (≈ 0.1 s) apart, so block i of one side and block i of the other meet the same machine state. On this
/// machine that state moves: the same process runs the same code 1.5× slower on one vCPU than on the other, and which
/// vCPU is slow changes within minutes (the host's load, invisible to the guest), so a ratio of adjacent blocks is far
/// steadier than a ratio of two processes run a minute apart.
/// </summary>
internal sealed class PairedTurns(string waitPath, string passPath, string readyPath) : IDisposable
{
    // ReadWrite opens of a FIFO never block on Linux, so neither process waits for the other to open its end. They also
    // make this process a writer of its own wait pipe, so a read never sees end-of-file: if the other side dies, the
    // read blocks, and the driver (bench/compare_probe.sh polls both processes) kills this one.
    private readonly FileStream wait = Open(waitPath);
    private readonly FileStream pass = Open(passPath);

    /// <summary>Tells the driver that this process has finished its warm-up.</summary>
    public void SignalReady()
    {
        using var ready = Open(readyPath);
        ready.WriteByte((byte)'r');
        ready.Flush();
    }

    public void WaitTurn()
    {
        wait.ReadByte();
    }

    public void PassTurn()
    {
        pass.WriteByte((byte)'t');
        pass.Flush();
    }

    public void Dispose()
    {
        wait.Dispose();
        pass.Dispose();
    }

    private static FileStream Open(string path) => new(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
}
