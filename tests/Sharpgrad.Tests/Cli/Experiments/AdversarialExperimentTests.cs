using Sharpgrad.Cli.Experiments;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>The catalogue's adversarial experiment (GBC §7.13, Fig. 7.8) in its quick mode.</summary>
public class AdversarialExperimentTests
{
    [Fact]
    public void QuickRunIsFooledWithoutAdversarialTrainingAndMuchLessWithIt()
    {
        var (csv, _, summary) = ExperimentOutput.Run(new AdversarialExperiment(), AdversarialExperiment.PlotFile, AdversarialExperiment.CsvFile);
        Assert.True(summary.Outcome.Check.Holds, summary.Outcome.Check.Evidence);
        Assert.Equal("epsilon,accuracy_standard,accuracy_adversarial_training,example_prediction", csv[0]);
        Assert.Equal(1 + AdversarialRobustness.QuickEpsilons.Length, csv.Length);
        Assert.Contains(summary.Outcome.Files, f => f.EndsWith(AdversarialExperiment.ExamplesFile, StringComparison.Ordinal));
        var numbers = summary.Outcome.KeyNumbers.ToDictionary(n => n.Name, n => n.Value);
        Assert.InRange(numbers["clean accuracy, standard"], 0.9, 1.0);
        Assert.InRange(numbers["clean accuracy, adversarial training"], 0.85, 1.0);
        // ε = 0 leaves the inputs unchanged, so the first row is the clean accuracy.
        Assert.Equal(numbers["clean accuracy, standard"], double.Parse(csv[1].Split(',')[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(numbers["accuracy at ε 0.15, adversarial training"] > numbers["accuracy at ε 0.15, standard"] + 0.1);
    }
}
