using Sharpgrad.Data;
using Sharpgrad.IO;
using Spectre.Console;

namespace Sharpgrad.Cli.Training;

/// <summary>
/// The body of <c>sharpgrad eval</c>: rebuilds the model described in a saved file's metadata, loads its
/// weights, and reports loss and accuracy on the test split of the same seeded 80/20 split.
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
        var hidden = DigitsMlp.HiddenFrom(file.Metadata, settings.ModelFile);
        if (file.Metadata.TryGetValue("seed", out var trainedSeed) && trainedSeed != settings.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture))
            console.MarkupLine($"[yellow]warning:[/] the model was trained with --seed {Markup.Escape(trainedSeed)}; with --seed {settings.Seed} the test split overlaps its training data.");
        var model = DigitsMlp.Build(hidden, new Generator(0), DigitsMlp.DropoutFrom(file.Metadata, settings.ModelFile));
        model.LoadStateDict(file.Tensors);
        var (_, test) = Datasets.Digits().Split(TrainJob.TrainFraction, seed: settings.Seed);
        var (loss, accuracy) = Metrics.Evaluate(model, test);
        console.MarkupLine($"{Markup.Escape(settings.ModelFile)}: test loss {loss:F4}, test accuracy [bold]{accuracy:P2}[/] on {test.Count} digits.");
        return (loss, accuracy);
    }

    /// <summary>Runs the job; returns the process exit code (0 on success).</summary>
    public int Run(EvalSettings settings)
    {
        Evaluate(settings);
        return 0;
    }
}
