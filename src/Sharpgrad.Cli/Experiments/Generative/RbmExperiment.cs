using Sharpgrad.Generative;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="RbmTraining"/>: CD-1 and PCD filters and Gibbs samples, and AIS against exact log Z.</summary>
public sealed class RbmExperiment : IExperiment
{
    public const string CsvFile = "rbm.csv";

    public const string LargeCsvFile = "rbm-large.csv";

    public ExperimentInfo Info { get; } = new("rbm", "Restricted Boltzmann machines: CD-1, PCD and AIS", Areas.Generative,
        ["GBC §18.2", "GBC §18.7.1", "GBC §20.2"],
        "CD-1 and PCD both learn a model better than independent pixels; annealed importance sampling brackets the exact log Z (forward runs below, reverse runs from exact samples above), and the better forward estimate is within 0.1 nats of it.",
        ["rbm", "partition function", "mcmc"], TimeSpan.FromMinutes(5));

    /// <summary>How far AIS may be from the exact log Z, in nats.</summary>
    internal const double AisTolerance = 0.1;

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var r = RbmTraining.Run(context.Quick, context.Seed);
        return new ExperimentOutcome(Render(r, context.OutputDirectory, context.Console),
            [.. r.Runs.SelectMany(run => new KeyNumber[]
            {
                new($"{run.Method}: exact log Z", run.ExactLogZ), new($"{run.Method}: AIS log Z", run.Ais.LogZ),
                new($"{run.Method}: AIS log Z, hidden-bias base", run.HiddenBiasAis.LogZ), new($"{run.Method}: reverse AIS log Z", run.ReverseAis.LogZ),
                new($"{run.Method}: test log-likelihood", run.TestLogLikelihood),
            }), new($"{r.Large.Hidden}-hidden RBM: AIS test log-likelihood", r.Large.TestLogLikelihood),
            new($"{r.Large.Hidden}-hidden RBM: AIS standard error", r.Large.Ais.StandardError),
            new("independent pixels: test log-likelihood", r.BaseRateTestLogLikelihood)],
            Check(r));
    }

    /// <summary>
    /// For both methods: the better forward AIS estimate within <see cref="AisTolerance"/> of exact, reverse AIS no more
    /// than the tolerance below it (the bracket holds), and a test log-likelihood above the independent-pixel model's; the
    /// larger RBM's AIS log-likelihood above it too (and AIS within the tolerance where log Z was enumerated).
    /// </summary>
    internal static ClaimCheck Check(RbmComparison r) => ClaimCheck.That(
        r.Runs.All(run => Math.Abs(run.LowerLogZ - run.ExactLogZ) < AisTolerance && run.ReverseAis.LogZ > run.ExactLogZ - AisTolerance
            && run.TestLogLikelihood > r.BaseRateTestLogLikelihood)
        && r.Large.TestLogLikelihood > r.BaseRateTestLogLikelihood && !(Math.Abs(r.Large.Ais.LogZ - r.Large.ExactLogZ) >= AisTolerance),
        string.Join("; ", r.Runs.Select(run => $"{run.Method}: exact {ExperimentFiles.Format(run.ExactLogZ)}, AIS bracket [{ExperimentFiles.Format(run.LowerLogZ)}, "
            + $"{ExperimentFiles.Format(run.ReverseAis.LogZ)}] (base-rate start {ExperimentFiles.Format(run.Ais.LogZ)}), test LL {ExperimentFiles.Format(run.TestLogLikelihood)}"))
        + $"; {r.Large.Hidden}-hidden RBM: AIS test LL {ExperimentFiles.Format(r.Large.TestLogLikelihood)} ± {ExperimentFiles.Format(r.Large.Ais.StandardError)}"
        + $" (independent pixels {ExperimentFiles.Format(r.BaseRateTestLogLikelihood)}).");

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
            ["method_pcd", "exact_log_z", "ais_log_z", "ais_standard_error", "hidden_bias_ais_log_z", "hidden_bias_ais_standard_error",
                "reverse_ais_log_z", "reverse_ais_standard_error", "train_log_likelihood", "test_log_likelihood"],
            r.Runs.Select((run, i) => (IReadOnlyList<double>)[i, run.ExactLogZ, run.Ais.LogZ, run.Ais.StandardError, run.HiddenBiasAis.LogZ, run.HiddenBiasAis.StandardError,
                run.ReverseAis.LogZ, run.ReverseAis.StandardError, run.TrainLogLikelihood, run.TestLogLikelihood])));
        var table = new Table().AddColumns("method", "exact log Z", "AIS, base rate", "AIS, hidden-bias base", "reverse AIS", "train LL", "test LL (nats)");
        foreach (var run in r.Runs)
            table.AddRow(run.Method, ExperimentFiles.Format(run.ExactLogZ), WithError(run.Ais), WithError(run.HiddenBiasAis), WithError(run.ReverseAis),
                ExperimentFiles.Format(run.TrainLogLikelihood), ExperimentFiles.Format(run.TestLogLikelihood));
        table.AddRow($"CD-1, {r.Large.Hidden} hidden", double.IsNaN(r.Large.ExactLogZ) ? "—" : ExperimentFiles.Format(r.Large.ExactLogZ),
            WithError(r.Large.Ais), "—", "—", "—", $"{ExperimentFiles.Format(r.Large.TestLogLikelihood)} (AIS)");
        files.Add(ExperimentFiles.SaveCsv(outputDirectory, LargeCsvFile, ["hidden", "exact_log_z", "ais_log_z", "ais_standard_error", "ais_test_log_likelihood"],
            [[r.Large.Hidden, r.Large.ExactLogZ, r.Large.Ais.LogZ, r.Large.Ais.StandardError, r.Large.TestLogLikelihood]]));
        console.Write(table);
        console.MarkupLine($"Independent pixels at the base rates: test LL {ExperimentFiles.Format(r.BaseRateTestLogLikelihood)} nats.");
        console.MarkupLine("Forward AIS is a stochastic lower bound on log Z and reverse AIS from exact samples an upper one; the larger RBM has "
            + "no exact samples, so its AIS log Z is a lower bound only and its test LL may be too high by a mode AIS missed.");
        return files;
    }

    private static string WithError(AisResult ais) => $"{ExperimentFiles.Format(ais.LogZ)} ± {ExperimentFiles.Format(ais.StandardError)}";
}
