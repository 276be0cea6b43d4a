using ScottPlot;
using Sharpgrad.NN.Memory.Tasks;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="MemN2NBabi"/>: test error per task, one line per hop count, the 5 % pass mark, and the table as CSV.</summary>
public sealed class MemN2NBabiExperiment : IExperiment
{
    public const string PlotFile = "memn2n-babi.png", CsvFile = "memn2n-babi.csv";

    public string Id => "memn2n-babi";

    public string Description => "End-to-end memory networks with 1–3 hops on generated bAbI tasks 1, 2, 6 and 7: test error per task (Sukhbaatar et al. 2015; NYU notes).";

    public IReadOnlyList<string> Run(string outputDirectory, IAnsiConsole console)
    {
        var runs = MemN2NBabi.Run();
        var table = new Table().AddColumns(["task", .. MemN2NBabi.Hops.Select(h => $"{h} hop{(h > 1 ? "s" : "")}")]);
        foreach (var task in runs.Select(r => r.Task).Distinct())
            table.AddRow([((int)task).ToString(), .. runs.Where(r => r.Task == task).Select(r => ExperimentFiles.Format(r.TestError))]);
        console.MarkupLine("Test error of MemN2N (bAbI fails a task above 0.05):");
        console.Write(table);
        return Write(runs, outputDirectory);
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
