using Sharpgrad.NN;
using Sharpgrad.NN.Memory.Tasks;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// The budget of <see cref="TransformerVersusLstm"/>: sort <see cref="Length"/> symbols of an alphabet of
/// <see cref="Symbols"/> (<see cref="SortTask"/>), <see cref="Steps"/> Adam steps (learning rate
/// <see cref="LearningRate"/>, clip norm 1) on batches of <see cref="Batch"/> for both models. A model reaches the target
/// at the first step where the mean token accuracy of the last <see cref="Window"/> batches is at least
/// <see cref="TargetAccuracy"/>.
/// </summary>
public sealed record TransformerVersusLstmOptions(int Length, int Symbols, int Steps, int Batch, double LearningRate, int DModel, int Heads, int FeedForward,
    int Layers, int LstmHidden, double TargetAccuracy, int Window)
{
    /// <summary>The recorded run (docs: seeds and budget).</summary>
    public static readonly TransformerVersusLstmOptions Full = new(Length: 8, Symbols: 10, Steps: 1500, Batch: 32, LearningRate: 2e-3, DModel: 32, Heads: 4,
        FeedForward: 64, Layers: 2, LstmHidden: 64, TargetAccuracy: 0.95, Window: 25);

    /// <summary>A few seconds: 4 symbols of 4.</summary>
    public static readonly TransformerVersusLstmOptions Quick = new(Length: 4, Symbols: 4, Steps: 80, Batch: 16, LearningRate: 1e-2, DModel: 16, Heads: 2,
        FeedForward: 32, Layers: 1, LstmHidden: 16, TargetAccuracy: 0.7, Window: 10);
}

/// <summary>A model's run: its loss and token accuracy per batch, the trailing mean it is judged on, and the step it reached the target (null: never).</summary>
public sealed record SortModelRun(SequenceTrainingRun Training, double[] TrailingAccuracy, int? StepsToTarget, int Parameters);

public sealed record TransformerVersusLstmResult(TransformerVersusLstmOptions Options, SortModelRun Transformer, SortModelRun Lstm);

/// <summary>
/// A small Transformer encoder against an LSTM on the same sequence task, sorting symbols (issue #12; Vaswani et al.
/// 2017; NYU ch12; GBC §10.10): both read the symbols and then L answer steps, on which they must write the symbols in
/// ascending order. Self-attention sees every symbol from every answer step in one layer; the LSTM must carry them all in
/// its state. Same data, loop, optimiser and budget; the figure of merit is the number of steps to the target accuracy.
/// </summary>
public static class TransformerVersusLstm
{
    /// <param name="seed">the data (seed), the Transformer's weights (seed + 1 …) and the LSTM's (seed + 4 …)</param>
    public static TransformerVersusLstmResult Run(TransformerVersusLstmOptions options, int seed)
    {
        int input = options.Symbols + 1;
        var transformer = new TransformerSequenceModel(input, options.DModel, options.Heads, options.FeedForward, options.Layers, options.Symbols,
            2 * options.Length, seed + 1);
        var lstm = new LstmSequenceModel(input, options.LstmHidden, options.Symbols, seed + 4);
        return new(options, Train(transformer, options, seed), Train(lstm, options, seed));
    }

    private static SortModelRun Train(Module<Tensor, Tensor> model, TransformerVersusLstmOptions options, int seed)
    {
        var training = SequenceTraining.Train(model.Forward, model.Parameters(), options.Steps, options.LearningRate, clipNorm: 1,
            generator => SortTask.Generate(options.Batch, options.Length, options.Symbols, generator),
            (batch, logits) => batch.StepAccuracy(logits), seed);
        var trailing = ExperimentFiles.TrailingMean(training.Scores, options.Window);
        int first = Array.FindIndex(trailing, Math.Min(options.Window, options.Steps) - 1, a => a >= options.TargetAccuracy);
        int? reached = first < 0 ? null : first + 1;
        return new(training, trailing, reached, model.Parameters().Sum(p => p.Count));
    }
}
