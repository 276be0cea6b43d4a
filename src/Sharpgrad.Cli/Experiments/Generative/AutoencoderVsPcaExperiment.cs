using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="AutoencoderVsPca"/>: error against code size for both, and both 2-D codes coloured by class.</summary>
public sealed class AutoencoderVsPcaExperiment : IExperiment
{
    public const string ErrorsFile = "autoencoder-vs-pca.png", CodesFile = "autoencoder-vs-pca-codes.png", CsvFile = "autoencoder-vs-pca.csv";

    public ExperimentInfo Info { get; } = new("autoencoder-vs-pca", "A deep autoencoder against PCA", Areas.Generative,
        ["GBC §14.9", "GBC §14.1", "Hinton & Salakhutdinov 2006"],
        "A deep autoencoder reconstructs Fashion-MNIST test images better than PCA with as many components, 30 code units against 30 components.",
        ["autoencoder", "pca", "dimensionality reduction", "fashion-mnist"], TimeSpan.FromMinutes(15));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var r = AutoencoderVsPca.Run(context.Quick, context.Seed);
        return new ExperimentOutcome(Render(r, context.OutputDirectory, context.Console),
            [.. r.Sizes.SelectMany(s => new KeyNumber[] { new($"autoencoder test MSE, code {s.CodeSize}", s.AutoencoderMse), new($"PCA test MSE, {s.CodeSize} components", s.PcaMse) })],
            Check(r));
    }

    /// <summary>At the largest code size compared (30; 2 in quick mode, where the digits leave PCA nothing to lose at 30) the autoencoder's error is lower.</summary>
    internal static ClaimCheck Check(AutoencoderVsPcaResult r)
    {
        var largest = r.Sizes[^1];
        string scope = largest.CodeSize == 30 ? "" : $" (quick mode on {r.Data}: code size {largest.CodeSize} only; the 30-unit claim needs the full run)";
        return ClaimCheck.That(largest.AutoencoderMse < largest.PcaMse,
            $"test MSE per pixel with {largest.CodeSize} code units: autoencoder {ExperimentFiles.Format(largest.AutoencoderMse)}, PCA {ExperimentFiles.Format(largest.PcaMse)}{scope}.");
    }

    public static IReadOnlyList<string> Render(AutoencoderVsPcaResult r, string outputDirectory, IAnsiConsole console)
    {
        var codes = r.Sizes.Select(s => (double)s.CodeSize).ToArray();
        var plot = ExperimentFiles.NewPlot($"Reconstruction error on {r.Data} test images", "code size", "MSE per pixel");
        ExperimentFiles.AddLine(plot, codes, [.. r.Sizes.Select(s => s.AutoencoderMse)], $"deep autoencoder ({string.Join("-", r.HiddenSizes)}-code)", ExperimentFiles.Palette.GetColor(0), markerSize: 8);
        ExperimentFiles.AddLine(plot, codes, [.. r.Sizes.Select(s => s.PcaMse)], "PCA", ExperimentFiles.Palette.GetColor(1), LinePattern.Dashed, markerSize: 8);
        plot.ShowLegend(Alignment.UpperRight);
        var figure = new Multiplot { Layout = new ScottPlot.MultiplotLayouts.Columns() };
        CodeScatter(figure.GetPlot(0), "Deep autoencoder, 2-D code", r.AutoencoderCodes, r.TestLabels);
        CodeScatter(figure.AddPlot(), "PCA, 2 components", r.PcaCodes, r.TestLabels);
        var files = new List<string>
        {
            ExperimentFiles.SavePng(plot, outputDirectory, ErrorsFile),
            ExperimentFiles.SavePng(figure, outputDirectory, CodesFile, 1600, 700),
            ExperimentFiles.SaveCsv(outputDirectory, CsvFile, ["code_size", "autoencoder_mse", "pca_mse"],
                r.Sizes.Select(s => (IReadOnlyList<double>)[s.CodeSize, s.AutoencoderMse, s.PcaMse])),
        };
        var table = new Table().AddColumns("code size", "autoencoder MSE", "PCA MSE");
        foreach (var s in r.Sizes) table.AddRow(s.CodeSize.ToString(), ExperimentFiles.Format(s.AutoencoderMse), ExperimentFiles.Format(s.PcaMse));
        console.Write(table);
        return files;
    }

    /// <summary>Test images' 2-D codes, one colour per class.</summary>
    private static void CodeScatter(Plot plot, string title, Tensor codes, Tensor labels)
    {
        ExperimentFiles.Style(plot, title, "code 1", "code 2");
        var (points, classes) = (codes.Double().ToArray<double>(), labels.ToArray<long>());
        foreach (long label in classes.Distinct().Order())
        {
            var rows = Enumerable.Range(0, classes.Length).Where(i => classes[i] == label).ToArray();
            ExperimentFiles.AddPoints(plot, [.. rows.Select(i => points[2 * i])], [.. rows.Select(i => points[2 * i + 1])], label.ToString(), ExperimentFiles.Palette.GetColor((int)label), size: 4);
        }
        plot.ShowLegend(Edge.Right);
    }
}
