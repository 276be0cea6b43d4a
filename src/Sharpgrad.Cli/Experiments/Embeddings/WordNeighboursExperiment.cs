using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="WordNeighbours"/>: the t-SNE map of the most frequent words, their coordinates and the neighbour lists as CSV.</summary>
public sealed class WordNeighboursExperiment : IExperiment
{
    public const string MapFile = "word_map.png", MapCsv = "word_map.csv", NeighboursCsv = "neighbours.csv";

    public ExperimentInfo Info { get; } = new(
        "word2vec-neighbours", "Skip-gram neighbours and a t-SNE map of frequent words", Areas.Embeddings,
        ["Buduma ch6", "GBC §12.4", "NYU ch6"],
        "Skip-gram vectors trained on real text put a word's WordNet synonyms among its nearest neighbours far more often than chance, and a t-SNE map of the frequent words shows related words together.",
        ["word2vec", "embeddings", "t-SNE", "text"], TimeSpan.FromSeconds(120));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var r = WordNeighbours.Run(context.Quick, context.Seed);
        string dir = context.OutputDirectory;
        var files = new List<string>
        {
            ExperimentFiles.SavePng(EmbeddingFigures.WordMap(r.MapWords, r.MapX, r.MapY, $"t-SNE of the {r.MapWords.Length} most frequent words (skip-gram)"), dir, MapFile, 1100, 900),
            EmbeddingFigures.SaveTextCsv(dir, MapCsv, ["word", "x", "y"],
                r.MapWords.Select((w, i) => (IReadOnlyList<string>)[w, EmbeddingFigures.Number(r.MapX[i]), EmbeddingFigures.Number(r.MapY[i])])),
            EmbeddingFigures.SaveTextCsv(dir, NeighboursCsv, ["word", "rank", "neighbour", "cosine"],
                r.Queries.SelectMany(q => q.Neighbours.Select((n, k) => (IReadOnlyList<string>)[q.Word, (k + 1).ToString(), n.Word, EmbeddingFigures.Number(n.Similarity)]))),
        };
        var table = new Table().AddColumns("word", "nearest neighbours");
        foreach (var (word, neighbours) in r.Queries) table.AddRow(Markup.Escape(word), Markup.Escape(string.Join(", ", neighbours.Take(6).Select(n => n.Word))));
        context.Console.Write(table);
        return new ExperimentOutcome(files,
            [new("synonym MRR", r.Score.MeanReciprocalRank), new("synonym recall@10", r.Score.RecallAt10), new("chance MRR", r.ChanceScore),
             new("words scored", r.Score.Words), new("vocabulary", r.VocabularySize), new("training seconds", r.Seconds)],
            Check(r));
    }

    /// <summary>The claim holds when the synonym MRR is at least five times chance.</summary>
    internal static ClaimCheck Check(WordNeighboursResult r) => new(r.Score.MeanReciprocalRank >= 5 * r.ChanceScore,
        FormattableString.Invariant($"WordNet-synonym mean reciprocal rank {r.Score.MeanReciprocalRank:F4} over {r.Score.Words} words against {r.ChanceScore:F4} for a random ranking of {r.VocabularySize} words ({r.Score.MeanReciprocalRank / r.ChanceScore:F1}×; needed 5×)."));
}
