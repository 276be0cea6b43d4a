using System.Diagnostics;

namespace Sharpgrad.Text.Embeddings;

/// <summary>Sums what finished blocks report, in whatever order they finish, and passes it to the caller's callback.</summary>
internal sealed class ProgressTracker(Word2VecTables tables, Word2VecOptions options, Action<Word2VecProgress>? callback)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Lock gate = new();
    private long words, predictions;
    private double loss, alpha = options.Alpha;

    public void BlockDone(TrainingBlock block, (double Loss, long Predictions) result)
    {
        lock (gate)
        {
            words += block.Words.Length;
            loss += result.Loss;
            predictions += result.Predictions;
            var (done, total) = tables.Progress(block);
            alpha = Word2VecWorker.LearningRate(options, done, total);
            callback?.Invoke(Current());
        }
    }

    public Word2VecProgress Current()
    {
        lock (gate) return new(words, tables.TotalWords, clock.Elapsed.TotalSeconds, loss, predictions, alpha);
    }
}
