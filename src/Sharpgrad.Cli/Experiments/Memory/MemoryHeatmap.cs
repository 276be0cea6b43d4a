using ScottPlot;

namespace Sharpgrad.Cli.Experiments;

/// <summary>The memory experiments' time × cell heat maps (weightings, usage), coloured on the fixed scale 0 … 1.</summary>
public static class MemoryHeatmap
{
    /// <summary>
    /// Draws <paramref name="values"/> [time, cell] into <paramref name="plot"/>. The heat map draws row t at
    /// y = T − 1 − t, so the ticks are labelled with t: time runs down.
    /// </summary>
    public static void Add(Plot plot, double[,] values, string title)
    {
        ExperimentFiles.Style(plot, title, "memory cell", "time step");
        var map = plot.Add.Heatmap(values);
        map.ManualRange = new ScottPlot.Range(0, 1);
        plot.Add.ColorBar(map);
        int time = values.GetLength(0);
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, time).Select(t => (double)(time - 1 - t))], [.. Enumerable.Range(0, time).Select(t => t.ToString())]);
    }

    /// <summary>Heat maps side by side in one figure.</summary>
    public static Multiplot Figure(params (double[,] Values, string Title)[] panels)
    {
        var figure = new Multiplot { Layout = new ScottPlot.MultiplotLayouts.Columns() };
        for (int k = 0; k < panels.Length; k++) Add(k == 0 ? figure.GetPlot(0) : figure.AddPlot(), panels[k].Values, panels[k].Title);
        return figure;
    }
}
