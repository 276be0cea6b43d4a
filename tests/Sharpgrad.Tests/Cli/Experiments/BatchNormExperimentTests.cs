using Sharpgrad.Cli.Experiments;
using Sharpgrad.NN;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>The catalogue's batchnorm experiment (Buduma ch5) in its quick mode.</summary>
public class BatchNormExperimentTests
{
    [Fact]
    public void QuickRunReachesNinetyPercentSoonerWithBatchNorm()
    {
        var (csv, _, summary) = ExperimentOutput.Run(new BatchNormExperiment(), BatchNormExperiment.PlotFile, BatchNormExperiment.CsvFile);
        Assert.True(summary.Outcome.Check.Holds, summary.Outcome.Check.Evidence);
        Assert.Equal("step,accuracy_without_bn,accuracy_with_bn", csv[0]);
        Assert.Equal(1 + 300 / 10, csv.Length);   // 300 steps, measured every 10
        var numbers = summary.Outcome.KeyNumbers.ToDictionary(n => n.Name, n => n.Value);
        Assert.InRange(numbers["steps to 90%, with batch norm"], 10, 300);
        Assert.Equal(0, numbers["steps to 90%, with batch norm"] % 10);
        Assert.InRange(numbers["final accuracy, with batch norm"], 0.9, 1.0);
    }

    [Fact]
    public void BatchNormAddsTwoScalesAndTwoShiftsPerChannel()
    {
        // conv 1·9·8 + 8, linear 128·32 + 32, linear 32·10 + 10 = 4538; batch norm adds γ and β: 2·8 + 2·32 = 80.
        Assert.Equal(4538, BatchNormSpeed.Network(false, new Generator(0)).ParameterCount());
        Assert.Equal(4538 + 80, BatchNormSpeed.Network(true, new Generator(0)).ParameterCount());
    }

    [Fact]
    public void TheFashionMnistNetworkIsSizedFromItsTwentyEightPixelSide()
    {
        // conv 1·9·8 + 8 = 80, linear (8·14·14 = 1568)·32 + 32 = 50208, linear 32·10 + 10 = 330: 50618; batch norm adds 80 again.
        Assert.Equal(50618, BatchNormSpeed.Network(false, new Generator(0), side: 28).ParameterCount());
        Assert.Equal(50618 + 80, BatchNormSpeed.Network(true, new Generator(0), side: 28).ParameterCount());
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => BatchNormSpeed.Network(false, new Generator(0), side: 7));
        Assert.Contains("BatchNormSpeed.Network", e.Message);
        Assert.Contains("7", e.Message);
    }
}
