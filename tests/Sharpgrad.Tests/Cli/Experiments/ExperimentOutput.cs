using Sharpgrad.Cli.Experiments;
using Spectre.Console.Testing;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>Runs an experiment (usually in its quick mode) into a fresh folder and checks that its PNG and CSV files are there.</summary>
public static class ExperimentOutput
{
    /// <summary>The CSV's lines and the console text; the folder is deleted afterwards.</summary>
    public static (string[] CsvLines, string Console) Run(IExperiment experiment, string pngFile, string csvFile)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"sharpgrad-{experiment.Id}-{Guid.NewGuid():N}");
        try
        {
            var console = new TestConsole { Profile = { Width = 200 } };
            var files = experiment.Run(directory, console);
            Assert.Contains(Path.Combine(directory, pngFile), files);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(Path.Combine(directory, pngFile))[..4]);
            return (File.ReadAllLines(Path.Combine(directory, csvFile)), console.Output);
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }
}
