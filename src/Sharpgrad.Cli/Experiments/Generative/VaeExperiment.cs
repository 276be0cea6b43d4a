using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="VaeTraining"/>: ELBO curves, a sample grid, the 2-D latent manifold, and the IWAE bounds.</summary>
public sealed class VaeExperiment : IExperiment
{
    public const string CurvesFile = "vae-elbo.png", SamplesFile = "vae-samples.png", ManifoldFile = "vae-manifold.png",
        CsvFile = "vae-elbo.csv", BoundsFile = "vae-iwae.csv";

    public ExperimentInfo Info { get; } = new("vae", "A variational autoencoder on Fashion-MNIST", Areas.Generative,
        ["GBC §20.10.3", "Kingma & Welling 2014", "Burda et al. 2016"],
        "Training raises the ELBO, and the importance-weighted bound tightens with more samples: IWAE(1) = ELBO < IWAE(5) < IWAE(50).",
        ["vae", "variational inference", "fashion-mnist"], TimeSpan.FromMinutes(10));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var r = VaeTraining.Run(context.Quick, context.Seed);
        return new ExperimentOutcome(Render(r, context.OutputDirectory, context.Console),
            [new("first-epoch test ELBO", r.TestElbo[0]), new("final test ELBO", r.TestElbo[^1]), .. r.IwaeSamples.Select((k, i) => new KeyNumber($"test IWAE, K = {k}", r.TestIwae[i]))],
            Check(r));
    }

    /// <summary>The test ELBO rises by more than a nat, and the IWAE bounds increase with K.</summary>
    internal static ClaimCheck Check(VaeResult r)
    {
        bool tightens = r.TestIwae.Zip(r.TestIwae.Skip(1)).All(p => p.Second > p.First);
        return ClaimCheck.That(r.TestElbo[^1] > r.TestElbo[0] + 1 && tightens,
            $"test ELBO {ExperimentFiles.Format(r.TestElbo[0])} → {ExperimentFiles.Format(r.TestElbo[^1])} nats; IWAE for K = {string.Join(", ", r.IwaeSamples)}: " +
            $"{string.Join(", ", r.TestIwae.Select(ExperimentFiles.Format))}.");
    }

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
