using Sharpgrad.NN;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN.Recurrent;

/// <summary>
/// Variable-length batches: padded steps change neither the outputs at real steps, nor the final states, nor any
/// gradient, checked against running each sequence alone at its true length; packing round-trips; and bad lengths
/// get errors that name the function and the lengths.
/// </summary>
public class PackedSequenceTests
{
    private static readonly long[] Lengths = [4, 2, 3];

    public static TheoryData<string> Kinds => ["lstm", "gru", "rnn"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void PaddedStepsChangeNeitherOutputsNorStatesNorGradients(string kind)
    {
        var g = new Generator(740);
        var x = Tensor.Randn([4, 3, 3], DType.Float64, g);
        var h0 = Tensor.Randn([4, 3, 5], DType.Float64, g);   // 2 layers × 2 directions
        var weights = Tensor.Randn([4, 3, 10], DType.Float64, g);   // the loss's weights for every padded output position
        var stateWeights = Tensor.Randn([4, 3, 5], DType.Float64, g);

        // The batch: garbage in the padded steps, packed with unsorted lengths.
        var garbage = Tensor.Randn([4, 3, 3], DType.Float64, g) * 100;
        var mask = Tensor.From(Enumerable.Range(0, 12).Select(i => i / 3 < Lengths[i % 3] ? 1.0 : 0.0).ToArray()).Reshape(4, 3, 1);
        var batchInput = (x * mask + garbage * (1 - mask)).Detach().RequireGrad();
        var batchLayer = Layer(kind);
        var (output, h) = RunPacked(batchLayer, RnnUtils.PackPaddedSequence(batchInput, Lengths, enforceSorted: false), h0);
        var (padded, _) = RnnUtils.PadPackedSequence(output);
        (((padded * mask) * weights).Sum() + (h * stateWeights).Sum()).Backward();

        // Each sequence alone, at its true length, with the same parameters; the parameter gradients add up over sequences.
        var aloneLayer = Layer(kind);
        aloneLayer.LoadStateDict(batchLayer.StateDict());
        for (int b = 0; b < 3; b++)
        {
            int length = (int)Lengths[b];
            var xb = x.Narrow(0, 0, length).Narrow(1, b, 1).Contiguous().RequireGrad();
            var (outputB, hB) = RunPadded(aloneLayer, xb, h0.Narrow(1, b, 1));
            ((outputB * weights.Narrow(0, 0, length).Narrow(1, b, 1)).Sum() + (hB * stateWeights.Narrow(1, b, 1)).Sum()).Backward();
            Close(outputB, padded.Narrow(0, 0, length).Narrow(1, b, 1), 1e-12);
            Close(hB, h.Narrow(1, b, 1), 1e-12);
            Close(xb.Grad!, batchInput.Grad!.Narrow(0, 0, length).Narrow(1, b, 1), 1e-12);
            Close(Tensor.ZerosLike(xb.Grad!).Narrow(0, 0, 4 - length), batchInput.Grad!.Narrow(0, length, 4 - length).Narrow(1, b, 1), 0);
        }
        var batchGrads = batchLayer.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.Grad!);
        foreach (var (name, parameter) in aloneLayer.NamedParameters()) Close(parameter.Grad!, batchGrads[name], 1e-11);
    }

    [Fact]
    public void PackSequenceAndPadPackedSequenceRoundTrip()
    {
        var g = new Generator(741);
        Tensor[] sequences = [Tensor.Randn([2, 3], DType.Float64, g), Tensor.Randn([5, 3], DType.Float64, g), Tensor.Randn([1, 3], DType.Float64, g)];
        var packed = RnnUtils.PackSequence(sequences, enforceSorted: false);
        Assert.Equal([3L, 2, 1, 1, 1], packed.BatchSizes.ToArray<long>());
        Assert.Equal([1L, 0, 2], packed.SortedIndices!.ToArray<long>());
        Assert.Equal([1L, 0, 2], packed.UnsortedIndices!.ToArray<long>());
        var (padded, lengths) = RnnUtils.PadPackedSequence(packed, batchFirst: true, paddingValue: 7);
        Assert.Equal([2L, 5, 1], lengths.ToArray<long>());
        for (int b = 0; b < 3; b++)
        {
            int length = sequences[b].Size(0);
            Close(sequences[b], padded.Select(0, b).Narrow(0, 0, length), 0);
            Close(Tensor.Full([5 - length, 3], 7, DType.Float64), padded.Select(0, b).Narrow(0, length, 5 - length), 0);
        }
    }

    [Fact]
    public void BadLengthsAndPackedInputsGetClearErrors()
    {
        var x = Tensor.Zeros([4, 3, 2]);
        Assert.Contains("length 5 of sequence 1 is longer than the 4 steps",
            Assert.Throws<ArgumentException>(() => RnnUtils.PackPaddedSequence(x, [4, 5, 1])).Message);
        Assert.Contains("non-increasing, got [2, 4, 1]", Assert.Throws<ArgumentException>(() => RnnUtils.PackPaddedSequence(x, [2, 4, 1])).Message);
        Assert.Contains("at least 1, got length 0 for sequence 2",
            Assert.Throws<ArgumentException>(() => RnnUtils.PackPaddedSequence(x, [4, 2, 0], enforceSorted: false)).Message);
        Assert.Contains("expected 3 lengths", Assert.Throws<ArgumentException>(() => RnnUtils.PackPaddedSequence(x, [4, 2])).Message);
        Assert.Contains("totalLength 3 is shorter", Assert.Throws<ArgumentException>(
            () => RnnUtils.PadPackedSequence(RnnUtils.PackPaddedSequence(x, [4, 2, 1]), totalLength: 3)).Message);

        var packed = RnnUtils.PackPaddedSequence(x, [4, 2, 1]);
        Assert.Contains("LSTM: expected input size 3", Assert.Throws<ArgumentException>(() => new LSTM(3, 4).Forward(packed)).Message);
        Assert.Contains("GRU: h0 must have shape [1, 3, 4]",
            Assert.Throws<ArgumentException>(() => new GRU(2, 4).Forward(packed, Tensor.Zeros([1, 2, 4]))).Message);
    }

    private static Module Layer(string kind) => kind switch
    {
        "lstm" => new LSTM(3, 5, numLayers: 2, bidirectional: true, dtype: DType.Float64, generator: new Generator(742)),
        "gru" => new GRU(3, 5, numLayers: 2, bidirectional: true, dtype: DType.Float64, generator: new Generator(742)),
        _ => new RNN(3, 5, numLayers: 2, bidirectional: true, dtype: DType.Float64, generator: new Generator(742)),
    };

    /// <summary>Runs a layer on a packed batch; an LSTM's c0 is half of h0 (any fixed state would do).</summary>
    private static (PackedSequence Output, Tensor H) RunPacked(Module layer, PackedSequence input, Tensor h0)
    {
        if (layer is LSTM lstm)
        {
            var (output, state) = lstm.Forward(input, (h0, h0 * 0.5));
            return (output, state.H);
        }
        return layer is GRU gru ? gru.Forward(input, h0) : ((RNN)layer).Forward(input, h0);
    }

    private static (Tensor Output, Tensor H) RunPadded(Module layer, Tensor input, Tensor h0)
    {
        if (layer is LSTM lstm)
        {
            var (output, state) = lstm.Forward(input, (h0, h0 * 0.5));
            return (output, state.H);
        }
        return layer is GRU gru ? gru.Forward(input, h0) : ((RNN)layer).Forward(input, h0);
    }
}
