using Sharpgrad.Text.Embeddings;

namespace Sharpgrad.Cli.Experiments;

/// <summary>One trained embedding in a comparison: its name, the loss per prediction block by block against wall time, its synonym score and its training time.</summary>
internal sealed record ObjectiveRun(string Name, double[] Seconds, double[] BlockLoss, SynonymScore.Result Score, double TrainingSeconds)
{
    /// <summary>Trains <paramref name="model"/> on <paramref name="corpus"/>, recording each block's mean loss (the change in the running sums) and when it finished.</summary>
    public static ObjectiveRun Train(string name, Word2Vec model, EmbeddingCorpus corpus)
    {
        var seconds = new List<double>();
        var losses = new List<double>();
        double lastLoss = 0;
        long lastPredictions = 0;
        var done = model.Train(corpus.Sentences, p =>
        {
            if (p.Predictions == lastPredictions) return;
            seconds.Add(p.Seconds);
            losses.Add((p.Loss - lastLoss) / (p.Predictions - lastPredictions));
            (lastLoss, lastPredictions) = (p.Loss, p.Predictions);
        });
        return new ObjectiveRun(name, [.. seconds], [.. losses], SynonymScore.Evaluate(model.Vectors(), corpus.Synonyms), done.Seconds);
    }

    /// <summary>The mean loss of the first and of the last tenth of the blocks (at least one block each).</summary>
    public (double First, double Last) LossEnds()
    {
        int n = Math.Max(1, BlockLoss.Length / 10);
        return (BlockLoss.Take(n).Average(), BlockLoss.TakeLast(n).Average());
    }
}
