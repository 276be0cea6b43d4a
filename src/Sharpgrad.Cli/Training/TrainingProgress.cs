using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Sharpgrad.Cli.Training;

/// <summary>
/// Drives the epoch loop on screen: a live progress bar whose caption shows the latest loss and
/// accuracy while training runs, then a table of every epoch's metrics at the end.
/// </summary>
/// <remarks>
/// A live bar redraws itself with cursor movements, which is noise in a log file or a CI transcript.
/// So when the console is not interactive (output redirected, CI detected, no TTY) this prints one
/// plain line per epoch instead; the final table is plain text either way (no colour codes when the
/// console does not support them).
/// </remarks>
public static class TrainingProgress
{
    /// <summary>
    /// Calls <paramref name="runEpoch"/> for epochs 1..<paramref name="epochs"/> in order, showing
    /// progress as it goes, prints the per-epoch table, and returns the metrics of every epoch.
    /// </summary>
    /// <param name="epochs">How many epochs to run; must be positive.</param>
    /// <param name="runEpoch">
    /// Trains for one epoch and evaluates; receives the 1-based epoch number. The caller can also save
    /// checkpoints, <c>metrics.csv</c> or the curves plot from here. An exception from it stops the
    /// loop and propagates unchanged.
    /// </param>
    /// <param name="console">Where to draw; defaults to <see cref="AnsiConsole.Console"/> (tests pass a recording console).</param>
    public static IReadOnlyList<EpochMetrics> Run(int epochs, Func<int, EpochMetrics> runEpoch, IAnsiConsole? console = null)
    {
        ArgumentNullException.ThrowIfNull(runEpoch);
        return Track(epochs, report =>
        {
            for (int epoch = 1; epoch <= epochs; epoch++)
            {
                report(runEpoch(epoch));
            }
        }, console);
    }

    /// <summary>
    /// Shows the progress of a loop that something else drives, such as <see cref="Sharpgrad.Training.Trainer"/>:
    /// <paramref name="train"/> runs the whole loop and calls the report action it is given after every epoch.
    /// Epochs may start after 1 (a resumed run) and end before <paramref name="epochs"/> (early stopping). Prints
    /// the per-epoch table at the end and returns every reported epoch.
    /// </summary>
    public static IReadOnlyList<EpochMetrics> Track(int epochs, Action<Action<EpochMetrics>> train, IAnsiConsole? console = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        ArgumentNullException.ThrowIfNull(train);
        console ??= AnsiConsole.Console;

        IReadOnlyList<EpochMetrics> history = IsLive(console)
            ? RunWithLiveBar(epochs, train, console)
            : RunWithPlainLines(epochs, train, console);

        WriteTable(history, console);
        return history;
    }

    /// <summary>Prints one row per epoch: losses and accuracies (in percent) for both splits.</summary>
    public static void WriteTable(IReadOnlyList<EpochMetrics> history, IAnsiConsole? console = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        console ??= AnsiConsole.Console;

        var table = new Table()
            .Title("Training history")
            .AddColumn(new TableColumn("epoch").RightAligned())
            .AddColumn(new TableColumn("train loss").RightAligned())
            .AddColumn(new TableColumn("train acc").RightAligned())
            .AddColumn(new TableColumn("test loss").RightAligned())
            .AddColumn(new TableColumn("test acc").RightAligned());

        // Without Unicode (e.g. a plain-ASCII log) the box-drawing characters would turn into '?'.
        if (!console.Profile.Capabilities.Unicode)
        {
            table.Border(TableBorder.Ascii);
        }

        foreach (EpochMetrics m in history)
        {
            table.AddRow(
                m.Epoch.ToString(CultureInfo.InvariantCulture),
                Loss(m.TrainLoss),
                Percent(m.TrainAccuracy),
                Loss(m.TestLoss),
                Percent(m.TestAccuracy));
        }

        console.Write(table);
    }

    /// <summary>A live bar needs both cursor control (ANSI) and someone watching (interactive).</summary>
    private static bool IsLive(IAnsiConsole console) =>
        console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi;

    private static List<EpochMetrics> RunWithLiveBar(int epochs, Action<Action<EpochMetrics>> train, IAnsiConsole console)
    {
        var history = new List<EpochMetrics>(epochs);
        console.Progress()
            .AutoClear(false) // keep the finished bar on screen as a record of the run's duration
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask("waiting for the first epoch", maxValue: epochs);
                train(metrics =>
                {
                    history.Add(metrics);
                    task.Description = Markup.Escape(Caption(metrics, epochs));
                    task.Value = metrics.Epoch;
                });
            });
        return history;
    }

    private static List<EpochMetrics> RunWithPlainLines(int epochs, Action<Action<EpochMetrics>> train, IAnsiConsole console)
    {
        var history = new List<EpochMetrics>(epochs);
        long start = Stopwatch.GetTimestamp();
        train(metrics =>
        {
            history.Add(metrics);
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            start = Stopwatch.GetTimestamp();
            // WriteLine(string) takes the text literally (no markup parsing), so brackets are safe.
            console.WriteLine(
                $"epoch {EpochOf(metrics, epochs)}  train loss {Loss(metrics.TrainLoss)} acc {Percent(metrics.TrainAccuracy)}"
                + $"  test loss {Loss(metrics.TestLoss)} acc {Percent(metrics.TestAccuracy)}"
                + $"  ({seconds.ToString("F1", CultureInfo.InvariantCulture)}s)");
        });
        return history;
    }

    /// <summary>The live bar's caption: short, because the bar and timings share the line.</summary>
    private static string Caption(EpochMetrics m, int epochs) =>
        $"epoch {EpochOf(m, epochs)}  loss {Loss(m.TrainLoss)}  acc {Percent(m.TrainAccuracy)}  test acc {Percent(m.TestAccuracy)}";

    /// <summary>"3/30", the epoch number padded so consecutive captions and log lines line up.</summary>
    private static string EpochOf(EpochMetrics m, int epochs)
    {
        string total = epochs.ToString(CultureInfo.InvariantCulture);
        return $"{m.Epoch.ToString(CultureInfo.InvariantCulture).PadLeft(total.Length)}/{total}";
    }

    private static string Loss(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    private static string Percent(double fraction) =>
        (100 * fraction).ToString("F2", CultureInfo.InvariantCulture) + "%";
}
