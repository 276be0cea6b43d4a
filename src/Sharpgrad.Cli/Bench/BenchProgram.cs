using Sharpgrad.Cli.Bench.Workloads;

namespace Sharpgrad.Cli.Bench;

/// <summary>
/// The benchmark command line, mirroring ../shared/bench/pytorch_reference.py option for option and workload name for
/// workload name, so the two can run in one sitting and their ratios can be taken (bench/compare.sh does both).
/// Usage: <c>Sharpgrad.Bench [--threads N] [--only NAME,...] [--data DIR]</c>. Prints one JSON object per line.
/// Callable as a library so that the CLI can offer the same command (<c>sharpgrad bench</c>).
/// </summary>
public static class BenchProgram
{
    /// <summary>Runs the selected workloads and writes one JSON line per measurement; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args, WorkloadRegistry.Names);
        }
        catch (ArgumentException e)
        {
            output.WriteLine($"bench: {e.Message}");
            output.WriteLine(BenchOptions.Usage(WorkloadRegistry.Names));
            return 2;
        }
        if (options.ShowHelp)
        {
            output.WriteLine(BenchOptions.Usage(WorkloadRegistry.Names));
            return 0;
        }

        int originalThreads = Threads.Count;
        Threads.Count = options.Threads;
        try
        {
            var report = new BenchReport(output, options.Threads, options.Exact);
            foreach (var workload in WorkloadRegistry.All)
                if (options.Wants(workload.Name)) workload.Run(report, options);
        }
        finally
        {
            Threads.Count = originalThreads;
        }
        return 0;
    }
}
