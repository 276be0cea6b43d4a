using Sharpgrad.Data;
using Sharpgrad.IO;
using Sharpgrad.Training;
using Spectre.Console;

namespace Sharpgrad.Cli.Training;

/// <summary>
/// The body of <c>sharpgrad eval</c>: rebuilds the model described in a saved file's metadata
/// (<see cref="ModelMetadata"/>), loads its weights, and reports loss and accuracy on the test split of the data set it
/// was trained on: for the digits the test part of the same seeded 80/20 split, for Fashion-MNIST and MNIST the
/// official test file.
/// </summary>
public sealed class EvalJob(IAnsiConsole console)
{
    public EvalJob()
        : this(AnsiConsole.Console)
    {
    }

    /// <summary>Evaluates the model file; returns (test loss, test accuracy).</summary>
    public (double Loss, double Accuracy) Evaluate(EvalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var file = SafeTensors.LoadWithMetadata(settings.ModelFile);
        var metadata = ModelMetadata.Parse(file.Metadata, settings.ModelFile);
        if (metadata.Dataset == DatasetKind.Digits && metadata.Seed != settings.Seed)
            console.MarkupLine($"[yellow]warning:[/] the model was trained with --seed {metadata.Seed}; with --seed {settings.Seed} the test split overlaps its training data.");
        var model = SavedModel.Load(file, metadata, settings.ModelFile, console);
        var test = TrainingData.TestSplit(metadata.Dataset, settings.DataRoot ?? metadata.DataRoot, settings.Seed, metadata.Model.TakesFlatInputs());
        var (loss, accuracy) = Metrics.Evaluate(model, test);
        console.MarkupLine($"{Markup.Escape(settings.ModelFile)}: test loss {loss:F4}, test accuracy [bold]{accuracy:P2}[/] on {test.Count} {Commands.OptionParsers.ChoiceName(metadata.Dataset)} images.");
        return (loss, accuracy);
    }

    /// <summary>Runs the job; returns the process exit code (0 on success).</summary>
    public int Run(EvalSettings settings)
    {
        Evaluate(settings);
        return 0;
    }
}
