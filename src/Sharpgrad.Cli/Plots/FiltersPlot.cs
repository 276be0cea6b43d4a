using ScottPlot;
using Sharpgrad.Cli.Training;
using Sharpgrad.IO;
using Sharpgrad.NN;

namespace Sharpgrad.Cli.Plots;

/// <summary>
/// The first layer's learned filters as a grid of heat maps, like the classification chapter's four learned 3×3
/// filters (CLS §3) and the first-layer feature detectors of GBC §9.10 (Fig. 9.19): for a convolution, each kernel;
/// for an MLP, each hidden unit's row of weights reshaped to the input image, which shows the pixel pattern the
/// unit responds to. Red is a positive weight, blue a negative one, white 0; each filter is divided by its own
/// largest |weight|, so small and large filters both show their pattern, and one colour bar from −1 to 1 says so.
/// </summary>
public static class FiltersPlot
{
    /// <summary>The conventional file name inside a run folder.</summary>
    public const string FileName = "filters.png";

    /// <summary>Beyond this many filters the grid shows the first ones only (a wide MLP layer has hundreds).</summary>
    public const int MaxFilters = 64;

    private const double Gap = 0.15; // space between filters, as a fraction of a filter's width

    /// <summary>The colour bar's label: what a colour means once each filter is divided by its largest |weight|.</summary>
    public const string ColorBarLabel = "weight ÷ largest |weight| of its filter";

    /// <summary>Writes the first Linear or convolution layer of <paramref name="model"/>, reading <paramref name="image"/>, to <paramref name="path"/>, atomically.</summary>
    public static void Save(string path, Module model, ImageShape image, int cellPixels = 90)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(model);
        var (plot, columns, rows, cellHeight) = Build(model, image);
        int pixelWidth = Math.Max(520, columns * cellPixels) + ColorBarPixels;
        int pixelHeight = 60 + (int)(rows * cellHeight / (1 + Gap) * (pixelWidth - ColorBarPixels) / columns);
        using ScottPlot.Image png = plot.GetImage(pixelWidth, pixelHeight);
        AtomicFile.WriteAllBytes(path, png.GetImageBytes(ImageFormat.Png, 100));
    }

    private const int ColorBarPixels = 110; // the colour bar, its ticks and its label, right of the grid

    /// <summary>The grid of filters with its colour bar; also how many columns and rows it has and a cell's height.</summary>
    internal static (Plot Plot, int Columns, int Rows, double CellHeight) Build(Module model, ImageShape image)
    {
        var (layer, kernels) = FirstLayerKernels(model, image);
        int count = Math.Min(kernels.Size(0), MaxFilters);
        int columns = (int)Math.Ceiling(Math.Sqrt(count));
        int rows = (count + columns - 1) / columns;
        int height = kernels.Size(1), width = kernels.Size(2);
        double cellWidth = 1 + Gap, cellHeight = (double)height / width + Gap;

        var plot = new Plot();
        TrainingCurvesPlot.UseSansFont(plot);
        for (int k = 0; k < count; k++)
        {
            var kernel = kernels[k];
            double limit = Math.Max(kernel.Abs().Max().Item(), 1e-12);
            var heatmap = plot.Add.Heatmap(ToGrid(kernel / limit));
            heatmap.Colormap = new ScottPlot.Colormaps.Balance();
            heatmap.ManualRange = new ScottPlot.Range(-1, 1);
            if (k == 0) plot.Add.ColorBar(heatmap).Label = ColorBarLabel; // every filter shares the range, so one bar serves all
            double left = (k % columns) * cellWidth, top = -(k / columns) * cellHeight;
            heatmap.Rectangle = new CoordinateRect(left, left + 1, top - cellHeight + Gap, top); // the filter's outer edges
        }
        plot.Axes.Frameless();
        plot.HideGrid();
        plot.Axes.SetLimits(-Gap, columns * cellWidth, -rows * cellHeight, Gap);
        string shown = count < kernels.Size(0) ? $"first {count} of {kernels.Size(0)}" : $"{count}";
        plot.Title($"First-layer filters of {layer} ({shown}, {height}×{width})");
        return (plot, columns, rows, cellHeight);
    }

    /// <summary>
    /// The first layer's name and its kernels as [filters, H, W]: a convolution's weight [out, in, kh, kw] gives one
    /// kernel per (output, input) channel pair; a Linear's weight [out, C·H·W] is reshaped to the image, one per
    /// (unit, channel).
    /// </summary>
    public static (string Layer, Tensor Kernels) FirstLayerKernels(Module model, ImageShape image)
    {
        foreach (var (name, module) in model.NamedModules())
        {
            switch (module)
            {
                case Conv2d conv:
                    return ($"Conv2d '{name}'", conv.Weight.Detach().Flatten(0, 1));
                case Linear linear:
                    if (linear.Weight.Size(1) != image.Size)
                        throw new ArgumentException(
                            $"FiltersPlot: the first Linear layer '{name}' takes {linear.Weight.Size(1)} inputs, not the {image.Size} values of a {image} image.");
                    return ($"Linear '{name}'", linear.Weight.Detach().Reshape(-1, image.Height, image.Width));
            }
        }
        throw new ArgumentException("FiltersPlot: the model has no Linear or Conv2d layer whose weights could be shown.");
    }

    /// <summary>A [H, W] tensor as the rows × columns array a heat map takes (row 0 at the top).</summary>
    internal static double[,] ToGrid(Tensor matrix)
    {
        int rows = matrix.Size(0), columns = matrix.Size(1);
        var values = matrix.ToDoubleArray();
        var grid = new double[rows, columns];
        Buffer.BlockCopy(values, 0, grid, 0, values.Length * sizeof(double));
        return grid;
    }
}
