using ScottPlot;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// The memory experiments' heat maps, coloured on the fixed scale 0 … 1: time × cell (weightings, usage) and
/// cell × cell (the DNC's link matrix).
/// </summary>
public static class MemoryHeatmap
{
    /// <summary>
    /// Draws <paramref name="values"/> [row, column] (by default [time, cell]) into <paramref name="plot"/>. The heat map
    /// draws row r at y = R − 1 − r, so the ticks are labelled with r: rows run down, as in a matrix.
    /// </summary>
    public static void Add(Plot plot, double[,] values, string title, string columnLabel = "memory cell", string rowLabel = "time step")
    {
        ExperimentFiles.Style(plot, title, columnLabel, rowLabel);
        var map = plot.Add.Heatmap(values);
        map.ManualRange = new ScottPlot.Range(0, 1);
        plot.Add.ColorBar(map);
        int rows = values.GetLength(0);
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, rows).Select(r => (double)(rows - 1 - r))], [.. Enumerable.Range(0, rows).Select(r => r.ToString())]);
    }

    /// <summary>Heat maps side by side in one figure.</summary>
    public static Multiplot Figure(params (double[,] Values, string Title)[] panels)
    {
        var figure = new Multiplot { Layout = new ScottPlot.MultiplotLayouts.Columns() };
        for (int k = 0; k < panels.Length; k++) Add(k == 0 ? figure.GetPlot(0) : figure.AddPlot(), panels[k].Values, panels[k].Title);
        return figure;
    }
}
