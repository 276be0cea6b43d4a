using Sharpgrad.Cli.Experiments;
using Spectre.Console.Testing;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>Runs an experiment (in its quick mode unless asked otherwise) into a fresh folder and checks that its PNG and CSV files are there.</summary>
public static class ExperimentOutput
{
    /// <summary>The CSV's lines, the console text and the run's summary; the folder is deleted afterwards.</summary>
    public static (string[] CsvLines, string Console, ExperimentSummary Summary) Run(IExperiment experiment, string pngFile, string csvFile, bool quick = true, int? seed = null)
    {
        var root = Path.Combine(Path.GetTempPath(), $"sharpgrad-{experiment.Info.Id}-{Guid.NewGuid():N}");
        var directory = Path.Combine(root, experiment.Info.Id);
        try
        {
            var console = new TestConsole { Profile = { Width = 200 } };
            var summary = ExperimentRunner.Run(experiment, root, console, seed, quick);
            Assert.Contains(Path.Combine(directory, pngFile), summary.Outcome.Files);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(Path.Combine(directory, pngFile))[..4]);
            Assert.True(File.Exists(Path.Combine(directory, ExperimentSummaryJson.FileName)), "summary.json is written next to the figures");
            return (File.ReadAllLines(Path.Combine(directory, csvFile)), console.Output, summary);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}
