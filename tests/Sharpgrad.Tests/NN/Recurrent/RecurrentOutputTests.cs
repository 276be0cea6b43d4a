using Sharpgrad.NN;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN.Recurrent;

/// <summary>
/// The adapter that lets a recurrent layer sit in a Sequential: each readout against what it must be in terms of the
/// layer's own results, and the identities between them (the forward direction's last output is its final state).
/// </summary>
public class RecurrentOutputTests
{
    private static Tensor Values(int seed, params int[] shape) => Tensor.Randn(shape, DType.Float64, new Generator(seed));

    [Fact]
    public void SequenceIsTheLayersOutputAndTheLayerIsRegisteredAsRnn()
    {
        var lstm = new LSTM(3, 4, batchFirst: true, dtype: DType.Float64, generator: new Generator(1));
        var x = Values(2, 2, 5, 3);
        BitwiseEqual(lstm.Forward(x).Output, new RecurrentOutput(lstm).Forward(x));
        Assert.StartsWith("rnn.weight_ih_l0", new RecurrentOutput(lstm).StateDict().Keys.First());
    }

    [Fact]
    public void LastStepOfOneDirectionIsTheFinalHiddenState()
    {
        var gru = new GRU(3, 4, numLayers: 2, batchFirst: true, dtype: DType.Float64, generator: new Generator(3));
        var x = Values(4, 2, 6, 3);
        var last = new RecurrentOutput(gru, RecurrentReadout.LastStep).Forward(x);
        Shape([2, 4], last);
        BitwiseEqual(gru.Forward(x).Output.Select(1, 5), last);
        Close(gru.Forward(x).H.Select(0, 1), last);
        Close(last, new RecurrentOutput(gru, RecurrentReadout.FinalHidden).Forward(x));
    }

    /// <summary>
    /// Bidirectional, time-first: the final state's forward half is the output at the last step and its reverse half
    /// the output at the first step (where the reverse direction ends), each H wide.
    /// </summary>
    [Fact]
    public void FinalHiddenPutsBothDirectionsOfTheLastLayerSideBySide()
    {
        var rnn = new RNN(3, 4, numLayers: 2, bidirectional: true, dtype: DType.Float64, generator: new Generator(5));
        var x = Values(6, 7, 2, 3);
        var output = rnn.Forward(x).Output;                                        // [T, N, 2H]
        var final = new RecurrentOutput(rnn, RecurrentReadout.FinalHidden).Forward(x);
        Shape([2, 8], final);
        Close(output.Select(0, 6).Narrow(1, 0, 4), final.Narrow(1, 0, 4));
        Close(output.Select(0, 0).Narrow(1, 4, 4), final.Narrow(1, 4, 4));
    }

    [Fact]
    public void UnbatchedInputGivesOneVector()
    {
        var lstm = new LSTM(3, 4, dtype: DType.Float64, generator: new Generator(7));
        var x = Values(8, 5, 3);
        Close(lstm.Forward(x).State.H.Select(0, 0), new RecurrentOutput(lstm, RecurrentReadout.FinalHidden).Forward(x));
        Close(lstm.Forward(x).Output.Select(0, 4), new RecurrentOutput(lstm, RecurrentReadout.LastStep).Forward(x));
    }

    [Fact]
    public void UnknownReadoutIsAnError()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RecurrentOutput(new GRU(2, 2), (RecurrentReadout)7));
        Assert.Contains("RecurrentOutput", error.Message);
    }
}
