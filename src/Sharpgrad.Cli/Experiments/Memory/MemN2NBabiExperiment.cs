using ScottPlot;
using Sharpgrad.NN.Memory.Tasks;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="MemN2NBabi"/>: test error per task, one line per hop count, the 5 % pass mark, and the table as CSV.</summary>
public sealed class MemN2NBabiExperiment : IExperiment
{
    public const string PlotFile = "memn2n-babi.png", CsvFile = "memn2n-babi.csv";

    public ExperimentInfo Info { get; } = new("memn2n-babi", "End-to-end memory networks on generated bAbI tasks", Areas.Memory,
        ["NYU ch12", "Sukhbaatar et al. 2015", "Weston et al. 2015"],
        "A 3-hop MemN2N with position encoding, linear start and the best of 3 restarts solves the single- and two-supporting-fact tasks (test error under 5%), and 3 hops beat 1 on counting.",
        ["memory networks", "question answering", "attention"], TimeSpan.FromMinutes(20));

    /// <summary>The quick run: task 1 with 3 hops only, 1000 stories, 10 epochs.</summary>
    public static BabiTrainingOptions QuickOptions { get; } = new(TrainExamples: 1000, TestExamples: 200, Epochs: 10);

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var (outputDirectory, console) = (context.OutputDirectory, context.Console);
        var runs = context.Quick
            ? MemN2NBabi.Run(QuickOptions with { Seed = context.Seed }, [BabiTask.SingleSupportingFact], hops: [3])
            : MemN2NBabi.Run(MemN2NBabi.DefaultOptions with { Seed = context.Seed });
        var table = new Table().AddColumns(["task", .. MemN2NBabi.Hops.Select(h => $"{h} hop{(h > 1 ? "s" : "")}")]);
        foreach (var task in runs.Select(r => r.Task).Distinct())
            table.AddRow([((int)task).ToString(), .. runs.Where(r => r.Task == task).Select(r => ExperimentFiles.Format(r.TestError))]);
        console.MarkupLine("Test error of MemN2N (bAbI fails a task above 0.05):");
        console.Write(table);
        return new ExperimentOutcome(Write(runs, outputDirectory),
            [.. runs.Select(r => new KeyNumber($"task {(int)r.Task}, {r.Hops} hops: test error", r.TestError))], Check(runs));
    }

    /// <summary>The bAbI pass mark: a task fails above 5% test error.</summary>
    public const double PassMark = 0.05;

    /// <summary>
    /// Task 1 with 3 hops under the pass mark; where task 2 was run, it too with 3 hops; where counting (task 7) was run,
    /// 3 hops beat 1.
    /// </summary>
    internal static ClaimCheck Check(IReadOnlyList<BabiTrainingRun> runs)
    {
        double Error(BabiTask task, int hops) => runs.Single(r => r.Task == task && r.Hops == hops).TestError;
        bool Ran(BabiTask task) => runs.Any(r => r.Task == task);
        double single = Error(BabiTask.SingleSupportingFact, 3);
        bool two = Ran(BabiTask.TwoSupportingFacts), counted = Ran(BabiTask.Counting);
        bool holds = single < PassMark && (!two || Error(BabiTask.TwoSupportingFacts, 3) < PassMark) &&
            (!counted || Error(BabiTask.Counting, 3) < Error(BabiTask.Counting, 1));
        return ClaimCheck.That(holds, $"task 1 with 3 hops: test error {ExperimentFiles.Format(single)}" +
            (two ? $"; task 2 with 3 hops: {ExperimentFiles.Format(Error(BabiTask.TwoSupportingFacts, 3))}" : "") +
            (counted ? $"; counting: {ExperimentFiles.Format(Error(BabiTask.Counting, 1))} with 1 hop, {ExperimentFiles.Format(Error(BabiTask.Counting, 3))} with 3." : " (quick run: task 1 only)."));
    }

    public static IReadOnlyList<string> Write(IReadOnlyList<BabiTrainingRun> runs, string directory)
    {
        var plot = ExperimentFiles.NewPlot("MemN2N on generated bAbI tasks", "bAbI task", "test error");
        var tasks = runs.Select(r => r.Task).Distinct().ToArray();
        double[] xs = [.. tasks.Select((_, i) => (double)i)];
        foreach (var (hops, k) in runs.Select(r => r.Hops).Distinct().Select((h, k) => (h, k)))
            ExperimentFiles.AddLine(plot, xs, [.. tasks.Select(t => runs.First(r => r.Task == t && r.Hops == hops).TestError)],
                $"{hops} hop{(hops > 1 ? "s" : "")}", ExperimentFiles.Palette.GetColor(k), markerSize: 8);
        ExperimentFiles.AddLine(plot, [xs[0], xs[^1]], [0.05, 0.05], "5 % pass mark", Colors.Gray, LinePattern.Dashed);
        plot.Axes.Bottom.SetTicks(xs, [.. tasks.Select(t => $"{(int)t}: {t}")]);
        plot.ShowLegend(Alignment.UpperLeft);
        return
        [
            ExperimentFiles.SavePng(plot, directory, PlotFile),
            ExperimentFiles.SaveCsv(directory, CsvFile, ["task", "hops", "test_error", "final_train_loss"],
                runs.Select(r => (IReadOnlyList<double>)[(int)r.Task, r.Hops, r.TestError, r.EpochLosses[^1]])),
        ];
    }
}
