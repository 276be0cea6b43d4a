using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="DenoisingAutoencoder"/>: the noisy, reconstructed and clean test images, and the three errors.</summary>
public sealed class DenoisingExperiment : IExperiment
{
    public const string GridFile = "denoising.png", CsvFile = "denoising.csv";

    public ExperimentInfo Info { get; } = new("denoising", "A denoising autoencoder", Areas.Generative,
        ["GBC §14.5", "Vincent et al. 2008"],
        "A denoising autoencoder restores masked test images closer to the clean ones than the masked input is, and closer than an autoencoder trained only to copy clean images.",
        ["autoencoder", "denoising", "fashion-mnist"], TimeSpan.FromMinutes(3));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var r = DenoisingAutoencoder.Run(context.Quick, context.Seed);
        return new ExperimentOutcome(Render(r, context.OutputDirectory, context.Console),
            [new("noisy input MSE", r.NoisyMse), new("plain autoencoder MSE", r.PlainMse), new("denoising autoencoder MSE", r.DenoisingMse)], Check(r));
    }

    /// <summary>The denoising autoencoder's error against the clean images is below both the plain one's and the noisy input's.</summary>
    internal static ClaimCheck Check(DenoisingResult r) => ClaimCheck.That(r.DenoisingMse < r.PlainMse && r.DenoisingMse < r.NoisyMse,
        $"MSE to the clean test images under {r.Corruption}: masked input {ExperimentFiles.Format(r.NoisyMse)}, plain autoencoder {ExperimentFiles.Format(r.PlainMse)}, denoising autoencoder {ExperimentFiles.Format(r.DenoisingMse)}.");

    public static IReadOnlyList<string> Render(DenoisingResult r, string outputDirectory, IAnsiConsole console)
    {
        // Rows: noisy input, reconstruction, clean image; one column per test image.
        var grid = Tensor.Cat([r.Noisy, r.Reconstruction, r.Clean]);
        var files = new List<string>
        {
            ImageGrid.SaveGreyscale(outputDirectory, GridFile, $"{r.Data}: masked input (top), denoised (middle), clean (bottom)", grid, DenoisingAutoencoder.GridImages),
            ExperimentFiles.SaveCsv(outputDirectory, CsvFile, ["noisy_mse", "plain_autoencoder_mse", "denoising_autoencoder_mse"], [[r.NoisyMse, r.PlainMse, r.DenoisingMse]]),
        };
        var table = new Table().AddColumns("test MSE to the clean images", "value");
        table.AddRow("masked input", ExperimentFiles.Format(r.NoisyMse));
        table.AddRow("plain autoencoder", ExperimentFiles.Format(r.PlainMse));
        table.AddRow("denoising autoencoder", ExperimentFiles.Format(r.DenoisingMse));
        console.Write(table);
        return files;
    }
}
