using Sharpgrad.NN;
using Sharpgrad.Onnx;
using static Sharpgrad.Tests.Onnx.OnnxSequenceParity;

namespace Sharpgrad.Tests.Onnx;

/// <summary>
/// Issue #18: Embedding, LSTM, GRU and RNN exported through <see cref="RecurrentOutput"/> and run by ONNX Runtime's own
/// LSTM/GRU/RNN kernels, whose gate orders differ from PyTorch's (so a wrong reordering fails here), at the sample's
/// batch size and length and at others.
/// </summary>
public sealed class OnnxRecurrentParityTests
{

    private static Tensor Tokens(int seed, int vocabulary, params int[] shape) => Tensor.RandInt(0, vocabulary, shape, new Generator(seed));

    [Fact]
    public void EmbeddingMatchesOnnxRuntime() =>
        AssertParity(new Sequential(new Embedding(12, 5, paddingIdx: 0, generator: new Generator(1))), BatchThenSeq,
            Tokens(2, 12, 3, 4), [Tokens(3, 12, 1, 7)], nameof(EmbeddingMatchesOnnxRuntime));

    /// <summary>The text classifier of the issue: Embedding → LSTM → last step → Linear, batch-first.</summary>
    [Fact]
    public void LstmTextClassifierMatchesOnnxRuntime()
    {
        var g = new Generator(4);
        var model = new Sequential(new Embedding(20, 8, generator: g),
            new RecurrentOutput(new LSTM(8, 6, batchFirst: true, generator: g), RecurrentReadout.LastStep), new Linear(6, 3, generator: g));
        AssertParity(model, BatchThenSeq, Tokens(5, 20, 4, 5), [Tokens(6, 20, 2, 9), Tokens(7, 20, 1, 1)], nameof(LstmTextClassifierMatchesOnnxRuntime));
    }

    /// <summary>A sequence tagger, time-first: a two-layer bidirectional GRU and a Linear on every step, then log-softmax.</summary>
    [Fact]
    public void BidirectionalGruTaggerMatchesOnnxRuntime()
    {
        var g = new Generator(8);
        var model = new Sequential(new Embedding(15, 6, generator: g),
            new RecurrentOutput(new GRU(6, 5, numLayers: 2, bidirectional: true, generator: g)), new Linear(10, 4, generator: g), new LogSoftmax(-1));
        AssertParity(model, SeqThenBatch, Tokens(9, 15, 5, 3), [Tokens(10, 15, 8, 2), Tokens(11, 15, 2, 5)], nameof(BidirectionalGruTaggerMatchesOnnxRuntime));
    }

    /// <summary>Final hidden states of both directions of the last layer, with and without biases.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void StackedBidirectionalLstmFinalHiddenMatchesOnnxRuntime(bool bias)
    {
        var model = new RecurrentOutput(new LSTM(4, 5, numLayers: 2, bias: bias, bidirectional: true, generator: new Generator(12)), RecurrentReadout.FinalHidden);
        AssertParity(model, SeqThenBatch, Values(13, 6, 3, 4), [Values(14, 3, 5, 4)], $"{nameof(StackedBidirectionalLstmFinalHiddenMatchesOnnxRuntime)}_{bias}");
    }

    /// <summary>ONNX's P input holds the peepholes (i, o, f), which ONNX Runtime applies as Gers &amp; Schmidhuber do.</summary>
    [Fact]
    public void PeepholeLstmMatchesOnnxRuntime()
    {
        var model = new RecurrentOutput(new LSTM(3, 4, batchFirst: true, bidirectional: true, generator: new Generator(15), peephole: true));
        AssertParity(model, BatchThenSeq, Values(16, 2, 5, 3), [Values(17, 3, 2, 3)], nameof(PeepholeLstmMatchesOnnxRuntime));
    }

    [Theory]
    [InlineData(RnnNonlinearity.Tanh)]
    [InlineData(RnnNonlinearity.Relu)]
    public void ElmanRnnMatchesOnnxRuntime(RnnNonlinearity nonlinearity)
    {
        var rnn = new RNN(4, 6, numLayers: 2, nonlinearity: nonlinearity, batchFirst: true, bidirectional: true, generator: new Generator(18));
        var model = new Sequential(new RecurrentOutput(rnn, RecurrentReadout.FinalHidden), new Linear(12, 2, generator: new Generator(19)));
        AssertParity(model, BatchThenSeq, Values(20, 3, 4, 4), [Values(21, 1, 7, 4)], $"{nameof(ElmanRnnMatchesOnnxRuntime)}_{nonlinearity}");
    }

    [Fact]
    public void ProjectedLstmIsRefusedNamingTheLayer()
    {
        var model = new Sequential(new RecurrentOutput(new LSTM(3, 4, projSize: 2)));
        var error = Assert.Throws<NotSupportedException>(() => OnnxExport.ToOnnxBytes(model, Values(1, 5, 2, 3)));
        Assert.Contains("'0.rnn' (LSTM)", error.Message);
        Assert.Contains("projSize=2", error.Message);
    }

    [Fact]
    public void EmbeddingWithMaxNormIsRefusedNamingTheLayer()
    {
        var model = new Sequential(new Embedding(5, 3, maxNorm: 1));
        var error = Assert.Throws<NotSupportedException>(() => OnnxExport.ToOnnxBytes(model, Tokens(1, 5, 2, 3)));
        Assert.Contains("'0' (Embedding)", error.Message);
        Assert.Contains("maxNorm", error.Message);
    }

    [Fact]
    public void UnbatchedSampleIsRefusedNamingTheAdapter()
    {
        var model = new RecurrentOutput(new GRU(3, 4));
        var error = Assert.Throws<NotSupportedException>(() => OnnxExport.ToOnnxBytes(model, Values(1, 5, 3), new Dictionary<int, string> { [0] = "seq" }));
        Assert.Contains("(RecurrentOutput)", error.Message);
        Assert.Contains("[5, 3]", error.Message);
    }

    [Fact]
    public void MissingDynamicAxisIsRefused()
    {
        var model = new RecurrentOutput(new GRU(3, 4));
        var error = Assert.Throws<ArgumentException>(() => OnnxExport.ToOnnxBytes(model, Values(1, 5, 2, 3), new Dictionary<int, string> { [3] = "seq" }));
        Assert.Contains("dynamic axis 3", error.Message);
    }
}
