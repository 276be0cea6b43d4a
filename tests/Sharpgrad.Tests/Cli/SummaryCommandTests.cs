using Sharpgrad.Cli.Commands;
using Sharpgrad.Models;
using Spectre.Console.Testing;

namespace Sharpgrad.Tests.Cli;

/// <summary>`sharpgrad summary`: the model registry's table, and one-line usage errors for bad names and shapes.</summary>
public sealed class SummaryCommandTests
{
    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = SharpgradCommandLine.Run(["summary", .. args], new TestConsole(), output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void LeNet5SummaryListsTheLayersAndTheReferenceCount()
    {
        var (exit, output, error) = Run("--model", "lenet5", "--input", "1x28x28");
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Contains("Total params: 61,706", output);
        Assert.Contains("[1, 16, 5, 5]", output);   // after the second pooling
        Assert.Contains("11 (Linear)", output);
    }

    [Fact]
    public void ClassesAndInputShapeReachTheModel()
    {
        var (exit, output, _) = Run("--model", "resnet20", "--input", "3x32x32", "--classes", "100");
        Assert.Equal(0, exit);
        Assert.Contains("[1, 100]", output);
        // Option A ResNet-20: 269,722 at 10 classes; 90 more classes add 90·(64 + 1).
        Assert.Contains("Total params: " + (269_722 + 90 * 65).ToString("N0", System.Globalization.CultureInfo.InvariantCulture), output);
    }

    [Fact]
    public void TheModelsOwnInputIsTheDefault()
    {
        var (exit, output, _) = Run("--model", "cnn");
        Assert.Equal(0, exit);
        Assert.Contains("Total params: 2,450", output);
        Assert.Contains("for input [1, 1, 8, 8]", output);
    }

    [Fact]
    public void UnknownModelIsAUsageErrorListingTheAcceptedNames()
    {
        var (exit, _, error) = Run("--model", "alexnet");
        Assert.Equal(SharpgradCommandLine.UsageError, exit);
        Assert.Contains("alexnet", error);
        foreach (var name in ModelRegistry.Names) Assert.Contains(name, error);
    }

    [Theory]
    [InlineData("28x28x", "--input")]
    [InlineData("0x28x28", "--input")]
    [InlineData("1x2x3x4", "--input")]
    public void MalformedInputIsAUsageError(string input, string named)
    {
        var (exit, _, error) = Run("--model", "lenet5", "--input", input);
        Assert.Equal(SharpgradCommandLine.UsageError, exit);
        Assert.Contains(named, error);
    }

    [Fact]
    public void AnInputTheModelCannotTakeIsAUsageErrorNamingTheLayer()
    {
        var (exit, _, error) = Run("--model", "lenet5", "--input", "1x32x32");
        Assert.Equal(SharpgradCommandLine.UsageError, exit);
        Assert.Contains("Linear", error);         // 16·6·6 = 576 features instead of 400
        Assert.Contains("1x28x28", error);        // what it takes instead
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void EveryRegisteredNameBuilds()
    {
        // Construction only, on the default input; the large ImageNet models are left to the counting tests.
        foreach (var entry in ModelRegistry.Entries.Where(e => e.DefaultInput.Count < 3 || e.DefaultInput[1] <= 32))
            Assert.True(entry.Build([.. entry.DefaultInput], entry.DefaultClasses).ParameterCount() > 0, entry.Name);
        Assert.Throws<ArgumentException>(() => ModelRegistry.Create("nope"));
    }
}
