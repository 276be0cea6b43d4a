using ScottPlot;
using Sharpgrad.IO;
using Sharpgrad.Cli.Training;

namespace Sharpgrad.Cli.Plots;

/// <summary>
/// The classic two-panel training-curves figure: loss on the left, accuracy on the right, each with a
/// train line and a test line over epochs. Seeing both splits side by side is what shows under- and
/// over-fitting at a glance (the test curve flattening or turning while the train curve keeps improving).
/// </summary>
public static class TrainingCurvesPlot
{
    /// <summary>The conventional file name inside a run folder.</summary>
    public const string FileName = "curves.png";

    // Matplotlib's first two default colours, so the figure looks familiar next to textbook figures.
    private static readonly Color TrainColor = Color.FromHex("#1f77b4");
    private static readonly Color TestColor = Color.FromHex("#ff7f0e");

    // Past this many epochs per-point markers turn the lines into a blur; lines alone read better.
    private const int MaxEpochsWithMarkers = 40;

    /// <summary>
    /// Renders <paramref name="history"/> (one entry per epoch, accuracies as fractions in [0, 1])
    /// and writes it as a PNG to <paramref name="path"/>, replacing any existing file atomically so
    /// the figure can be refreshed after every epoch while someone has it open.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="history"/> is empty.</exception>
    public static void Save(string path, IReadOnlyList<EpochMetrics> history, int width = 1200, int height = 450)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0)
        {
            throw new ArgumentException("There is nothing to plot: the history has no epochs.", nameof(history));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 100);

        double[] epochs = history.Select(m => (double)m.Epoch).ToArray();

        var figure = new Multiplot();
        // A Multiplot starts with one plot; the layout arranges the two panels side by side.
        figure.Layout = new ScottPlot.MultiplotLayouts.Columns();
        Plot lossPanel = figure.GetPlot(0);
        Plot accuracyPanel = figure.AddPlot();

        DrawPanel(lossPanel, "Loss", "loss", epochs,
            history.Select(m => m.TrainLoss).ToArray(),
            history.Select(m => m.TestLoss).ToArray(),
            Alignment.UpperRight);
        // A cross-entropy is never negative, so the loss axis starts at 0 (auto-scaling padded it below 0); non-finite
        // values, which a diverging run can record, are left out of the range.
        double highest = history.SelectMany(m => new[] { m.TrainLoss, m.TestLoss }).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        lossPanel.Axes.SetLimitsY(0, highest > 0 ? highest * 1.08 : 1);

        // Accuracy is stored as a fraction (what the code computes) but shown in percent (what people read).
        DrawPanel(accuracyPanel, "Accuracy", "accuracy (%)", epochs,
            history.Select(m => 100 * m.TrainAccuracy).ToArray(),
            history.Select(m => 100 * m.TestAccuracy).ToArray(),
            Alignment.LowerRight);

        using ScottPlot.Image image = figure.Render(width, height);
        AtomicFile.WriteAllBytes(path, image.GetImageBytes(ImageFormat.Png, 100));
    }

    private static void DrawPanel(
        Plot plot, string title, string yLabel, double[] epochs, double[] train, double[] test, Alignment legendCorner)
    {
        UseSansFont(plot);
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);

        AddLine(plot, epochs, train, "train", TrainColor, LinePattern.Solid);
        AddLine(plot, epochs, test, "test", TestColor, LinePattern.Dashed);

        // Epochs are whole numbers; ticks at 2.5 would suggest otherwise.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.ShowLegend(legendCorner);
    }

    private static void AddLine(Plot plot, double[] xs, double[] ys, string label, Color color, LinePattern pattern)
    {
        var line = plot.Add.Scatter(xs, ys, color);
        line.LegendText = label;
        line.LineWidth = 2;
        line.LinePattern = pattern;
        line.MarkerSize = xs.Length <= MaxEpochsWithMarkers ? 5 : 0;
    }

    /// <summary>
    /// ScottPlot asks for a default family that Linux machines rarely have, and Skia then falls back to
    /// a serif face. DejaVu Sans (Debian's fonts-dejavu-core, found by Skia under /usr/share/fonts/) is
    /// the usual sans face on Linux, so prefer it when it is there and keep the default otherwise.
    /// </summary>
    internal static void UseSansFont(Plot plot)
    {
        const string family = "DejaVu Sans";
        // Compare the family actually resolved: a missing family may come back as a fallback face.
        SkiaSharp.SKTypeface? typeface = Fonts.GetTypeface(family, bold: false, italic: false);
        if (typeface is not null && typeface.FamilyName == family)
        {
            plot.Font.Set(family);
        }
    }
}
