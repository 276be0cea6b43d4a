using System.Text.Json;
using Sharpgrad.NN;
using Sharpgrad.Tests.Support;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN.Recurrent;

/// <summary>
/// PyTorch 1.13's torch.nn.utils.rnn and its recurrent layers on packed batches (Fixtures/make_packed_fixtures.py):
/// packing with unsorted lengths, unpacking with padding value and total length, and a bidirectional two-layer LSTM and
/// a bidirectional batch-first GRU on a packed batch with initial states, whose output data, h_n, c_n and the gradients
/// of Σ out.data·G + Σ h_n·G_h (+ Σ c_n·G_c) for the padded input and the initial states agree to 1e-10 in float64.
/// </summary>
public class PackedSequenceFixtureTests
{
    private const double Tolerance = 1e-10;

    private static readonly JsonElement Root = Fixture.Load("packed.json");

    [Fact]
    public void PackingAndPaddingMatchPyTorch()
    {
        var c = Root.GetProperty("pack");
        var lengths = c.GetProperty("lengths").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var packed = RnnUtils.PackPaddedSequence(Fixture.Tensor(c.GetProperty("input")), lengths, enforceSorted: false);
        Close(Fixture.Tensor(c.GetProperty("data")), packed.Data, 0);
        Assert.Equal(Longs(c, "batch_sizes"), packed.BatchSizes.ToArray<long>());
        Assert.Equal(Longs(c, "sorted_indices"), packed.SortedIndices!.ToArray<long>());
        Assert.Equal(Longs(c, "unsorted_indices"), packed.UnsortedIndices!.ToArray<long>());

        var (padded, padLengths) = RnnUtils.PadPackedSequence(packed, batchFirst: true, paddingValue: -1, totalLength: 5);
        Close(Fixture.Tensor(c.GetProperty("padded")), padded, 0);
        Assert.Equal(Longs(c, "padded_lengths"), padLengths.ToArray<long>());
    }

    public static TheoryData<string> LayerCases() => [.. Root.GetProperty("layers").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    [Theory]
    [MemberData(nameof(LayerCases))]
    public void PackedLayersMatchPyTorch(string name)
    {
        var c = Root.GetProperty("layers").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        bool batchFirst = c.GetProperty("batch_first").GetBoolean(), lstm = name.StartsWith("lstm");
        var input = Fixture.Tensor(c.GetProperty("input")).RequireGrad();
        var h0 = Fixture.Tensor(c.GetProperty("h0")).RequireGrad();
        var c0 = lstm ? Fixture.Tensor(c.GetProperty("c0")).RequireGrad() : null;
        var packed = RnnUtils.PackPaddedSequence(input, Longs(c, "lengths"), batchFirst, enforceSorted: false);
        var state = c.GetProperty("state_dict").EnumerateObject().ToDictionary(p => p.Name, p => Fixture.Tensor(p.Value));

        PackedSequence output;
        Tensor h;
        Tensor? cell = null;
        if (lstm)
        {
            var layer = new LSTM(3, 4, numLayers: 2, bidirectional: true, dtype: DType.Float64);
            layer.LoadStateDict(state);
            (output, (h, cell)) = layer.Forward(packed, (h0, c0!));
        }
        else
        {
            var layer = new GRU(3, 4, batchFirst: true, bidirectional: true, dtype: DType.Float64);
            layer.LoadStateDict(state);
            (output, h) = layer.Forward(packed, h0);
        }

        Close(Fixture.Tensor(c.GetProperty("output")), output.Data, Tolerance);
        Close(Fixture.Tensor(c.GetProperty("h_n")), h, Tolerance);
        var loss = (output.Data * Fixture.Tensor(c.GetProperty("G"))).Sum() + (h * Fixture.Tensor(c.GetProperty("GH"))).Sum();
        if (cell is not null)
        {
            Close(Fixture.Tensor(c.GetProperty("c_n")), cell, Tolerance);
            loss = loss + (cell * Fixture.Tensor(c.GetProperty("GC"))).Sum();
        }
        loss.Backward();
        Close(Fixture.Tensor(c.GetProperty("grad_input")), input.Grad!, Tolerance);
        Close(Fixture.Tensor(c.GetProperty("grad_h0")), h0.Grad!, Tolerance);
        if (c0 is not null) Close(Fixture.Tensor(c.GetProperty("grad_c0")), c0.Grad!, Tolerance);
    }

    private static long[] Longs(JsonElement c, string key) => c.GetProperty(key).EnumerateArray().Select(e => e.GetInt64()).ToArray();
}
