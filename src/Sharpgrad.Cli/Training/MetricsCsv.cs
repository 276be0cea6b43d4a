using System.Globalization;
using System.Text;
using Sharpgrad.IO;

namespace Sharpgrad.Cli.Training;

/// <summary>
/// The per-epoch metrics of a run as <c>metrics.csv</c>, one row per epoch. The file is rewritten
/// whole after every epoch, atomically, so it can be tailed or plotted while training is running
/// and is never left truncated if the run is killed.
/// </summary>
public static class MetricsCsv
{
    /// <summary>The conventional file name inside a run folder.</summary>
    public const string FileName = "metrics.csv";

    /// <summary>The header row; column order matches <see cref="EpochMetrics"/>.</summary>
    public const string Header = "epoch,train_loss,train_accuracy,test_loss,test_accuracy";

    /// <summary>Writes <paramref name="history"/> to <paramref name="path"/>, replacing it atomically.</summary>
    /// <remarks>
    /// Numbers use the invariant culture and the shortest round-trip form, so the file reads the same
    /// on every machine and <see cref="Read"/> gets back exactly the doubles that were written.
    /// Lines end in '\n' whatever the platform, so runs diff cleanly.
    /// </remarks>
    public static void Write(string path, IReadOnlyList<EpochMetrics> history)
    {
        ArgumentNullException.ThrowIfNull(history);

        var text = new StringBuilder();
        text.Append(Header).Append('\n');
        foreach (EpochMetrics m in history)
        {
            text.Append(m.Epoch.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Format(m.TrainLoss)).Append(',')
                .Append(Format(m.TrainAccuracy)).Append(',')
                .Append(Format(m.TestLoss)).Append(',')
                .Append(Format(m.TestAccuracy)).Append('\n');
        }

        // UTF-8 without a byte-order mark: a BOM would end up glued to the first header name.
        byte[] bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text.ToString());
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>Reads a file written by <see cref="Write"/> (e.g. to re-plot a finished run).</summary>
    /// <exception cref="InvalidDataException">The header or a row is not in the expected format.</exception>
    public static IReadOnlyList<EpochMetrics> Read(string path)
    {
        string[] lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0].Trim() != Header)
        {
            throw new InvalidDataException($"{path}: expected the header '{Header}'.");
        }

        var history = new List<EpochMetrics>(lines.Length - 1);
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            string[] fields = lines[i].Split(',');
            if (fields.Length != 5
                || !int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int epoch)
                || !TryParse(fields[1], out double trainLoss)
                || !TryParse(fields[2], out double trainAccuracy)
                || !TryParse(fields[3], out double testLoss)
                || !TryParse(fields[4], out double testAccuracy))
            {
                throw new InvalidDataException($"{path}:{i + 1}: expected 5 numbers, got '{lines[i]}'.");
            }

            history.Add(new EpochMetrics(epoch, trainLoss, trainAccuracy, testLoss, testAccuracy));
        }

        return history;
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static bool TryParse(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
