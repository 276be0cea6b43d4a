using System.Globalization;
using System.Text;
using Sharpgrad.IO;

namespace Sharpgrad.Training;

/// <summary>The trials of a search ranked by their score, best first (ties keep trial order, NaN scores last), with a CSV export.</summary>
public sealed class SearchResults
{
    internal SearchResults(TrainingMetric metric, IEnumerable<TrialResult> results)
    {
        Metric = metric;
        // NaN scores (diverged or unmeasured trials) go last; ordering would otherwise put NaN first.
        Ranked = results
            .OrderBy(r => double.IsNaN(r.Score))
            .ThenBy(r => metric.HigherIsBetter ? -r.Score : r.Score)
            .ThenBy(r => r.Trial.Number)
            .ToList();
    }

    public TrainingMetric Metric { get; }

    /// <summary>Every trial, best first.</summary>
    public IReadOnlyList<TrialResult> Ranked { get; }

    public TrialResult Best => Ranked[0];

    /// <summary>The hyper-parameter names, in the order of the first trial.</summary>
    public IReadOnlyList<string> ParameterNames => Ranked.OrderBy(r => r.Trial.Number).First().Trial.Parameters.Keys.ToList();

    /// <summary>
    /// The table as CSV: <c>rank,trial,&lt;each hyper-parameter&gt;,&lt;metric&gt;,best_epoch,epochs,train_loss,
    /// validation_loss,validation_accuracy</c>, where the last three are those of the best epoch, less the one that is
    /// the ranking metric itself (it already has its column, and a header must not name two columns alike). Values are
    /// invariant text; a value containing a comma or a quote is quoted.
    /// </summary>
    public string ToCsv()
    {
        var bestEpochColumns = BestEpochColumns.Where(c => c.Name != Metric.Name).ToList();
        var text = new StringBuilder();
        text.AppendJoin(',', new[] { "rank", "trial" }.Concat(ParameterNames.Select(Quote))
            .Concat([Metric.Name, "best_epoch", "epochs"]).Concat(bestEpochColumns.Select(c => c.Name))).Append('\n');
        for (int i = 0; i < Ranked.Count; i++)
        {
            var r = Ranked[i];
            text.AppendJoin(',', new[] { Text(i + 1), Text(r.Trial.Number) }
                .Concat(ParameterNames.Select(name => Quote(Trial.FormatValue(r.Trial.Parameters[name]))))
                .Concat([Number(r.Score), Text(r.BestEpoch.Epoch), Text(r.History.Epochs.Count)])
                .Concat(bestEpochColumns.Select(c => Number(c.Read(r.BestEpoch))))).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The best epoch's numbers the CSV reports besides the score.</summary>
    private static readonly TrainingMetric[] BestEpochColumns =
        [TrainingMetric.TrainLoss, TrainingMetric.ValidationLoss, TrainingMetric.ValidationAccuracy];

    /// <summary>Writes <see cref="ToCsv"/> to <paramref name="path"/> atomically.</summary>
    public void WriteCsv(string path) =>
        AtomicFile.WriteAllBytes(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(ToCsv()));

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string value) =>
        value.Contains(',') || value.Contains('"') ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
