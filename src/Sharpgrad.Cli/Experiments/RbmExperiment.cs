using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="RbmTraining"/>: CD-1 and PCD filters and Gibbs samples, and AIS against exact log Z.</summary>
public sealed class RbmExperiment : IExperiment
{
    public const string CsvFile = "rbm.csv";

    public string Id => "rbm";

    public string Description => "CD-1 vs PCD on binarised Fashion-MNIST: filters, Gibbs samples, and AIS against the exact log Z of a small RBM (GBC §18.2, §18.7.1).";

    public IReadOnlyList<string> Run(string outputDirectory, IAnsiConsole console) => Render(RbmTraining.Run(quick: false), outputDirectory, console);

    public static IReadOnlyList<string> Render(RbmComparison r, string outputDirectory, IAnsiConsole console)
    {
        var files = new List<string>();
        foreach (var run in r.Runs)
        {
            string key = run.Method.ToLowerInvariant();
            files.Add(ImageGrid.SaveFilters(outputDirectory, $"rbm-filters-{key}.png", $"{run.Method} filters ({r.Hidden} hidden units, {r.Data})", run.Filters, Math.Min(8, r.Hidden)));
            files.Add(ImageGrid.SaveGreyscale(outputDirectory, $"rbm-samples-{key}.png", $"{run.Method}: visible means after long Gibbs chains", run.Samples, 8));
        }
        files.Add(ExperimentFiles.SaveCsv(outputDirectory, CsvFile,
            ["method_pcd", "exact_log_z", "ais_log_z", "ais_standard_error", "train_log_likelihood", "test_log_likelihood"],
            r.Runs.Select((run, i) => (IReadOnlyList<double>)[i, run.ExactLogZ, run.Ais.LogZ, run.Ais.StandardError, run.TrainLogLikelihood, run.TestLogLikelihood])));
        var table = new Table().AddColumns("method", "exact log Z", "AIS log Z ± se", "train LL", "test LL (nats)");
        foreach (var run in r.Runs)
            table.AddRow(run.Method, ExperimentFiles.Format(run.ExactLogZ), $"{ExperimentFiles.Format(run.Ais.LogZ)} ± {ExperimentFiles.Format(run.Ais.StandardError)}",
                ExperimentFiles.Format(run.TrainLogLikelihood), ExperimentFiles.Format(run.TestLogLikelihood));
        console.Write(table);
        console.MarkupLine($"Independent pixels at the base rates: test LL {ExperimentFiles.Format(r.BaseRateTestLogLikelihood)} nats.");
        return files;
    }
}
