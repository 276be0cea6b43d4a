using ScottPlot;
using ScottPlot.Plottables;
using Sharpgrad.Cli.Experiments;
using Sharpgrad.Cli.Plots;
using Sharpgrad.Cli.Training;
using Sharpgrad.NN;
using Sharpgrad.Training;

namespace Sharpgrad.Tests.Cli;

/// <summary>What the figures a user reads are given (issue #11): their data, axis limits, legends and colour scales.</summary>
public sealed class FigureTests
{
    private static IEnumerable<Coordinates> Points(Scatter series) => series.Data.GetScatterPoints();

    [Fact]
    public void MseVersusDegreeStopsThreeDecadesBelowTheSmallestTestErrorAndSaysWhatItClipped()
    {
        var fits = new[] { (1, 0.2, 0.25), (3, 0.03, 0.048), (11, 2.98e-27, 40.0) } // degree, train, test: like mse.csv
            .Select(f => Fit(f.Item1, f.Item2, f.Item3)).ToList();
        var plot = PolynomialFitExperiment.ErrorsPlot(SweepOf(fits));

        // The smallest test error, 0.048, is in the decade [1e-2, 1e-1); three decades below that is 1e-5.
        const double floor = -5;
        var limits = plot.Axes.GetLimits();
        Assert.Equal(floor - 0.25, limits.Bottom, 12);
        Assert.Equal(Math.Log10(40.0) + 0.25, limits.Top, 12);

        var series = plot.GetPlottables<Scatter>().ToList();
        var train = Points(series.Single(s => s.LegendText == "train")).ToList();
        Assert.Equal([Math.Log10(0.2), Math.Log10(0.03), floor], train.Select(p => p.Y));
        Assert.Equal([Math.Log10(0.25), Math.Log10(0.048), Math.Log10(40.0)], Points(series.Single(s => s.LegendText == "test")).Select(p => p.Y));
        var note = series.Single(s => s.LegendText.Contains("below"));
        Assert.Equal("training error below 1e-5, drawn at 1e-5", note.LegendText);
        Assert.Equal([new Coordinates(11, floor)], Points(note));
    }

    [Fact]
    public void MseVersusDegreeHasNoClippingNoteWhenNothingIsClipped()
    {
        var fits = new List<PolynomialFitRow> { Fit(1, 0.2, 0.25), Fit(2, 0.1, 0.2) };
        var plot = PolynomialFitExperiment.ErrorsPlot(SweepOf(fits));
        Assert.DoesNotContain(plot.GetPlottables<Scatter>(), s => s.LegendText.Contains("below"));
        Assert.Equal(-1 - 3 - 0.25, plot.Axes.GetLimits().Bottom, 12); // 0.2 lies in [1e-1, 1)
    }

    [Fact]
    public void TheRealSweepKeepsTheAxisWithinAFewDecades()
    {
        var plot = PolynomialFitExperiment.ErrorsPlot(PolynomialFit.Run());
        Assert.InRange(plot.Axes.GetLimits().Bottom, -7, -2); // not −17, as a 1e-16 floor drew it
    }

    [Fact]
    public void TheEmbeddingLegendSitsOutsideTheDataArea()
    {
        var embedding = Tensor.FromArray(new double[] { 0, 0, 1, 1, 2, 0 }).Reshape(3, 2);
        var result = new DigitsEmbeddingResult(embedding, Tensor.FromArray(new long[] { 0, 1, 1 }), 1, "");
        var plot = DigitsEmbeddingExperiment.EmbeddingPlot(result, "t-SNE");

        Assert.False(plot.Legend.IsVisible); // the legend inside the data area is off ...
        Assert.Contains(plot.Axes.GetPanels(), p => p.GetType().Name.Contains("Legend") && p.Edge == Edge.Right); // ... and a panel on the right holds it
        Assert.Equal(["0", "1"], plot.GetPlottables<Scatter>().Select(s => s.LegendText));
    }

    [Fact]
    public void FiltersHaveOneColourBarFromMinusOneToOneAndEachFilterIsScaledToIt()
    {
        var model = new Sequential(new Linear(4, 2), new ReLU());
        using (Autograd.NoGrad())
            model.Parameters().First().CopyFrom(Tensor.FromArray(new float[] { 1, -2, 0.5f, 0, 0, 0.25f, -0.5f, 0.125f }).Reshape(2, 4));
        var (plot, columns, rows, _) = FiltersPlot.Build(model, new ImageShape(1, 2, 2));

        Assert.Equal((2, 1), (columns, rows));
        var bar = Assert.Single(plot.Axes.GetPanels().OfType<ScottPlot.Panels.ColorBar>());
        Assert.Equal(FiltersPlot.ColorBarLabel, bar.Label);
        var heatmaps = plot.GetPlottables<Heatmap>().ToList();
        Assert.All(heatmaps, h => Assert.Equal(new ScottPlot.Range(-1, 1), h.ManualRange));
        // Filter 0 is divided by 2, filter 1 by 0.5 (their largest |weight|).
        Assert.Equal(new double[,] { { 0.5, -1 }, { 0.25, 0 } }, heatmaps[0].Intensities);
        Assert.Equal(new double[,] { { 0, 0.5 }, { -1, 0.25 } }, heatmaps[1].Intensities);
    }

    [Fact]
    public void ActivationPanelsAreTitledWithTheLayersDottedNameAndType()
    {
        var model = new Sequential().Add("features", new Sequential(new Linear(2, 2), new ReLU())).Add("head", new Linear(2, 1));
        var relu = ActivationProbe.Record(model, Tensor.Ones(3, 2)).Single(a => a.Layer is ReLU);
        Assert.StartsWith("features.1 ReLU: ", TrainJob.ActivationPanelTitle(relu, 0.5));
    }

    private static PolynomialFitRow Fit(int degree, double trainMse, double testMse) => new(degree, Tensor.Zeros(degree + 1), trainMse, testMse);

    private static PolynomialFitResult SweepOf(List<PolynomialFitRow> fits)
    {
        var none = Tensor.Zeros(0);
        return new PolynomialFitResult(none, none, none, none, fits);
    }
}
