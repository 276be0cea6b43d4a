using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="Doc2VecTopics"/>: a PCA map of PV-DBOW's document vectors by topic, and each held-out document's nearest training document.</summary>
public sealed class Doc2VecTopicsExperiment : IExperiment
{
    public const string PlotFile = "documents.png", HeldOutCsv = "held-out.csv";

    public ExperimentInfo Info { get; } = new(
        "doc2vec-topics", "doc2vec places unseen documents by topic", Areas.Embeddings,
        ["NYU ch6", "Le & Mikolov 2014"],
        "Paragraph vectors inferred for held-out documents, with the model frozen, lie nearest to training documents of their own topic: with both PV-DM and PV-DBOW the nearest training document shares the topic at least twice as often as chance.",
        ["doc2vec", "paragraph vectors", "embeddings", "documents"], TimeSpan.FromSeconds(60));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var r = Doc2VecTopics.Run(context.Quick, context.Seed);
        var plot = ExperimentFiles.NewPlot("PV-DBOW document vectors (PCA); large dots: held-out, inferred", "PC 1", "PC 2");
        for (int t = 0; t < r.Topics.Count; t++)
        {
            foreach (bool heldOut in new[] { false, true })
            {
                var points = r.Map.Where(p => p.Topic == r.Topics[t] && p.HeldOut == heldOut).ToList();
                ExperimentFiles.AddPoints(plot, [.. points.Select(p => p.X)], [.. points.Select(p => p.Y)],
                    heldOut ? $"{r.Topics[t]} (held out)" : r.Topics[t], ExperimentFiles.Palette.GetColor(t), size: heldOut ? 9 : 4);
            }
        }
        string dir = context.OutputDirectory;
        var files = new List<string>
        {
            ExperimentFiles.SavePng(plot, dir, PlotFile),
            EmbeddingFigures.SaveTextCsv(dir, HeldOutCsv, ["mode", "document", "topic", "nearest", "nearest_topic", "cosine"],
                r.HeldOut.Select(h => (IReadOnlyList<string>)[h.Mode, h.Tag, h.Topic, h.Nearest, h.NearestTopic, EmbeddingFigures.Number(h.Similarity)])),
        };
        var table = new Table().AddColumns("mode", "held-out placed by topic", "chance");
        foreach (var mode in Doc2VecTopics.Modes) table.AddRow(mode, ExperimentFiles.Format(r.Accuracy(mode)), ExperimentFiles.Format(r.Chance));
        context.Console.Write(table);
        return new ExperimentOutcome(files,
            [new("PV-DM held-out accuracy", r.Accuracy("PV-DM")), new("PV-DBOW held-out accuracy", r.Accuracy("PV-DBOW")), new("chance", r.Chance),
             new("held-out documents", r.HeldOut.Count / Doc2VecTopics.Modes.Length), new("topics", r.Topics.Count)],
            Check(r));
    }

    /// <summary>
    /// Holds when both modes place held-out documents by topic at least twice as often as chance. The quick run (generated
    /// topics) holds with room to spare; the first full run on four fortunes files (1 300 training fortunes, 326 held
    /// out, default seed) did <b>not</b>: 38 % (PV-DM) and 39 % (PV-DBOW) against a chance of 34 %, and nearest topic
    /// centroids did no better (36 %, 37 %). Short quips filed by theme share little vocabulary within a file; tuning
    /// (more epochs, a larger corpus, other files) is open.
    /// </summary>
    internal static ClaimCheck Check(Doc2VecTopicsResult r)
    {
        bool holds = Doc2VecTopics.Modes.All(m => r.Accuracy(m) >= 2 * r.Chance);
        return new(holds, FormattableString.Invariant(
            $"the nearest training document shares the held-out document's topic for {r.Accuracy("PV-DM"):P0} (PV-DM) and {r.Accuracy("PV-DBOW"):P0} (PV-DBOW) of {r.HeldOut.Count / Doc2VecTopics.Modes.Length} documents over {r.Topics.Count} topics; chance is {r.Chance:P0}, so ≥ {2 * r.Chance:P0} was needed."));
    }
}
