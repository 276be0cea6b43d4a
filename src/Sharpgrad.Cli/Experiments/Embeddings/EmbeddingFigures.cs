using System.Globalization;
using System.Text;
using ScottPlot;
using Sharpgrad.IO;

namespace Sharpgrad.Cli.Experiments;

/// <summary>The PNG and CSV files of the word-embedding experiments (CSV cells may be words, so they are quoted when needed).</summary>
internal static class EmbeddingFigures
{
    /// <summary>Writes a CSV whose cells are text; a cell with a comma, quote or line break is quoted, RFC 4180 style.</summary>
    public static string SaveTextCsv(string directory, string fileName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        static string Cell(string s) => s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
        var text = new StringBuilder().AppendLine(string.Join(',', header.Select(Cell)));
        foreach (var row in rows) text.AppendLine(string.Join(',', row.Select(Cell)));
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(text.ToString()));
        return path;
    }

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The t-SNE map: a dot and a label per word.</summary>
    public static Plot WordMap(string[] words, double[] x, double[] y, string title)
    {
        var plot = ExperimentFiles.NewPlot(title, "t-SNE 1", "t-SNE 2");
        ExperimentFiles.AddPoints(plot, x, y, "word", ExperimentFiles.Palette.GetColor(0), size: 3);
        for (int i = 0; i < words.Length; i++)
        {
            var label = plot.Add.Text(words[i], x[i], y[i]);
            label.LabelFontSize = 9;
            label.LabelAlignment = Alignment.LowerLeft;
        }
        plot.HideLegend();
        return plot;
    }

    /// <summary>One bar per model, with a dashed line at chance.</summary>
    public static Plot ScoreBars(IReadOnlyList<(string Name, double Value)> bars, double chance, string title, string yLabel)
    {
        var plot = ExperimentFiles.NewPlot(title, "", yLabel);
        Bar[] items = [.. bars.Select((b, i) => new Bar { Position = i, Value = b.Value, FillColor = ExperimentFiles.Palette.GetColor(i), LineWidth = 0 })];
        plot.Add.Bars(items);
        plot.Axes.Bottom.SetTicks([.. bars.Select((_, i) => (double)i)], [.. bars.Select(b => b.Name)]);
        plot.Add.HorizontalLine(chance, color: Colors.Gray, pattern: LinePattern.Dashed).LegendText = "chance";
        plot.Axes.Margins(bottom: 0);
        return plot;
    }
}
