using Sharpgrad.Cli.Experiments;
using Sharpgrad.NN;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>The catalogue's dropout experiment (GBC §7.12, MC dropout) in its quick mode.</summary>
public class DropoutExperimentTests
{
    [Fact]
    public void QuickRunShrinksTheGapAndIsUnsureOffTheDigits()
    {
        var (csv, _, summary) = ExperimentOutput.Run(new DropoutExperiment(), DropoutExperiment.GapFile, DropoutExperiment.CsvFile);
        Assert.True(summary.Outcome.Check.Holds, summary.Outcome.Check.Evidence);
        Assert.Equal("rate,train_loss,test_loss,gap,train_accuracy,test_accuracy", csv[0]);
        Assert.Equal(1 + DropoutExperiment.QuickRates.Length, csv.Length);
        var numbers = summary.Outcome.KeyNumbers.ToDictionary(n => n.Name, n => n.Value);
        // PyTorch 1.13 with the same recipe (seed 0, another split): gap 0.19 without dropout, 0.17 at p = 0.5;
        // MC variance 0.066 on held-out digits, 0.18 on noise and on inverted digits.
        Assert.InRange(numbers["gap without dropout"], 0.05, 0.6);
        Assert.True(numbers["gap at p = 0.5"] < numbers["gap without dropout"]);
        Assert.InRange(numbers["predictive variance, held-out digits"], 0.005, 0.2);
        Assert.True(numbers["predictive variance, uniform noise"] > numbers["predictive variance, held-out digits"]);
        Assert.True(numbers["predictive variance, inverted digits"] > numbers["predictive variance, held-out digits"]);
    }

    [Fact]
    public void WithoutDropoutThePassesAgreeExactly()
    {
        // With p = 0 every pass is the same function, so the MC variance is 0 (up to rounding).
        var model = new Sequential(new Linear(4, 3, generator: new Generator(1)), new Dropout(0.0, new Generator(2)));
        Assert.Equal(0, DropoutStudy.PredictiveVariance(model, Tensor.Rand([5, 4], DType.Float32, new Generator(3))), 1e-12);
        Assert.True(DropoutStudy.PredictiveVariance(new Sequential(new Linear(4, 3, generator: new Generator(1)), new Dropout(0.5, new Generator(2))),
            Tensor.Rand([5, 4], DType.Float32, new Generator(3))) > 1e-4);
    }
}
