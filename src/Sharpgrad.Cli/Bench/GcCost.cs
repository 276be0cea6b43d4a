namespace Sharpgrad.Cli.Bench;

/// <summary>
/// What the garbage collector cost during a timed loop: total pause time, collections of any generation and of
/// generation 2 (full collections: the only ones that free large-object arrays), bytes allocated per operation on all
/// threads (worker threads allocate too when an op runs in parallel), and minor page faults per operation
/// (<see cref="PageFaults"/>; null off Linux): the price of fresh memory, which the GC's pause time does not include.
/// </summary>
public readonly record struct GcCost(double PauseMilliseconds, int Collections, double AllocatedBytesPerOp, int FullCollections = 0,
    double? PageFaultsPerOp = null)
{
    /// <summary>Starts measuring; <see cref="Probe.Stop"/> gives the cost of what ran in between.</summary>
    public static Probe Start()
    {
        // The faults first here and last in Stop: the GC's snapshots then enclose only the caller's work, never the
        // fault counter's own read (nor, on its first call, its JIT and file handle).
        long? faults = PageFaults.Minor();
        return new(GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.GetTotalAllocatedBytes(precise: true),
            GC.CollectionCount(2), faults);
    }

    public readonly record struct Probe(TimeSpan Pause, int Collections, long Allocated, int FullCollections, long? MinorFaults)
    {
        public GcCost Stop(long operations)
        {
            double perOp = Math.Max(1, operations);
            var cost = new GcCost(
                (GC.GetTotalPauseDuration() - Pause).TotalMilliseconds,
                GC.CollectionCount(0) - Collections,
                (GC.GetTotalAllocatedBytes(precise: true) - Allocated) / perOp,
                GC.CollectionCount(2) - FullCollections);
            return cost with { PageFaultsPerOp = (PageFaults.Minor() - MinorFaults) / perOp };
        }
    }
}
