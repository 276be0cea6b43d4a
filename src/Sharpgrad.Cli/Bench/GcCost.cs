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
    public static Probe Start() => new(GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.GetTotalAllocatedBytes(precise: true),
        GC.CollectionCount(2), PageFaults.Minor());

    public readonly record struct Probe(TimeSpan Pause, int Collections, long Allocated, int FullCollections, long? MinorFaults)
    {
        public GcCost Stop(long operations)
        {
            double perOp = Math.Max(1, operations);
            long? faults = PageFaults.Minor() - MinorFaults;
            return new(
                (GC.GetTotalPauseDuration() - Pause).TotalMilliseconds,
                GC.CollectionCount(0) - Collections,
                (GC.GetTotalAllocatedBytes(precise: true) - Allocated) / perOp,
                GC.CollectionCount(2) - FullCollections,
                faults / perOp);
        }
    }
}
