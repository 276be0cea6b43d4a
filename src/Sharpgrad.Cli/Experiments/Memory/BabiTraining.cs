using Sharpgrad.NN;
using Sharpgrad.NN.Memory;
using Sharpgrad.NN.Memory.Tasks;
using Sharpgrad.Optim;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// The budget of one MemN2N run on a generated bAbI task: <see cref="TrainExamples"/> and <see cref="TestExamples"/>
/// stories of <see cref="Sentences"/> sentences, embedding dim <see cref="EmbeddingDim"/>, <see cref="Epochs"/> epochs of
/// Adam (batch <see cref="Batch"/>, gradients clipped to norm 40 as in the paper), data and weights from <see cref="Seed"/>.
/// </summary>
public sealed record BabiTrainingOptions(int Hops = 3, int TrainExamples = 1000, int TestExamples = 1000, int Sentences = 6,
    int EmbeddingDim = 20, int Epochs = 20, int Batch = 32, double LearningRate = 0.01, int Seed = 0);

/// <summary>The mean training loss per epoch and the test error (fraction of wrong answers) after training.</summary>
public sealed record BabiTrainingRun(BabiTask Task, int Hops, double[] EpochLosses, double TestError);

/// <summary>Trains a <see cref="MemN2N"/> on one generated bAbI task (Sukhbaatar et al. 2015 §4); the loss is the cross-entropy of the answer word only.</summary>
public static class BabiTraining
{
    /// <summary>Every sentence and question of the generator fits in this many words ("How many objects is Sandra carrying").</summary>
    public const int SentenceLength = 6;

    public static BabiTrainingRun Train(BabiTask task, BabiTrainingOptions options)
    {
        var generator = new Generator(options.Seed);
        var train = BabiEncoder.Encode(BabiGenerator.Generate(task, options.TrainExamples, options.Sentences, generator), options.Sentences, SentenceLength);
        var test = BabiEncoder.Encode(BabiGenerator.Generate(task, options.TestExamples, options.Sentences, generator), options.Sentences, SentenceLength);
        var model = new MemN2N(BabiVocabulary.Size, options.EmbeddingDim, options.Sentences, SentenceLength, options.Hops, generator: generator);
        var parameters = model.Parameters().ToArray();
        var optimizer = new Adam(parameters, lr: options.LearningRate);
        var losses = new double[options.Epochs];
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            var order = Tensor.RandPerm(options.TrainExamples, generator);
            double total = 0;
            int batches = 0;
            for (int start = 0; start < options.TrainExamples; start += options.Batch)
            {
                var rows = order.Narrow(0, start, Math.Min(options.Batch, options.TrainExamples - start));
                optimizer.ZeroGrad();
                var loss = Losses.CrossEntropy(model.Forward(train.Stories.IndexSelect(0, rows), train.Questions.IndexSelect(0, rows)),
                    train.Answers.IndexSelect(0, rows));
                loss.Backward();
                ClipGradients.ByNorm(parameters, 40);
                optimizer.Step();
                total += loss.Item();
                batches++;
            }
            losses[epoch] = total / batches;
        }
        return new(task, options.Hops, losses, Error(model, test));
    }

    /// <summary>The fraction of questions whose highest-scoring word is not the answer.</summary>
    public static double Error(MemN2N model, (Tensor Stories, Tensor Questions, Tensor Answers) data)
    {
        using var _ = Autograd.NoGrad();
        var predicted = model.Forward(data.Stories, data.Questions).ArgMax(-1);
        return 1 - predicted.Eq(data.Answers).Long().Sum().Item() / (double)data.Answers.Shape[0];
    }
}
