using Sharpgrad.Cli.Experiments;
using Xunit.Abstractions;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>The long-lag memory task (GBC §10.7, §10.10): the LSTM remembers across 20 distractors, the tanh RNN does not.</summary>
public class LongLagTests(ITestOutputHelper output)
{
    [Fact]
    public void SequencesHoldTheSymbolThenDistractorsThenTheQuery()
    {
        var (tokens, labels) = LongLagMemory.Batch(50, 6, new Generator(1));
        Assert.Equal([50, 8], tokens.Shape);
        var t = tokens.ToArray<long>();
        var y = labels.ToArray<long>();
        for (int n = 0; n < 50; n++)
        {
            Assert.Equal(y[n], t[n * 8]);
            Assert.InRange(y[n], 0, LongLagMemory.Symbols - 1);
            for (int s = 1; s <= 6; s++) Assert.InRange(t[n * 8 + s], LongLagMemory.Symbols, LongLagMemory.Query - 1);
            Assert.Equal(LongLagMemory.Query, t[n * 8 + 7]);
        }
        Assert.Equal(LongLagMemory.Symbols, y.Distinct().Count());
    }

    [Fact]
    public void TheLstmBeatsTheRnnAtLagTwenty()
    {
        var points = LongLagMemory.Run(quick: true);
        var rnn = points.Single(p => p.Architecture == RecurrentArchitecture.Rnn);
        var lstm = points.Single(p => p.Architecture == RecurrentArchitecture.Lstm);
        output.WriteLine($"lag 20: RNN {rnn.SuccessRate} (loss {rnn.FinalLoss}), LSTM {lstm.SuccessRate} (loss {lstm.FinalLoss})");
        Assert.True(lstm.SuccessRate > 0.9, $"LSTM success {lstm.SuccessRate}");
        Assert.True(rnn.SuccessRate < 0.5, $"RNN success {rnn.SuccessRate} (chance 0.25)");
    }
}
