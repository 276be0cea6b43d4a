using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders a <see cref="DigitsEmbedding"/> as a scatter plot coloured by digit, with its coordinates as CSV.</summary>
public sealed class DigitsEmbeddingExperiment(string id, string description, string method, Func<DigitsEmbeddingResult> compute) : IExperiment
{
    public const string PlotFile = "embedding.png", CsvFile = "embedding.csv";

    public static DigitsEmbeddingExperiment Pca() =>
        new("digits-pca", "PCA of the 1797 digits to 2-D, coloured by class (GBC §2.12).", "PCA", DigitsEmbedding.Pca);

    public static DigitsEmbeddingExperiment Tsne() =>
        new("digits-tsne", "Exact t-SNE of 1000 digits to 2-D, coloured by class: ten separate clusters.", "t-SNE", () => DigitsEmbedding.Tsne());

    public string Id => id;

    public string Description => description;

    public IReadOnlyList<string> Run(string outputDirectory, IAnsiConsole console)
    {
        var result = compute();
        var points = result.Embedding.Double();
        var labels = result.Labels.ToArray<long>();
        var x = points[.., 0].ToArray<double>();
        var y = points[.., 1].ToArray<double>();
        var files = new List<string>
        {
            ExperimentFiles.SavePng(EmbeddingPlot(result, method), outputDirectory, PlotFile, 900, 800),
            ExperimentFiles.SaveCsv(outputDirectory, CsvFile, ["x", "y", "label"],
                Enumerable.Range(0, labels.Length).Select(i => (IReadOnlyList<double>)[x[i], y[i], labels[i]])),
        };
        var table = new Table().AddColumns("method", "points", "1-NN accuracy in 2-D", "detail");
        table.AddRow(method, labels.Length.ToString(), ExperimentFiles.Format(result.NearestNeighbourAccuracy), Markup.Escape(result.Detail));
        console.Write(table);
        return files;
    }

    /// <summary>The embedding as one scatter series per digit, with the legend outside the data area.</summary>
    internal static Plot EmbeddingPlot(DigitsEmbeddingResult result, string method)
    {
        var points = result.Embedding.Double();
        var labels = result.Labels.ToArray<long>();
        var plot = ExperimentFiles.NewPlot($"{method} of the digits", "component 1", "component 2");
        for (int digit = 0; digit < 10; digit++)
        {
            var rows = Tensor.FromArray(Enumerable.Range(0, labels.Length).Where(i => labels[i] == digit).Select(i => (long)i).ToArray());
            if (rows.Count == 0) continue;
            var members = points.IndexSelect(0, rows);
            ExperimentFiles.AddPoints(plot, members[.., 0].ToArray<double>(), members[.., 1].ToArray<double>(), digit.ToString(), ExperimentFiles.Palette.GetColor(digit), size: 4);
        }
        plot.ShowLegend(Edge.Right); // outside the data area: inside, it hides whichever cluster lands in its corner
        return plot;
    }
}
