using Sharpgrad.Cli.Commands;
using Sharpgrad.Cli.Experiments;
using Spectre.Console.Testing;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>
/// Buduma ch4's optimiser comparison. What the books lead us to expect: every method lowers the loss; momentum
/// accelerates SGD at the same learning rate (GBC §8.3.2); and every method trains the small MLP to the ≈90%+ test
/// accuracy of the classification chapter (CLS Fig. 3.16). 600 steps (about 13 epochs of batch 32) keep it fast.
/// </summary>
public sealed class OptimizerComparisonTests : IDisposable
{
    private const int Steps = 600;
    private static readonly Lazy<IReadOnlyList<OptimizerRun>> runs = new(() => OptimizerComparison.Run(Steps));
    private readonly string outputDirectory = Path.Combine(Path.GetTempPath(), "sharpgrad-optimizers-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(outputDirectory)) Directory.Delete(outputDirectory, recursive: true);
    }

    [Fact]
    public void EveryOptimiserStartsFromTheSameWeightsAndLowersTheLoss()
    {
        var results = runs.Value;
        Assert.Equal(["SGD", "SGD + momentum", "AdaGrad", "RMSProp", "Adam"], results.Select(r => r.Optimizer.Name));
        // Same initial weights: the same training loss before any step, and the same first minibatch loss.
        Assert.All(results, r => Assert.Equal(results[0].InitialTrainLoss, r.InitialTrainLoss));
        Assert.All(results, r => Assert.Equal(results[0].StepLosses[0], r.StepLosses[0]));
        // Ten classes at random initialisation: a cross-entropy near log 10.
        Assert.InRange(results[0].InitialTrainLoss, Math.Log(10) - 0.5, Math.Log(10) + 0.5);
        foreach (var r in results)
        {
            Assert.Equal(Steps, r.StepLosses.Length);
            Assert.True(r.FinalTrainLoss < 0.5 * r.InitialTrainLoss, $"{r.Optimizer.Name}: train loss {r.InitialTrainLoss:F4} → {r.FinalTrainLoss:F4}");
            Assert.True(r.StepLosses[^50..].Average() < r.StepLosses[..10].Average(), $"{r.Optimizer.Name}: the minibatch loss did not fall");
        }
    }

    [Fact]
    public void MomentumBeatsPlainSgdAtTheSameLearningRate()
    {
        var sgd = runs.Value.Single(r => r.Optimizer.Key == "sgd");
        var momentum = runs.Value.Single(r => r.Optimizer.Key == "momentum");
        Assert.True(momentum.FinalTrainLoss < sgd.FinalTrainLoss, $"momentum {momentum.FinalTrainLoss:F4} vs SGD {sgd.FinalTrainLoss:F4}");
    }

    [Fact]
    public void EveryOptimiserReachesNinetyPercentTestAccuracy()
    {
        foreach (var r in runs.Value)
            Assert.True(r.TestAccuracy >= 0.9, $"{r.Optimizer.Name}: test accuracy {r.TestAccuracy:F4} < 0.9");
    }

    [Fact]
    public void RunOptimizersWritesThePlotAndTheCsv()
    {
        var console = new TestConsole { Profile = { Width = 200 } };
        int exit = SharpgradCommandLine.Run(["experiments", "run", "optimizers", "--quick", "--out", outputDirectory], console, new StringWriter(), new StringWriter());
        Assert.Equal(0, exit);   // 0: the claim held too
        var directory = Path.Combine(outputDirectory, "optimizers");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(Path.Combine(directory, OptimizerComparisonExperiment.PlotFile))[..4]);
        var lines = File.ReadAllLines(Path.Combine(directory, OptimizerComparisonExperiment.CsvFile));
        Assert.Equal("step,sgd,momentum,adagrad,rmsprop,adam", lines[0]);
        Assert.Equal(1 + OptimizerComparisonExperiment.QuickSteps, lines.Length);
        foreach (var name in new[] { "SGD + momentum", "AdaGrad", "RMSProp", "Adam", "test accuracy" })
            Assert.Contains(name, console.Output);
    }
}
