using Sharpgrad.Cli.Experiments;
using Sharpgrad.Tests.Text;
using Sharpgrad.Text;
using Xunit.Abstractions;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>
/// The character-level language models on Debian's fortunes (skipped, saying why, where the package is absent): in
/// quick mode (hidden 32, 60 steps) every model already predicts the validation text better than the unigram baseline.
/// </summary>
public class CharLanguageModelTests(ITestOutputHelper output)
{
    [FortunesInstalledFact]
    public void EveryModelBeatsTheUnigramBaselineAndWritesItsFiles()
    {
        var (lines, console, summary) = ExperimentOutput.Run(new CharLanguageModelExperiment(), CharLanguageModelExperiment.PlotFile, CharLanguageModelExperiment.CsvFile);
        Assert.True(summary.Outcome.Check.Holds, summary.Outcome.Check.Evidence);
        output.WriteLine(console);
        Assert.Equal("step,rnn,gru,lstm,unigram", lines[0]);
        Assert.Equal(3, lines.Length); // step 0 and the last step
        var last = lines[^1].Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var first = lines[1].Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        double unigram = last[4];
        for (int m = 1; m <= 3; m++)
        {
            Assert.True(first[m] > unigram, $"model {m}: an untrained model should be worse than unigram: {first[m]} vs {unigram}");
            Assert.True(last[m] < unigram, $"model {m}: validation perplexity {last[m]} is not below the unigram baseline {unigram}");
        }
        Assert.Contains("temperature 1.5", console);
    }
}
