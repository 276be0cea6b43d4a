using Sharpgrad.Cli.Commands;
using Spectre.Console.Testing;

namespace Sharpgrad.Tests.Fuzz;

/// <summary>
/// Seeded bad arguments to tensor factories and bad values for CLI options: an ArgumentException naming the op, or a
/// one-line usage error (exit 2) naming the option.
/// </summary>
public class ArgumentFuzzTests
{
    private static readonly double[] BadNumbers = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e19, -1e19, 1e300];

    [Fact]
    public void TensorFactories()
    {
        var random = new Random(31);
        int cases = 0;
        foreach (var value in BadNumbers)
        {
            Expect("Full", () => Tensor.Full([2], value, DType.Int64));
            Expect("Arange", () => Tensor.Arange(0, value));
            Expect("Arange", () => Tensor.Arange(value, 0, -1));
            cases += 3;
        }
        for (int i = 0; i < 30; i++)
        {
            int n = -random.Next(1, int.MaxValue);
            Expect("RandPerm", () => Tensor.RandPerm(n));
            Expect("Eye", () => Tensor.Eye(n));
            Expect("Eye", () => Tensor.Eye(random.Next(0, 4), n));
            cases += 3;
        }
        Assert.Equal(108, cases);
    }

    private static void Expect(string op, Action action)
        => FuzzOutcome.Expect<ArgumentException, bool>(op, () => { action(); return true; }, _ => Assert.Fail($"{op} accepted a bad argument"), $"{op}: ");

    public static IEnumerable<(string Option, string Value)> BadOptions()
    {
        string[] numbers = ["-1", "0", "abc", "NaN", "Infinity", "1e400", "", "1,5"];
        foreach (var option in new[] { "--epochs", "--batch-size", "--lr", "--max-norm", "--early-stopping", "--checkpoint-every" })
            foreach (var value in numbers)
                yield return (option, value);
        foreach (var value in new[] { "-0.1", "1", "NaN", "x" }) yield return ("--dropout", value);
        foreach (var value in new[] { "0", "-3", "8,,x", "a" }) yield return ("--hidden", value);
        foreach (var value in new[] { "", "sgd2", "ADAMW!" }) yield return ("--optimizer", value);
        foreach (var value in new[] { "cifar", "" }) yield return ("--dataset", value);
        foreach (var value in new[] { "resnet", "" }) yield return ("--model", value);
    }

    [Fact]
    public void CliOptionValues()
    {
        int cases = 0;
        foreach (var (option, value) in BadOptions())
        {
            var error = new StringWriter();
            int exit = SharpgradCommandLine.Run(["train", option, value], new TestConsole(), new StringWriter(), error);
            Assert.True(exit == SharpgradCommandLine.UsageError, $"{option} '{value}': exit {exit}, {error}");
            Assert.Contains(option, error.ToString());
            Assert.DoesNotContain("   at ", error.ToString());
            cases++;
        }
        Assert.True(cases >= 60, $"{cases} cases");
    }

    [Fact]
    public void MisspelledOptionsSuggestTheRightOne()
    {
        foreach (var (typo, right) in new[] { ("--epoch", "--epochs"), ("--lrr", "--lr"), ("--batchsize", "--batch-size"), ("--seeds", "--seed"), ("--optimiser", "--optimizer") })
        {
            var error = new StringWriter();
            Assert.Equal(SharpgradCommandLine.UsageError, SharpgradCommandLine.Run(["train", typo, "1"], new TestConsole(), new StringWriter(), error));
            Assert.Contains($"unknown option '{typo}'; did you mean {right}?", error.ToString());
        }
    }
}
