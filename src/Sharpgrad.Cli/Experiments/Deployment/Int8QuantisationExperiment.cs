using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// Renders <see cref="Int8Quantisation"/>: LeNet-5 on Fashion-MNIST (the quick run, or where the Debian package is
/// missing: the small CNN on the bundled digits), float32 against int8, accuracy and inference time, as a table and CSV.
/// </summary>
public sealed class Int8QuantisationExperiment : IExperiment
{
    public const string CsvFile = "int8-quantisation.csv";

    /// <summary>The acceptance of issue #18: int8 within 1 point of float32.</summary>
    public const double Tolerance = 0.01;

    public ExperimentInfo Info { get; } = new("int8-quantisation", "Post-training int8 quantisation", Areas.Deployment,
        ["GBC §12.1.6", "Jacob et al. 2018"],
        "A CNN quantised after training to int8 weights (per channel) and activations (calibrated per tensor) keeps its float32 accuracy within 1 point.",
        ["quantisation", "int8", "inference", "fashion-mnist"], TimeSpan.FromMinutes(3));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var console = context.Console;
        Int8QuantisationResult result;
        try
        {
            result = context.Quick ? Int8Quantisation.Digits(context.Seed) : Int8Quantisation.FashionMnist(context.Seed);
        }
        catch (IOException e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            console.MarkupLine($"[yellow]Fashion-MNIST is not installed ({Markup.Escape(e.Message)}); running on the bundled digits instead.[/]");
            result = Int8Quantisation.Digits(context.Seed);
        }
        var csv = ExperimentFiles.SaveCsv(context.OutputDirectory, CsvFile, ["int8", "test_accuracy", "test_pass_seconds"],
            [[0, result.Float32Accuracy, result.Float32Seconds], [1, result.Int8Accuracy, result.Int8Seconds]]);
        var table = new Table().AddColumns("model", "test accuracy", "test pass (s)");
        table.AddRow($"{result.Model}, float32", ExperimentFiles.Format(result.Float32Accuracy), ExperimentFiles.Format(result.Float32Seconds));
        table.AddRow($"{result.Model}, int8", ExperimentFiles.Format(result.Int8Accuracy), ExperimentFiles.Format(result.Int8Seconds));
        console.MarkupLine($"{result.Data}: calibrated on {result.CalibrationImages} training images; accuracy change {ExperimentFiles.Format(result.AccuracyChange)}, "
            + $"int8 speed {ExperimentFiles.Format(result.SpeedUp)}× float32's.");
        console.Write(table);
        return new ExperimentOutcome([csv],
            [new("float32 accuracy", result.Float32Accuracy), new("int8 accuracy", result.Int8Accuracy),
             new("accuracy change", result.AccuracyChange), new("int8 speed-up", result.SpeedUp)],
            Check(result));
    }

    /// <summary>The int8 model's test accuracy is within 1 point of the float32 model's.</summary>
    internal static ClaimCheck Check(Int8QuantisationResult result) => ClaimCheck.That(Math.Abs(result.AccuracyChange) <= Tolerance,
        $"{result.Data}, {result.Model}: test accuracy float32 {ExperimentFiles.Format(result.Float32Accuracy)}, int8 {ExperimentFiles.Format(result.Int8Accuracy)} "
        + $"(change {ExperimentFiles.Format(result.AccuracyChange)}); int8 pass {ExperimentFiles.Format(result.SpeedUp)}× as fast.");
}
