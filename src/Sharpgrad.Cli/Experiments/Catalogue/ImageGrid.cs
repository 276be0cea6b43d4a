using ScottPlot;
using Sharpgrad.Cli.Plots;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// Small images [count, H, W] laid out as one grid figure: samples and reconstructions in greyscale on [0, 1], or
/// filters on a blue–white–red scale each divided by its own largest |value| (as <see cref="FiltersPlot"/> shows weights).
/// </summary>
public static class ImageGrid
{
    private const double Gap = 0.1;

    /// <summary>Black at 0 to white at 1, as images are usually shown.</summary>
    private static readonly IColormap BlackToWhite = new ScottPlot.Colormaps.Custom(
        [.. Enumerable.Range(0, 256).Select(i => new Color((byte)i, (byte)i, (byte)i))], true);

    public static string SaveGreyscale(string directory, string fileName, string title, Tensor images, int columns)
        => Save(directory, fileName, title, images, columns, signed: false);

    public static string SaveFilters(string directory, string fileName, string title, Tensor filters, int columns)
        => Save(directory, fileName, title, filters, columns, signed: true);

    private static string Save(string directory, string fileName, string title, Tensor images, int columns, bool signed)
    {
        if (images.Rank != 3) throw new ArgumentException($"ImageGrid: expected images [count, H, W], got {images.ShapeText}.");
        int count = images.Size(0), height = images.Size(1), width = images.Size(2);
        int rows = (count + columns - 1) / columns;
        double cellHeight = (double)height / width;
        var plot = new Plot();
        TrainingCurvesPlot.UseSansFont(plot);
        var values = images.Double().ToArray<double>();
        for (int k = 0; k < count; k++)
        {
            var grid = new double[height, width];
            double scale = 1;
            if (signed)
            {
                scale = 1e-12;
                for (int p = 0; p < height * width; p++) scale = Math.Max(scale, Math.Abs(values[k * height * width + p]));
            }
            for (int r = 0; r < height; r++)
                for (int c = 0; c < width; c++) grid[r, c] = values[k * height * width + r * width + c] / scale;
            var heatmap = plot.Add.Heatmap(grid);
            heatmap.Colormap = signed ? new ScottPlot.Colormaps.Balance() : BlackToWhite;
            heatmap.ManualRange = signed ? new ScottPlot.Range(-1, 1) : new ScottPlot.Range(0, 1);
            double left = (k % columns) * (1 + Gap), top = -(k / columns) * (cellHeight + Gap);
            heatmap.Rectangle = new CoordinateRect(left, left + 1, top - cellHeight, top);
        }
        plot.Axes.Frameless();
        plot.HideGrid();
        plot.Axes.SetLimits(-Gap, columns * (1 + Gap), -rows * (cellHeight + Gap), Gap);
        plot.Title(title);
        int pixelWidth = Math.Max(400, columns * 60);
        int pixelHeight = 50 + (int)(pixelWidth * rows * (cellHeight + Gap) / (columns * (1 + Gap)));
        return ExperimentFiles.SavePng(plot, directory, fileName, pixelWidth, pixelHeight);
    }
}
