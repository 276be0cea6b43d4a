using System.Text.Json;
using Sharpgrad.Cli.Bench;

namespace Sharpgrad.Tests.Cli;

/// <summary>
/// The benchmark's <c>--exact</c> option: values written unrounded (shortest round-trip form) so that two builds'
/// results compare bit for bit (bench/publish_r2r.sh --check), and rounded to 4 decimals without it, as the reference
/// script writes them.
/// </summary>
public class BenchExactTests
{
    private const double Value = 0.123456789012;

    private static string WrittenValue(bool exact)
    {
        var output = new StringWriter();
        new BenchReport(output, threads: 1, exact).Write("objective", Value, "loss");
        return JsonDocument.Parse(output.ToString()).RootElement.GetProperty("value").GetRawText();
    }

    [Fact]
    public void ExactWritesTheFullValue() => Assert.Equal("0.123456789012", WrittenValue(exact: true));

    [Fact]
    public void WithoutExactTheValueIsRoundedToFourDecimals() => Assert.Equal("0.1235", WrittenValue(exact: false));

    [Fact]
    public void TheExactOptionSetsExact()
    {
        string[] known = ["svc"];
        Assert.True(BenchOptions.Parse(["--only", "svc", "--exact"], known).Exact);
        Assert.False(BenchOptions.Parse(["--only", "svc"], known).Exact);
    }
}
