using Sharpgrad.Cli.Commands;
using Sharpgrad.IO;
using Sharpgrad.Training;
using Spectre.Console.Testing;

namespace Sharpgrad.Tests.Fuzz;

/// <summary>
/// Seeded tampering with a run folder before <c>--resume</c>: the checkpoint's counters and history, its data, the
/// recorded settings, and options that conflict with them. Every case exits 1 with one line naming what is wrong.
/// </summary>
public class ResumeFuzzTests : IO.TempDirectory
{
    private static (int Exit, string Error) Run(params string[] args)
    {
        var error = new StringWriter();
        int exit = SharpgradCommandLine.Run(args, new TestConsole(), new StringWriter(), error);
        return (exit, error.ToString());
    }

    [Fact]
    public void TamperedRunFoldersAreRejected()
    {
        var run = PathOf("run");
        Assert.Equal(0, Run("train", "--epochs", "1", "--hidden", "8", "--checkpoint-every", "1", "--out", run).Exit);
        var checkpoint = Path.Combine(run, TrainingCheckpoint.FileName);
        var pristine = File.ReadAllBytes(checkpoint);
        var settings = Path.Combine(run, Sharpgrad.Cli.Training.RecordedSettings.FileName);
        var pristineSettings = File.ReadAllText(settings);
        var random = new Random(41);
        int cases = 0;

        void Expect(string what, string expected, params string[] extra)
        {
            var (exit, error) = Run(["train", "--resume", run, "--epochs", "3", .. extra]);
            Assert.True(exit == 1, $"{what}: exit {exit}: {error}");
            Assert.Single(error.TrimEnd('\n').Split('\n'));
            Assert.Contains(expected, error);
            File.WriteAllBytes(checkpoint, pristine);
            File.WriteAllText(settings, pristineSettings);
            cases++;
        }

        foreach (var (key, value) in new[] { ("epoch", "-5"), ("epoch", "-1"), ("epoch", "7"), ("step", "-3"), ("epoch", "x"), ("history", "garbage") })
        {
            var file = SafeTensors.LoadWithMetadata(checkpoint);
            file.Metadata[key] = value;
            SafeTensors.Save(checkpoint, file.Tensors, file.Metadata, checksum: true);
            Expect($"{key}={value}", "Resume: ");
        }
        for (int i = 0; i < 6; i++)
        {
            var bytes = (byte[])pristine.Clone();
            bytes[bytes.Length - 1 - random.Next(0, 200)] ^= (byte)(1 << random.Next(8));
            File.WriteAllBytes(checkpoint, bytes);
            Expect($"data flip {i}", "does not match the SHA-256 checksum");
        }
        foreach (var (option, value) in new[] { ("--seed", "3"), ("--lr", "0.05"), ("--batch-size", "16"), ("--hidden", "9"), ("--optimizer", "adam"), ("--dropout", "0.5") })
            Expect($"{option} {value}", $"{option} {value} conflicts with the run's recorded {option}", option, value);
        File.WriteAllText(settings, "{ not json");
        Expect("damaged settings", "the run's settings record is damaged");
        File.Delete(settings);
        Expect("missing settings", "has no run-settings.json");
        Assert.Equal(20, cases);
    }
}
