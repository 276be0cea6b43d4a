namespace Sharpgrad.Cli.Bench.Workloads;

/// <summary>A named group of measurements; the name is what <c>--only</c> selects, as in the reference script.</summary>
public interface IWorkload
{
    string Name { get; }

    void Run(BenchReport report, BenchOptions options);
}
