using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Text.Classification;

namespace Sharpgrad.Tests.Text.Classification;

/// <summary>Kim's CNN: its parameters and shapes, its errors, and that max-over-time pooling finds a phrase anywhere in a sentence.</summary>
public class KimCnnTests
{
    /// <summary>
    /// The parameters Kim's architecture implies, by hand: embedding 50 × 8; per width w a Conv1d weight [6, 8, w] and
    /// bias [6]; fc [2, 18] (3 widths × 6 maps) and bias [2]. Any sentence length ≥ 5 gives [N, 2] logits.
    /// </summary>
    [Fact]
    public void ParametersAndShapesAreKims()
    {
        var model = new KimCnn(vocabularySize: 50, embeddingDim: 8, classes: 2, featureMaps: 6, generator: new Generator(1));
        var shapes = model.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.Shape.ToString());
        Assert.Equal(
            ["convs.0.bias", "convs.0.weight", "convs.1.bias", "convs.1.weight", "convs.2.bias", "convs.2.weight", "embedding.weight", "fc.bias", "fc.weight"],
            shapes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Tensor.Zeros(6, 8, 4).Shape.ToString(), shapes["convs.1.weight"]);
        Assert.Equal(Tensor.Zeros(2, 18).Shape.ToString(), shapes["fc.weight"]);
        Assert.Equal(Tensor.Zeros(50, 8).Shape.ToString(), shapes["embedding.weight"]);
        model.Eval();
        foreach (int length in new[] { 5, 11 })
            Assert.Equal(Tensor.Zeros(3, 2).Shape.ToString(), model.Forward(Tensor.FromArray(new long[3 * length], 3, length)).Shape.ToString());
    }

    [Fact]
    public void BadInputGetsAClearError()
    {
        var model = new KimCnn(10, 4, 2, featureMaps: 2);
        var shortSentence = Assert.Throws<ArgumentException>(() => model.Forward(Tensor.FromArray(new long[4], 1, 4))).Message;
        Assert.Contains("KimCnn: expected int64 word indices of shape [N, L] with L ≥ 5", shortSentence);
        Assert.Contains("[1, 4]", shortSentence);
        Assert.Contains("got float32", Assert.Throws<ArgumentException>(() => model.Forward(Tensor.Zeros(1, 6))).Message);
        Assert.Contains("at least one filter width", Assert.Throws<ArgumentException>(() => new KimCnn(10, 4, 2, filterWidths: [])).Message);
        Assert.Contains("at least 2 classes", Assert.Throws<ArgumentException>(() => new KimCnn(10, 4, 1)).Message);
    }

    /// <summary>
    /// Sentences of 12 random filler words (ids 3..9) hold the phrase 1 2 (class 1) or 2 1 (class 0) at a random
    /// position: the same words, so only an n-gram detector can tell them apart, and the phrase can be anywhere, so the
    /// detector's response must survive pooling over time. After 60 Adam steps on 64 sentences the model must classify
    /// 64 new ones at 95% or better (chance: 50%).
    /// </summary>
    [Fact]
    public void MaxOverTimePoolingFindsAPhraseAnywhere()
    {
        var generator = new Generator(2);
        var model = new KimCnn(vocabularySize: 10, embeddingDim: 8, classes: 2, featureMaps: 8, generator: generator);
        var optimizer = new Adam(model.Parameters(), lr: 0.02);
        var (trainX, trainY) = Phrases(64, new Generator(3));
        var (testX, testY) = Phrases(64, new Generator(4));
        model.Train();
        for (int step = 0; step < 60; step++)
        {
            var loss = Losses.CrossEntropy(model.Forward(trainX), trainY);
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
        }
        model.Eval();
        var predicted = model.Forward(testX).ArgMax(1).ToArray<long>();
        var truth = testY.ToArray<long>();
        double accuracy = predicted.Zip(truth).Count(p => p.First == p.Second) / (double)truth.Length;
        Assert.True(accuracy >= 0.95, $"test accuracy {accuracy:P1}");
    }

    private static (Tensor Tokens, Tensor Labels) Phrases(int count, Generator random)
    {
        const int length = 12;
        var tokens = new long[count * length];
        var labels = new long[count];
        for (int n = 0; n < count; n++)
        {
            labels[n] = n % 2;
            for (int t = 0; t < length; t++) tokens[n * length + t] = 3 + random.NextInt64(7);
            int at = (int)random.NextInt64(length - 1);
            tokens[n * length + at] = labels[n] == 1 ? 1 : 2;
            tokens[n * length + at + 1] = labels[n] == 1 ? 2 : 1;
        }
        return (Tensor.FromArray(tokens, count, length), Tensor.FromArray(labels, count));
    }
}
