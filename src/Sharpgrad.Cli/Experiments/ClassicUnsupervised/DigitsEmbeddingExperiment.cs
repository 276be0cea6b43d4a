using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders a <see cref="DigitsEmbedding"/> as a scatter plot coloured by digit, with its coordinates as CSV.</summary>
/// <remarks>
/// The claim compares the method's leave-one-out 1-NN accuracy in the plane with chance (0.1) and, for t-SNE, with
/// PCA's: a linear projection to two dimensions keeps part of the class structure, t-SNE's neighbourhood-preserving
/// map keeps nearly all of it.
/// </remarks>
public sealed class DigitsEmbeddingExperiment(ExperimentInfo info, string method, Func<ExperimentContext, DigitsEmbeddingResult> compute,
    Func<DigitsEmbeddingResult, ClaimCheck> check) : IExperiment
{
    public const string PlotFile = "embedding.png", CsvFile = "embedding.csv";

    /// <summary>PCA's 1-NN accuracy must be this many times chance (0.1).</summary>
    internal const double PcaTimesChance = 4;

    /// <summary>t-SNE's 1-NN accuracy must reach this (and beat PCA's).</summary>
    internal const double TsneAccuracy = 0.85;

    public static DigitsEmbeddingExperiment Pca() => new(
        new("digits-pca", "PCA of the digits to two dimensions", Areas.ClassicUnsupervised, ["GBC §2.12", "GBC §5.8.1"],
            "Two principal components keep part of the class structure: the 1-NN accuracy of the 1797 digits in the plane is several times chance.",
            ["pca", "dimensionality reduction", "digits"], TimeSpan.FromSeconds(2)),
        "PCA", _ => DigitsEmbedding.Pca(),
        r => ClaimCheck.That(r.NearestNeighbourAccuracy >= PcaTimesChance * 0.1,
            $"1-NN accuracy in 2-D {ExperimentFiles.Format(r.NearestNeighbourAccuracy)} against chance 0.1 ({r.Detail})."));

    public static DigitsEmbeddingExperiment Tsne() => new(
        new("digits-tsne", "t-SNE of the digits to two dimensions", Areas.ClassicUnsupervised, ["GBC §5.8", "van der Maaten & Hinton 2008"],
            "Exact t-SNE separates the digits into ten clusters: the 1-NN accuracy in the plane is close to 1, far above PCA's.",
            ["t-sne", "manifold learning", "digits"], TimeSpan.FromMinutes(2)),
        "t-SNE", c => c.Quick ? DigitsEmbedding.Tsne(count: 400, maxIter: 500, seed: c.Seed) : DigitsEmbedding.Tsne(seed: c.Seed),
        r =>
        {
            double pca = DigitsEmbedding.Pca().NearestNeighbourAccuracy;
            return ClaimCheck.That(r.NearestNeighbourAccuracy >= TsneAccuracy && r.NearestNeighbourAccuracy > pca,
                $"1-NN accuracy in 2-D: t-SNE {ExperimentFiles.Format(r.NearestNeighbourAccuracy)} on {r.Labels.Count} digits ({r.Detail}), PCA {ExperimentFiles.Format(pca)} on all 1797.");
        });

    public ExperimentInfo Info { get; } = info;

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var (outputDirectory, console) = (context.OutputDirectory, context.Console);
        var result = compute(context);
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
        return new ExperimentOutcome(files, [new("1-NN accuracy in 2-D", result.NearestNeighbourAccuracy), new("points", labels.Length)], check(result));
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
