using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="VaeTraining"/>: ELBO curves, a sample grid, the 2-D latent manifold, and the IWAE bounds.</summary>
public sealed class VaeExperiment : IExperiment
{
    public const string CurvesFile = "vae-elbo.png", SamplesFile = "vae-samples.png", ManifoldFile = "vae-manifold.png",
        CsvFile = "vae-elbo.csv", BoundsFile = "vae-iwae.csv";

    public string Id => "vae";

    public string Description => "A VAE on binarised Fashion-MNIST: ELBO curves, samples, the 2-D latent manifold, and IWAE ≥ ELBO for K = 1, 5, 50 (GBC §20.10.3).";

    public IReadOnlyList<string> Run(string outputDirectory, IAnsiConsole console) => Render(VaeTraining.Run(quick: false), outputDirectory, console);

    public static IReadOnlyList<string> Render(VaeResult r, string outputDirectory, IAnsiConsole console)
    {
        var epochs = Enumerable.Range(1, r.TrainElbo.Length).Select(e => (double)e).ToArray();
        var plot = ExperimentFiles.NewPlot($"VAE on {r.Data}, latent size {VaeTraining.Latent}", "epoch", "ELBO (nats per image)");
        ExperimentFiles.AddLine(plot, epochs, r.TrainElbo, "train (running mean over the epoch)", ExperimentFiles.Palette.GetColor(0));
        ExperimentFiles.AddLine(plot, epochs, r.TestElbo, "test", ExperimentFiles.Palette.GetColor(1));
        plot.ShowLegend(ScottPlot.Alignment.LowerRight);
        var files = new List<string>
        {
            ExperimentFiles.SavePng(plot, outputDirectory, CurvesFile),
            ImageGrid.SaveGreyscale(outputDirectory, SamplesFile, "VAE samples: decoder means for z ~ N(0, I)", r.Samples, 8),
            ImageGrid.SaveGreyscale(outputDirectory, ManifoldFile, "Latent manifold: codes at the normal's quantiles", r.Manifold, r.ManifoldSide),
            ExperimentFiles.SaveCsv(outputDirectory, CsvFile, ["epoch", "train_elbo", "test_elbo"],
                epochs.Select((e, i) => (IReadOnlyList<double>)[e, r.TrainElbo[i], r.TestElbo[i]])),
            ExperimentFiles.SaveCsv(outputDirectory, BoundsFile, ["k", "test_iwae_nats"], r.IwaeSamples.Select((k, i) => (IReadOnlyList<double>)[k, r.TestIwae[i]])),
        };
        var table = new Table().AddColumns("K", "test IWAE bound (nats)");
        for (int i = 0; i < r.IwaeSamples.Length; i++) table.AddRow(r.IwaeSamples[i].ToString(), ExperimentFiles.Format(r.TestIwae[i]));
        console.Write(table);
        return files;
    }
}
