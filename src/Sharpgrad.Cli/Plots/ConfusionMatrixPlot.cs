using System.Globalization;
using ScottPlot;
using Sharpgrad.IO;

namespace Sharpgrad.Cli.Plots;

/// <summary>
/// A confusion matrix (<see cref="Training.ConfusionMatrix"/>) as an annotated heat map in scikit-learn's style:
/// true classes down the side, predicted classes along the bottom, each cell's count written in it and shaded by
/// it (dark blue for many). A correct model is a dark diagonal; a dark cell off it is a pair of classes confused.
/// </summary>
public static class ConfusionMatrixPlot
{
    /// <summary>The conventional file name inside a run folder.</summary>
    public const string FileName = "confusion.png";

    // ScottPlot's Blues runs from dark to pale; matplotlib's (and scikit-learn's plot) from pale for few to dark for many.
    private static readonly IColormap PaleToDarkBlue = new ScottPlot.Colormaps.Custom(
        [.. Enumerable.Range(0, 256).Select(i => new ScottPlot.Colormaps.Blues().GetColor(1 - i / 255.0))], true);

    /// <summary>Writes the int64 [K, K] <paramref name="counts"/> with the K <paramref name="classNames"/> to <paramref name="path"/>, atomically.</summary>
    public static void Save(string path, Tensor counts, IReadOnlyList<string> classNames, string title, int size = 800)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(classNames);
        int classes = classNames.Count;
        if (counts.Rank != 2 || counts.Size(0) != classes || counts.Size(1) != classes)
            throw new ArgumentException($"ConfusionMatrixPlot: expected counts [{classes}, {classes}] for {classes} class names, got [{string.Join(", ", counts.Shape)}].");

        var plot = new Plot();
        TrainingCurvesPlot.UseSansFont(plot);
        var grid = FiltersPlot.ToGrid(counts.Double());
        var heatmap = plot.Add.Heatmap(grid);
        heatmap.Colormap = PaleToDarkBlue;
        double largest = Math.Max(1, counts.Max().Item());
        heatmap.ManualRange = new ScottPlot.Range(0, largest);
        // Row i (true class i) is drawn at y = K−1−i, so class 0 is the top row as in scikit-learn's plot.
        heatmap.Rectangle = new CoordinateRect(-0.5, classes - 0.5, -0.5, classes - 0.5); // the cells' outer edges
        plot.Add.ColorBar(heatmap);

        for (int i = 0; i < classes; i++)
        {
            for (int j = 0; j < classes; j++)
            {
                double count = grid[i, j];
                var label = plot.Add.Text(count.ToString("0", CultureInfo.InvariantCulture), j, classes - 1 - i);
                label.LabelAlignment = Alignment.MiddleCenter;
                label.LabelFontSize = classes > 12 ? 9 : 13;
                // Dark text on pale cells, white on dark ones, so every count stays legible.
                label.LabelFontColor = count > largest / 2 ? Colors.White : Colors.Black;
            }
        }

        double[] positions = [.. Enumerable.Range(0, classes).Select(i => (double)i)];
        plot.Axes.Bottom.SetTicks(positions, [.. classNames]);
        plot.Axes.Left.SetTicks([.. positions.Select(p => classes - 1 - p)], [.. classNames]);
        if (classNames.Any(n => n.Length > 2))
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            plot.Axes.Bottom.MinimumSize = 120; // room for the slanted names above the axis label
        }
        plot.XLabel("predicted class");
        plot.YLabel("true class");
        plot.Title(title);
        plot.HideGrid();
        plot.Axes.SetLimits(-0.5, classes - 0.5, -0.5, classes - 0.5);

        using ScottPlot.Image png = plot.GetImage(size + 120, size);
        AtomicFile.WriteAllBytes(path, png.GetImageBytes(ImageFormat.Png, 100));
    }
}
