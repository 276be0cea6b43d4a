using System.CommandLine;
using Sharpgrad.Cli.Bench;

namespace Sharpgrad.Cli.Commands;

/// <summary>
/// <c>sharpgrad bench [--only NAME,...] [--threads N] [--data DIR] [--warmup-seconds S] [--exact]</c>: the benchmark of
/// bench/Sharpgrad.Bench, which prints one JSON line per workload under the names ../shared/bench/pytorch_reference.py
/// uses. Its options are the harness's own and are passed through unchanged, so the two command lines cannot drift.
/// </summary>
internal sealed class BenchCommand : Command
{
    public BenchCommand()
        : base("bench", "Time the benchmark workloads as JSON lines; options as in pytorch_reference.py.\n"
            + BenchOptions.Usage(Sharpgrad.Cli.Bench.Workloads.WorkloadRegistry.Names))
    {
        TreatUnmatchedTokensAsErrors = false;
        SetAction(parseResult => BenchProgram.Run([.. parseResult.UnmatchedTokens], parseResult.InvocationConfiguration.Output));
    }
}
