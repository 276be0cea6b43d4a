using ScottPlot;
using Sharpgrad.IO;
using Sharpgrad.Training;

namespace Sharpgrad.Cli.Plots;

/// <summary>
/// Renders histograms computed by the core (<see cref="Histogram"/>: activations per layer, gradients) side by
/// side, one panel each, as a PNG. GBC §11.5: a layer whose activations pile up at 0 (dead ReLUs) or at the ends of
/// a sigmoid's range (saturation), or whose gradients are all near 0, shows at a glance.
/// </summary>
public static class HistogramPlot
{
    private static readonly Color BarColor = Color.FromHex("#1f77b4");

    /// <summary>Writes one panel per (title, histogram) to <paramref name="path"/>, atomically.</summary>
    public static void Save(string path, IReadOnlyList<(string Title, Histogram Histogram)> panels, int panelWidth = 400, int height = 350)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Count == 0) throw new ArgumentException("There is nothing to plot: no histograms were given.", nameof(panels));
        ArgumentOutOfRangeException.ThrowIfLessThan(panelWidth, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 100);

        var figure = new Multiplot();
        figure.Layout = new ScottPlot.MultiplotLayouts.Columns();
        for (int i = 0; i < panels.Count; i++)
        {
            Plot plot = i == 0 ? figure.GetPlot(0) : figure.AddPlot();
            Draw(plot, panels[i].Title, panels[i].Histogram);
        }

        using ScottPlot.Image image = figure.Render(panelWidth * panels.Count, height);
        AtomicFile.WriteAllBytes(path, image.GetImageBytes(ImageFormat.Png, 100));
    }

    private static void Draw(Plot plot, string title, Histogram histogram)
    {
        var bars = new List<Bar>();
        for (int b = 0; b < histogram.Counts.Length; b++)
        {
            double left = histogram.Edges[b], right = histogram.Edges[b + 1];
            bars.Add(new Bar
            {
                Position = (left + right) / 2,
                Size = right - left,
                Value = histogram.Counts[b],
                FillColor = BarColor,
                LineWidth = 0,
            });
        }
        plot.Add.Bars(bars);
        plot.Title(title);
        plot.XLabel("value");
        plot.YLabel("count");
        plot.Axes.Margins(bottom: 0);
    }
}
