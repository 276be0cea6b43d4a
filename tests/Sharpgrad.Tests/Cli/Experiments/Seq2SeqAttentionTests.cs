using Sharpgrad.Cli.Experiments;
using Spectre.Console.Testing;
using Xunit.Abstractions;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>
/// The seq2seq-attention experiment's quick run (strings of 3 … 5 digits, 150 steps of 32, a few seconds) and its claims: the
/// model learns to reverse strings it has never seen (chance is 10^−L per string; the quick run reaches 0.89 exact match,
/// 0.74 of the attention on the anti-diagonal), its attention follows the anti-diagonal (a uniform
/// map would put 1/L there), and beam search's outputs are at least as probable as greedy decoding's.
/// </summary>
public sealed class Seq2SeqAttentionTests(ITestOutputHelper output)
{
    private static readonly Lazy<Seq2SeqAttentionResult> result = new(() => Seq2SeqAttention.Run(Seq2SeqAttentionOptions.Quick));

    [Fact]
    public void LearnsToReverseUnseenDigitStrings()
    {
        var r = result.Value;
        output.WriteLine($"exact match {r.ExactMatch:F3}, anti-diagonal {r.AntiDiagonalMass:F3}, loss {r.StepLosses[0]:F3} → {r.StepLosses[^1]:F3}");
        Assert.True(r.StepLosses[^20..].Average() < 0.25 * r.StepLosses[..5].Average(), $"loss {r.StepLosses[..5].Average():F3} → {r.StepLosses[^20..].Average():F3}");
        Assert.True(r.ExactMatch >= 0.6, $"exact-match accuracy {r.ExactMatch:F3}");
        Assert.True(r.SamplingProbabilities[0] < 0.02 && r.SamplingProbabilities[^1] > r.SamplingProbabilities[0]);
    }

    [Fact]
    public void AttentionFollowsTheAntiDiagonal()
    {
        var r = result.Value;
        int length = Seq2SeqAttentionOptions.Quick.MaxLength;
        Assert.Equal(length + 1, r.AttentionMap.GetLength(0));
        Assert.Equal(length, r.AttentionMap.GetLength(1));
        Assert.True(r.AntiDiagonalMass >= 0.45, $"mean attention on the anti-diagonal {r.AntiDiagonalMass:F3} (uniform: {1.0 / length:F3})");
    }

    [Fact]
    public void BeamSearchIsAtLeastAsProbableAsGreedy()
    {
        var r = result.Value;
        Assert.Equal(Seq2SeqAttentionOptions.Quick.BeamExamples, r.BeamLogProbabilities.Length);
        for (int i = 0; i < r.BeamLogProbabilities.Length; i++)
            Assert.True(r.BeamLogProbabilities[i] >= r.GreedyLogProbabilities[i] - 1e-9, $"example {i}: beam {r.BeamLogProbabilities[i]} < greedy {r.GreedyLogProbabilities[i]}");
    }

    [Fact]
    public void WritesTheHeatMapTheLossCurveAndTheirNumbers()
    {
        Assert.IsType<Seq2SeqAttentionExperiment>(ExperimentRegistry.Find("seq2seq-attention"));
        var directory = Path.Combine(Path.GetTempPath(), "sharpgrad-seq2seq-" + Guid.NewGuid().ToString("N"));
        try
        {
            var console = new TestConsole();
            var files = Seq2SeqAttentionExperiment.Write(result.Value, Seq2SeqAttentionOptions.Quick, directory, console);
            Assert.Equal([Seq2SeqAttentionExperiment.MapFile, Seq2SeqAttentionExperiment.LossFile, Seq2SeqAttentionExperiment.LossCsv,
                Seq2SeqAttentionExperiment.MapCsv, Seq2SeqAttentionExperiment.DecodingCsv], files.Select(Path.GetFileName));
            Assert.All(files, f => Assert.True(new FileInfo(f).Length > 0, f));
            // The map's CSV has one row per (output step, source position): 6 × 5 for strings of 5 digits, plus the header.
            Assert.Equal(1 + 6 * 5, File.ReadAllLines(Path.Combine(directory, Seq2SeqAttentionExperiment.MapCsv)).Length);
            Assert.Contains("exact-match accuracy", console.Output);
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }
}
