namespace Sharpgrad.Cli.Bench.Workloads;

/// <summary>
/// A hook for a reference workload whose layers do not exist yet. It prints nothing: an absent line is honest, a
/// made-up one is not. Replace it with the real workload (same name, same JSON lines as the reference) when the
/// layers land.
/// </summary>
public sealed class PendingWorkload(string name, string needs) : IWorkload
{
    public string Name => name;

    /// <summary>What the workload measures and what it is waiting for.</summary>
    public string Needs => needs;

    public void Run(BenchReport report, BenchOptions options) { }
}
