using Sharpgrad.NN;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN.Recurrent;

/// <summary>
/// The recurrent layers' contract beyond the PyTorch fixtures: PyTorch's names and shapes, its initialisation bounds,
/// the forget-gate bias option, the input layouts, dropout between layers, Summary's row and FLOPs, and the errors.
/// </summary>
public class RecurrentLayerTests
{
    [Fact]
    public void AnLstmWithProjectionHasPyTorchsParameterNamesShapesAndOrder()
    {
        var lstm = new LSTM(3, 4, numLayers: 2, bidirectional: true, projSize: 2);
        // torch.nn.LSTM(3, 4, num_layers=2, bidirectional=True, proj_size=2).state_dict(): per layer and direction
        // W_ih [4H, in], W_hh [4H, P], b_ih, b_hh [4H], W_hr [P, H]; layer 1 reads both directions' P features.
        (string, int[])[] expected =
        [
            ("weight_ih_l0", [16, 3]), ("weight_hh_l0", [16, 2]), ("bias_ih_l0", [16]), ("bias_hh_l0", [16]), ("weight_hr_l0", [2, 4]),
            ("weight_ih_l0_reverse", [16, 3]), ("weight_hh_l0_reverse", [16, 2]), ("bias_ih_l0_reverse", [16]), ("bias_hh_l0_reverse", [16]), ("weight_hr_l0_reverse", [2, 4]),
            ("weight_ih_l1", [16, 4]), ("weight_hh_l1", [16, 2]), ("bias_ih_l1", [16]), ("bias_hh_l1", [16]), ("weight_hr_l1", [2, 4]),
            ("weight_ih_l1_reverse", [16, 4]), ("weight_hh_l1_reverse", [16, 2]), ("bias_ih_l1_reverse", [16]), ("bias_hh_l1_reverse", [16]), ("weight_hr_l1_reverse", [2, 4]),
        ];
        Assert.Equal(expected.Select(e => e.Item1), lstm.StateDict().Keys);
        Assert.All(expected, e => Assert.Equal(e.Item2, lstm.StateDict()[e.Item1].Shape));
    }

    [Fact]
    public void GruAndRnnCellsUsePyTorchsNamesAndGateCounts()
    {
        Assert.Equal(["weight_ih", "weight_hh", "bias_ih", "bias_hh"], new GRUCell(3, 5).StateDict().Keys);
        Assert.Equal([15, 3], new GRUCell(3, 5).StateDict()["weight_ih"].Shape);
        Assert.Equal([5, 5], new RNNCell(3, 5).StateDict()["weight_hh"].Shape);
        Assert.Equal(["weight_ih_l0", "weight_hh_l0"], new GRU(3, 5, bias: false).StateDict().Keys);
    }

    [Fact]
    public void EveryParameterStartsInsideTheBoundOneOverRootH()
    {
        var gru = new GRU(3, 16, numLayers: 2, generator: new Generator(1));
        var values = gru.Parameters().SelectMany(p => p.ToDoubleArray()).ToArray();
        Assert.All(values, v => Assert.InRange(Math.Abs(v), 0, 0.25));
        Assert.True(values.Max() > 0.2 && values.Min() < -0.2);   // spread over the whole interval, not a constant
    }

    [Fact]
    public void ForgetGateBiasSetsTheForgetSliceOfTheTotalBias()
    {
        var lstm = new LSTM(3, 4, numLayers: 2, forgetGateBias: 1.0, dtype: DType.Float64, generator: new Generator(2));
        foreach (var layer in new[] { "l0", "l1" })
        {
            var inputBias = lstm.StateDict()[$"bias_ih_{layer}"].ToDoubleArray();
            var hiddenBias = lstm.StateDict()[$"bias_hh_{layer}"].ToDoubleArray();
            for (int unit = 0; unit < 4; unit++)
            {
                Assert.Equal(1.0, inputBias[4 + unit] + hiddenBias[4 + unit]);   // rows 4..7: the f gate (order i, f, g, o)
                Assert.InRange(Math.Abs(inputBias[unit]), 0, 0.5);                // the other gates keep their U(±1/√H) values
            }
        }
        var cell = new LSTMCell(2, 3, forgetGateBias: 1.0);
        Assert.Equal([1f, 1f, 1f], cell.StateDict()["bias_ih"].Narrow(0, 3, 3).ToArray<float>());
    }

    [Fact]
    public void BatchFirstAndUnbatchedInputsGiveTheTimeFirstResults()
    {
        var timeFirst = new GRU(3, 2, numLayers: 2, bidirectional: true, dtype: DType.Float64, generator: new Generator(3));
        var batchFirst = new GRU(3, 2, numLayers: 2, bidirectional: true, batchFirst: true, dtype: DType.Float64);
        batchFirst.LoadStateDict(timeFirst.StateDict());
        var x = Randn(4, 5, 2, 3);   // [T, N, in]
        var h0 = Randn(5, 4, 2, 2);
        var (output, h) = timeFirst.Forward(x, h0);
        var (outputBatchFirst, hBatchFirst) = batchFirst.Forward(x.Transpose(0, 1), h0);
        BitwiseEqual(output, outputBatchFirst.Transpose(0, 1));
        BitwiseEqual(h, hBatchFirst);

        // An unbatched sequence [T, in] is the batch of one, without the batch dim in the output or the state.
        var (single, hSingle) = timeFirst.Forward(x.Select(1, 0), h0.Select(1, 0));
        Close(output.Select(1, 0), single, 1e-15);
        Close(h.Select(1, 0), hSingle, 1e-15);
    }

    [Fact]
    public void AMissingStateIsZeros()
    {
        var lstm = new LSTM(3, 2, dtype: DType.Float64, generator: new Generator(4));
        var x = Randn(6, 3, 2, 3);
        var zeros = Tensor.Zeros([1, 2, 2], DType.Float64);
        var (output, (h, c)) = lstm.Forward(x);
        var (expected, (hExpected, cExpected)) = lstm.Forward(x, (zeros, zeros));
        BitwiseEqual(expected, output);
        BitwiseEqual(hExpected, h);
        BitwiseEqual(cExpected, c);
    }

    [Fact]
    public void DropoutActsBetweenLayersOnlyWhileTraining()
    {
        var x = Randn(7, 4, 2, 3);
        var plain = new LSTM(3, 2, numLayers: 2, dtype: DType.Float64, generator: new Generator(5));
        LSTM WithDropout(int seed)
        {
            var lstm = new LSTM(3, 2, numLayers: 2, dropout: 0.5, dtype: DType.Float64, generator: new Generator(seed));
            lstm.LoadStateDict(plain.StateDict());
            return lstm;
        }
        var expected = plain.Forward(x).Output;

        var first = WithDropout(6).Forward(x).Output;
        Assert.False(first.AllClose(expected));                           // training: masks between the layers
        BitwiseEqual(first, WithDropout(6).Forward(x).Output);            // the same seed draws the same masks
        var evaluated = WithDropout(6);
        evaluated.Eval();
        BitwiseEqual(expected, evaluated.Forward(x).Output);              // evaluation: the identity

        // A single layer has no layer after it, so its dropout never applies (PyTorch warns about this configuration).
        var single = new LSTM(3, 2, dropout: 0.5, dtype: DType.Float64, generator: new Generator(8));
        var singlePlain = new LSTM(3, 2, dtype: DType.Float64);
        singlePlain.LoadStateDict(single.StateDict());
        BitwiseEqual(singlePlain.Forward(x).Output, single.Forward(x).Output);
    }

    [Fact]
    public void SummaryListsTheLayerWithItsFlops()
    {
        var lstm = new LSTM(3, 4);
        var x = Tensor.Ones([5, 2, 3]);
        var summary = lstm.Summary(() => lstm.Forward(x));
        var row = Assert.Single(summary.Layers);
        Assert.Equal("LSTM", row.Type);
        Assert.Equal([5, 2, 4], row.OutputShape);
        Assert.Equal(lstm.ParameterCount(), row.Parameters);
        // T·N = 10 rows, 4H = 16 gate rows: input GEMM 2·16·3, recurrent GEMM 2·16·4, two biases 2·16, gates 13·4.
        Assert.Equal(10 * (2 * 16 * 3 + 2 * 16 * 4 + 2 * 16 + 13 * 4), summary.TotalFlops);

        var cell = new GRUCell(3, 2, bias: false);
        var cellSummary = cell.Summary(() => cell.Forward(Tensor.Ones([4, 3])));
        Assert.Equal(4 * (2 * 6 * 3 + 2 * 6 * 2 + 11 * 2), cellSummary.TotalFlops);
    }

    [Fact]
    public void BadArgumentsNameTheLayerAndTheShapes()
    {
        var lstm = new LSTM(3, 4, numLayers: 2);
        var wrongSize = Assert.Throws<ArgumentException>(() => lstm.Forward(Tensor.Zeros([5, 2, 7])));
        Assert.Contains("LSTM: expected input size 3", wrongSize.Message);
        Assert.Contains("[5, 2, 7]", wrongSize.Message);

        var badState = Assert.Throws<ArgumentException>(() => lstm.Forward(Tensor.Zeros([5, 2, 3]), (Tensor.Zeros([1, 2, 4]), Tensor.Zeros([2, 2, 4]))));
        Assert.Contains("LSTM: h0 must have shape [2, 2, 4]", badState.Message);
        Assert.Contains("[1, 2, 4]", badState.Message);

        Assert.Contains("GRU: input must be 3-D", Assert.Throws<ArgumentException>(() => new GRU(3, 4).Forward(Tensor.Zeros([1, 5, 2, 3]))).Message);
        Assert.Contains("RNNCell: h0 must have shape [2, 4]",
            Assert.Throws<ArgumentException>(() => new RNNCell(3, 4).Forward(Tensor.Zeros([2, 3]), Tensor.Zeros([4]))).Message);
        Assert.Contains("float64", Assert.Throws<ArgumentException>(() => new RNN(3, 4).Forward(Tensor.Zeros([5, 2, 3], DType.Float64))).Message);
        Assert.Contains("projSize", Assert.Throws<ArgumentException>(() => new LSTM(3, 4, projSize: 4)).Message);
        Assert.Contains("forgetGateBias", Assert.Throws<ArgumentException>(() => new LSTM(3, 4, bias: false, forgetGateBias: 1)).Message);
        Assert.Contains("numLayers", Assert.Throws<ArgumentException>(() => new GRU(3, 4, numLayers: 0)).Message);
    }
}
