using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="GloveVersusWord2Vec"/>: the synonym score of each model as bars against chance, with the training times.</summary>
public sealed class GloveVersusWord2VecExperiment : IExperiment
{
    public const string PlotFile = "scores.png", ScoresCsv = "scores.csv";

    public ExperimentInfo Info { get; } = new(
        "glove-vs-word2vec", "GloVe against skip-gram on one corpus", Areas.Embeddings,
        ["NYU ch6", "GBC §12.4", "Buduma ch6"],
        "GloVe (weighted least squares on log co-occurrence counts) and skip-gram (one predicted pair at a time) both learn vectors whose WordNet synonym score is far above chance on the same corpus, dimension and window.",
        ["GloVe", "word2vec", "embeddings", "text"], TimeSpan.FromSeconds(300));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var r = GloveVersusWord2Vec.Run(context.Quick, context.Seed);
        var models = new[] { r.Word2Vec, r.GloVe };
        string dir = context.OutputDirectory;
        var plot = EmbeddingFigures.ScoreBars([.. models.Select(m => ($"{m.Name} ({m.Seconds:F1} s)", m.Score.MeanReciprocalRank))], r.ChanceScore,
            "WordNet synonym score, same corpus and dimension", "mean reciprocal rank of the best synonym");
        var files = new List<string>
        {
            ExperimentFiles.SavePng(plot, dir, PlotFile),
            EmbeddingFigures.SaveTextCsv(dir, ScoresCsv, ["model", "mrr", "recall_at_10", "seconds"],
                models.Select(m => (IReadOnlyList<string>)[m.Name, EmbeddingFigures.Number(m.Score.MeanReciprocalRank), EmbeddingFigures.Number(m.Score.RecallAt10), EmbeddingFigures.Number(m.Seconds)])),
        };
        var table = new Table().AddColumns("model", "synonym MRR", "recall@10", "seconds");
        foreach (var m in models) table.AddRow(Markup.Escape(m.Name), ExperimentFiles.Format(m.Score.MeanReciprocalRank), ExperimentFiles.Format(m.Score.RecallAt10), ExperimentFiles.Format(m.Seconds));
        context.Console.Write(table);
        return new ExperimentOutcome(files,
            [new("skip-gram synonym MRR", r.Word2Vec.Score.MeanReciprocalRank), new("GloVe synonym MRR", r.GloVe.Score.MeanReciprocalRank), new("chance MRR", r.ChanceScore),
             new("skip-gram seconds", r.Word2Vec.Seconds), new("GloVe seconds", r.GloVe.Seconds), new("co-occurrence pairs", r.Cooccurrences)],
            Check(r));
    }

    /// <summary>Holds when both models' synonym MRR is at least 3× chance.</summary>
    internal static ClaimCheck Check(GloveVersusWord2VecResult r)
    {
        double w = r.Word2Vec.Score.MeanReciprocalRank, g = r.GloVe.Score.MeanReciprocalRank;
        return new(w >= 3 * r.ChanceScore && g >= 3 * r.ChanceScore, FormattableString.Invariant(
            $"synonym MRR {w:F4} (skip-gram, {r.Word2Vec.Seconds:F1} s) and {g:F4} (GloVe, {r.GloVe.Seconds:F1} s incl. counting) against chance {r.ChanceScore:F4} (needed 3×)."));
    }
}
