using Sharpgrad.NN;
using Sharpgrad.NN.Memory;
using Sharpgrad.NN.Memory.Tasks;
using Sharpgrad.Optim;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// The budget of one MemN2N run on a generated bAbI task: <see cref="TrainExamples"/> and <see cref="TestExamples"/>
/// stories of <see cref="Sentences"/> sentences, embedding dim <see cref="EmbeddingDim"/>, <see cref="Epochs"/> epochs of
/// Adam (batch <see cref="Batch"/>, gradients clipped to norm 40 as in the paper), data and weights from <see cref="Seed"/>.
/// With <see cref="LinearStart"/> (§4.2) the last 10 % of the training stories are held out for validation, the model
/// starts without the memory softmaxes, and they are re-inserted after the first epoch whose validation loss is not
/// below the best so far; training then goes on to <see cref="Epochs"/> epochs in all. With <see cref="Restarts"/> &gt; 1
/// the model is trained that many times from different initial weights on the same data, and the one with the lowest
/// error on the training stories is kept (with LinearStart these include the held-out tenth, which the restarts never
/// trained on but which also decided when each re-inserted its softmaxes; the test stories are never used) (§4.2: "we repeated each training 10 times with different random initializations, and picked
/// the one with the lowest training error").
/// </summary>
public sealed record BabiTrainingOptions(int Hops = 3, int TrainExamples = 1000, int TestExamples = 1000, int Sentences = 6,
    int EmbeddingDim = 20, int Epochs = 20, int Batch = 32, double LearningRate = 0.01, int Seed = 0, bool LinearStart = false, int Restarts = 1);

/// <summary>
/// The mean training loss per epoch and the test error (fraction of wrong answers) after training; with linear start,
/// the epoch (1-based) after which the softmaxes were re-inserted (null: never, or no linear start). With restarts, all
/// of these belong to the kept model, and <see cref="TrainErrors"/> holds every restart's training error.
/// </summary>
public sealed record BabiTrainingRun(BabiTask Task, int Hops, double[] EpochLosses, double TestError, int? SoftmaxReinsertedAfter = null,
    double[]? TrainErrors = null);

/// <summary>Trains a <see cref="MemN2N"/> on one generated bAbI task (Sukhbaatar et al. 2015 §4); the loss is the cross-entropy of the answer word only.</summary>
public static class BabiTraining
{
    public static BabiTrainingRun Train(BabiTask task, BabiTrainingOptions options)
    {
        if (options.Restarts < 1) throw new ArgumentException($"BabiTraining: restarts must be at least 1, got {options.Restarts}.");
        var generator = new Generator(options.Seed);
        int sentenceLength = BabiGenerator.LongestSentence(task);
        var train = BabiEncoder.Encode(BabiGenerator.Generate(task, options.TrainExamples, options.Sentences, generator), options.Sentences, sentenceLength);
        var test = BabiEncoder.Encode(BabiGenerator.Generate(task, options.TestExamples, options.Sentences, generator), options.Sentences, sentenceLength);
        // Restarts draw their weights and orders one after another from the same generator, so the first is the run
        // without restarts and the whole is reproducible from the seed.
        var attempts = Enumerable.Range(0, options.Restarts).Select(_ => TrainOnce(options, train, sentenceLength, generator)).ToArray();
        var errors = attempts.Select(a => Error(a.Model, train)).ToArray();
        int kept = Array.IndexOf(errors, errors.Min());
        var (model, losses, reinserted) = attempts[kept];
        return new(task, options.Hops, losses, Error(model, test), reinserted, errors);
    }

    private static (MemN2N Model, double[] EpochLosses, int? Reinserted) TrainOnce(BabiTrainingOptions options,
        (Tensor Stories, Tensor Questions, Tensor Answers) train, int sentenceLength, Generator generator)
    {
        var model = new MemN2N(BabiVocabulary.Size, options.EmbeddingDim, options.Sentences, sentenceLength, options.Hops, generator: generator)
        {
            LinearStart = options.LinearStart,
        };
        int validation = options.LinearStart ? Math.Max(1, options.TrainExamples / 10) : 0, examples = options.TrainExamples - validation;
        var parameters = model.Parameters().ToArray();
        var optimizer = new Adam(parameters, lr: options.LearningRate);
        var losses = new double[options.Epochs];
        double bestValidation = double.PositiveInfinity;
        int? reinserted = null;
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            var order = Tensor.RandPerm(examples, generator);
            double total = 0;
            int batches = 0;
            for (int start = 0; start < examples; start += options.Batch)
            {
                var rows = order.Narrow(0, start, Math.Min(options.Batch, examples - start));
                optimizer.ZeroGrad();
                var loss = Loss(model, train, rows);
                loss.Backward();
                ClipGradients.ByNorm(parameters, 40);
                optimizer.Step();
                total += loss.Item();
                batches++;
            }
            losses[epoch] = total / batches;
            if (!model.LinearStart) continue;
            double validationLoss;
            using (Autograd.NoGrad()) validationLoss = Loss(model, train, Tensor.Arange(examples, options.TrainExamples, dtype: DType.Int64)).Item();
            if (validationLoss < bestValidation) bestValidation = validationLoss;
            else (model.LinearStart, reinserted) = (false, epoch + 1);
        }
        return (model, losses, reinserted);
    }

    /// <summary>The cross-entropy of the answers to the stories <paramref name="rows"/> of <paramref name="data"/>.</summary>
    private static Tensor Loss(MemN2N model, (Tensor Stories, Tensor Questions, Tensor Answers) data, Tensor rows) =>
        Losses.CrossEntropy(model.Forward(data.Stories.IndexSelect(0, rows), data.Questions.IndexSelect(0, rows)), data.Answers.IndexSelect(0, rows));

    /// <summary>The fraction of questions whose highest-scoring word is not the answer.</summary>
    public static double Error(MemN2N model, (Tensor Stories, Tensor Questions, Tensor Answers) data)
    {
        using var _ = Autograd.NoGrad();
        var predicted = model.Forward(data.Stories, data.Questions).ArgMax(-1);
        return 1 - predicted.Eq(data.Answers).Long().Sum().Item() / (double)data.Answers.Shape[0];
    }
}
