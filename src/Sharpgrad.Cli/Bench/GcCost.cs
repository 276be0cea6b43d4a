namespace Sharpgrad.Cli.Bench;

/// <summary>
/// What the garbage collector cost during a timed loop: total pause time, collections of any generation, and bytes
/// allocated per operation on all threads (worker threads allocate too when an op runs in parallel).
/// </summary>
public readonly record struct GcCost(double PauseMilliseconds, int Collections, double AllocatedBytesPerOp)
{
    /// <summary>Starts measuring; <see cref="Probe.Stop"/> gives the cost of what ran in between.</summary>
    public static Probe Start() => new(GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.GetTotalAllocatedBytes(precise: true));

    public readonly record struct Probe(TimeSpan Pause, int Collections, long Allocated)
    {
        public GcCost Stop(long operations) => new(
            (GC.GetTotalPauseDuration() - Pause).TotalMilliseconds,
            GC.CollectionCount(0) - Collections,
            (GC.GetTotalAllocatedBytes(precise: true) - Allocated) / (double)Math.Max(1, operations));
    }
}
