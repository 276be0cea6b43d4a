using System.Globalization;
using System.Text;
using ScottPlot;
using Sharpgrad.Cli.Plots;
using Sharpgrad.IO;

namespace Sharpgrad.Cli.Experiments;

/// <summary>What every experiment writes: PNG figures and CSV tables, each replaced atomically.</summary>
public static class ExperimentFiles
{
    // Matplotlib's default colour cycle, so the figures look familiar next to textbook ones.
    public static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    /// <summary>A plot with the house style: sans font, title and axis labels.</summary>
    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        Style(plot, title, xLabel, yLabel);
        return plot;
    }

    public static void Style(Plot plot, string title, string xLabel, string yLabel)
    {
        TrainingCurvesPlot.UseSansFont(plot);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
    }

    /// <summary>A line through (xs, ys) with a legend entry.</summary>
    public static void AddLine(Plot plot, double[] xs, double[] ys, string label, Color color, LinePattern? pattern = null, float markerSize = 0)
    {
        var line = plot.Add.Scatter(xs, ys, color);
        line.LegendText = label;
        line.LineWidth = 2;
        line.MarkerSize = markerSize;
        line.LinePattern = pattern ?? LinePattern.Solid;
    }

    /// <summary>Points only, no line.</summary>
    public static void AddPoints(Plot plot, double[] xs, double[] ys, string label, Color color, float size = 7)
    {
        var points = plot.Add.Scatter(xs, ys, color);
        points.LegendText = label;
        points.LineWidth = 0;
        points.MarkerSize = size;
    }

    /// <summary>Renders <paramref name="plot"/> to <paramref name="directory"/>/<paramref name="fileName"/>; returns the path.</summary>
    public static string SavePng(Plot plot, string directory, string fileName, int width = 800, int height = 600)
    {
        using var image = plot.GetImage(width, height);
        return Write(directory, fileName, image.GetImageBytes(ImageFormat.Png, 100));
    }

    /// <summary>Renders panels side by side (one figure, several plots).</summary>
    public static string SavePng(Multiplot figure, string directory, string fileName, int width, int height)
    {
        using var image = figure.Render(width, height);
        return Write(directory, fileName, image.GetImageBytes(ImageFormat.Png, 100));
    }

    /// <summary>Writes a CSV with a header row; numbers in invariant culture, round-trip precision.</summary>
    public static string SaveCsv(string directory, string fileName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<double>> rows)
    {
        var text = new StringBuilder().AppendLine(string.Join(',', header));
        foreach (var row in rows)
            text.AppendLine(string.Join(',', row.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        return Write(directory, fileName, Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>The mean of the last <paramref name="window"/> values up to each step (fewer at the start).</summary>
    public static double[] TrailingMean(double[] values, int window)
    {
        var means = new double[values.Length];
        double sum = 0;
        for (int k = 0; k < values.Length; k++)
        {
            sum += values[k];
            if (k >= window) sum -= values[k - window];
            means[k] = sum / Math.Min(k + 1, window);
        }
        return means;
    }

    /// <summary>A number formatted for the summary tables.</summary>
    public static string Format(double value) => value.ToString(Math.Abs(value) is > 1e-3 and < 1e4 or 0 ? "0.0000" : "0.00E+0", CultureInfo.InvariantCulture);

    private static string Write(string directory, string fileName, byte[] bytes)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        AtomicFile.WriteAllBytes(path, bytes);
        return path;
    }
}
