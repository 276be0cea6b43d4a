using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="NegativeSamplingVersusHs"/>: loss per prediction against wall time for the three objectives, and their synonym scores.</summary>
public sealed class NegativeSamplingVersusHsExperiment : IExperiment
{
    public const string PlotFile = "loss_vs_time.png", CurvesCsv = "loss_vs_time.csv", ScoresCsv = "scores.csv";

    public ExperimentInfo Info { get; } = new(
        "negative-sampling-vs-hs", "Skip-gram by negative sampling vs the hierarchical softmax vs NCE", Areas.Embeddings,
        ["GBC §12.4.3.2", "GBC §18.6", "Buduma ch6", "NYU ch6"],
        "Negative sampling, the hierarchical softmax and NCE all train skip-gram without a full softmax: each objective's loss falls, and each reaches a WordNet synonym score far above chance.",
        ["word2vec", "embeddings", "negative sampling", "hierarchical softmax", "nce"], TimeSpan.FromSeconds(180));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var r = NegativeSamplingVersusHs.Run(context.Quick, context.Seed);
        var runs = r.Runs;
        var plot = ExperimentFiles.NewPlot("Skip-gram loss against wall time", "seconds", "loss per prediction (block mean)");
        for (int i = 0; i < runs.Count; i++) ExperimentFiles.AddLine(plot, runs[i].Seconds, runs[i].BlockLoss, runs[i].Name, ExperimentFiles.Palette.GetColor(i));
        string dir = context.OutputDirectory;
        var files = new List<string>
        {
            ExperimentFiles.SavePng(plot, dir, PlotFile),
            EmbeddingFigures.SaveTextCsv(dir, CurvesCsv, ["objective", "seconds", "loss"],
                runs.SelectMany(run => run.Seconds.Select((s, k) => (IReadOnlyList<string>)[run.Name, EmbeddingFigures.Number(s), EmbeddingFigures.Number(run.BlockLoss[k])]))),
            EmbeddingFigures.SaveTextCsv(dir, ScoresCsv, ["objective", "mrr", "recall_at_10", "seconds"],
                runs.Select(run => (IReadOnlyList<string>)[run.Name, EmbeddingFigures.Number(run.Score.MeanReciprocalRank), EmbeddingFigures.Number(run.Score.RecallAt10), EmbeddingFigures.Number(run.TrainingSeconds)])),
        };
        var table = new Table().AddColumns("objective", "first loss", "last loss", "synonym MRR", "seconds");
        foreach (var run in runs)
        {
            var (first, last) = run.LossEnds();
            table.AddRow(Markup.Escape(run.Name), ExperimentFiles.Format(first), ExperimentFiles.Format(last), ExperimentFiles.Format(run.Score.MeanReciprocalRank), ExperimentFiles.Format(run.TrainingSeconds));
        }
        context.Console.Write(table);
        return new ExperimentOutcome(files,
            [new("NS synonym MRR", r.NegativeSampling.Score.MeanReciprocalRank), new("HS synonym MRR", r.HierarchicalSoftmax.Score.MeanReciprocalRank),
             new("NCE synonym MRR", r.Nce.Score.MeanReciprocalRank),
             new("chance MRR", r.ChanceScore), new("NS seconds", r.NegativeSampling.TrainingSeconds), new("HS seconds", r.HierarchicalSoftmax.TrainingSeconds),
             new("NCE seconds", r.Nce.TrainingSeconds),
             new("HS mean path length", r.MeanPathLength), new("NS dot products per prediction", r.Negative + 1)],
            Check(r));
    }

    /// <summary>Holds when each objective's last tenth of blocks has a lower loss than its first tenth, and each synonym MRR is at least 3× chance.</summary>
    internal static ClaimCheck Check(NegativeSamplingVersusHsResult r)
    {
        var failing = r.Runs.Where(run => !(run.LossEnds().Last < run.LossEnds().First && run.Score.MeanReciprocalRank >= 3 * r.ChanceScore)).ToList();
        var evidence = string.Join("; ", r.Runs.Select(run => FormattableString.Invariant(
            $"{run.Name}: loss per prediction {run.LossEnds().First:F3} → {run.LossEnds().Last:F3}, synonym MRR {run.Score.MeanReciprocalRank:F4}")));
        return new(failing.Count == 0, FormattableString.Invariant($"{evidence}; chance MRR {r.ChanceScore:F4} (needed 3×)")
            + (failing.Count == 0 ? "." : $"; does not hold for {string.Join(", ", failing.Select(f => f.Name))}."));
    }
}
