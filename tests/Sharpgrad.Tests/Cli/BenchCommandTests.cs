using System.Text.Json;
using Sharpgrad.Cli.Commands;
using Spectre.Console.Testing;

namespace Sharpgrad.Tests.Cli;

/// <summary>`sharpgrad bench` passes its options to the benchmark harness and prints its JSON lines.</summary>
public class BenchCommandTests
{
    [Fact]
    public void PrintsOneJsonLinePerWorkloadUnderThePyTorchReferenceName()
    {
        var output = new StringWriter();
        int exit = SharpgradCommandLine.Run(["bench", "--only", "op_overhead", "--threads", "1"], new TestConsole(), output, new StringWriter());

        Assert.Equal(0, exit);
        var line = JsonDocument.Parse(output.ToString().Trim().Split('\n').Single()).RootElement;
        Assert.Equal("op_overhead_add10_grad", line.GetProperty("workload").GetString());
        Assert.Equal("us/op", line.GetProperty("unit").GetString());
        Assert.True(line.GetProperty("value").GetDouble() > 0);
    }

    [Fact]
    public void AnUnknownWorkloadIsAUsageErrorListingTheNames()
    {
        var output = new StringWriter();
        int exit = SharpgradCommandLine.Run(["bench", "--only", "nothing"], new TestConsole(), output, new StringWriter());

        Assert.Equal(2, exit);
        Assert.Contains("unknown workload 'nothing'", output.ToString());
        Assert.Contains("sgemm", output.ToString());
    }

    [Fact]
    public void RoundTwoGroupsAreRegisteredUnderTheReferenceScriptsNames()
    {
        // bench/pytorch_round2.py's --only groups, in its order.
        var names = Sharpgrad.Cli.Bench.Workloads.WorkloadRegistry.Names;
        Assert.Equal(["inference", "cnn_train", "small_gemm", "machine_peak"], names.SkipWhile(n => n != "inference").Take(4).ToArray());
    }
}
