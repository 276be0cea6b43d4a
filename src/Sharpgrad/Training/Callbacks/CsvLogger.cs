using System.Globalization;
using System.Text;
using Sharpgrad.IO;

namespace Sharpgrad.Training;

/// <summary>
/// Writes the run's history to a CSV file after every epoch, like Keras' CSVLogger. The whole file is rewritten
/// atomically each time (<see cref="AtomicFile"/>), so it can be read or plotted while training runs, is never
/// half-written if the run is killed, and after a resume holds every epoch, including those before the interruption.
/// Columns: <c>epoch,step,train_loss,train_accuracy,validation_loss,validation_accuracy,lr</c>; numbers are invariant
/// round-trip text, and a value that was not measured (NaN) is left empty.
/// </summary>
public sealed class CsvLogger(string path) : ITrainingCallback
{
    public const string Header = "epoch,step,train_loss,train_accuracy,validation_loss,validation_accuracy,lr";

    public string Path { get; } = string.IsNullOrWhiteSpace(path)
        ? throw new ArgumentException("CsvLogger: the path must not be empty.", nameof(path))
        : path;

    public void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var r in context.History.Epochs)
            text.AppendJoin(',', r.Epoch.ToString(CultureInfo.InvariantCulture), r.Step.ToString(CultureInfo.InvariantCulture),
                Number(r.TrainLoss), Number(r.TrainAccuracy), Number(r.ValidationLoss), Number(r.ValidationAccuracy),
                Number(r.LearningRate)).Append('\n');
        AtomicFile.WriteAllBytes(Path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text.ToString()));
    }

    private static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);
}
