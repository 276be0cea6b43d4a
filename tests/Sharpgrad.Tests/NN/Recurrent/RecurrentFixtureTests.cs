using System.Text.Json;
using Sharpgrad.NN;
using Sharpgrad.Tests.Support;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN.Recurrent;

/// <summary>
/// PyTorch 1.13's nn.LSTM/GRU/RNN and their cells (Fixtures/make_recurrent_fixtures.py): each case's state dict is
/// loaded into our layer, which must then give PyTorch's outputs and final states and PyTorch's gradients of
/// L = Σ out·G + Σ h_n·G_h (+ Σ c_n·G_c) for the input, the initial states and every parameter, to 1e-10 in float64;
/// the same module converted to float32 must give all of them to 1e-6. The generator rounds every input to a float32
/// value, so the float64 fixture is the exact answer for the float32 run too.
/// </summary>
public class RecurrentFixtureTests
{
    private const double Tolerance = 1e-10, Float32Tolerance = 1e-6;

    private static readonly JsonElement Root = Fixture.Load("recurrent.json");

    public static TheoryData<string> LayerCases() => [.. Root.GetProperty("layers").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    public static TheoryData<string> CellCases() => [.. Root.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    /// <summary>A forward that takes the optional initial states and returns (output or null, h, c or null).</summary>
    private delegate (Tensor? Output, Tensor H, Tensor? C) Run(Tensor x, Tensor? h0, Tensor? c0);

    [Theory]
    [MemberData(nameof(LayerCases))]
    public void LayersMatchPyTorchAfterLoadingItsStateDict(string name) =>
        Check(Case("layers", name), BuildLayer, DType.Float64, Tolerance);

    [Theory]
    [MemberData(nameof(CellCases))]
    public void CellsMatchPyTorchAfterLoadingItsStateDict(string name) =>
        Check(Case("cells", name), BuildCell, DType.Float64, Tolerance);

    [Theory]
    [MemberData(nameof(LayerCases))]
    public void LayersMatchPyTorchInFloat32(string name) =>
        Check(Case("layers", name), BuildLayer, DType.Float32, Float32Tolerance);

    [Theory]
    [MemberData(nameof(CellCases))]
    public void CellsMatchPyTorchInFloat32(string name) =>
        Check(Case("cells", name), BuildCell, DType.Float32, Float32Tolerance);

    private static JsonElement Case(string group, string name) =>
        Root.GetProperty(group).EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    /// <summary>
    /// Loads the case into a float64 module, converts it to <paramref name="dtype"/> and compares the outputs and every
    /// gradient with PyTorch's float64 values to <paramref name="tol"/>.
    /// </summary>
    private static void Check(JsonElement c, Func<JsonElement, int, (Module Module, Run Run)> build, DType dtype, double tol)
    {
        Tensor Stored(string key) => Fixture.Tensor(c.GetProperty(key), dtype);
        var input = Stored("input").RequireGrad();
        var (module, run) = build(c.GetProperty("options"), input.Size(-1));
        var state = c.GetProperty("state_dict").EnumerateObject().ToDictionary(p => p.Name, p => Fixture.Tensor(p.Value));
        Assert.Equal(state.Keys, module.StateDict().Keys);   // PyTorch's names, in PyTorch's order
        module.LoadStateDict(state);
        module.To(dtype);

        Tensor? Optional(string key) => c.TryGetProperty(key, out _) ? Stored(key).RequireGrad() : null;
        var (h0, c0) = (Optional("h0"), Optional("c0"));
        var (output, h, cell) = run(input, h0, c0);
        Assert.Equal(dtype, h.DType);

        var loss = (h * Stored("GH")).Sum();
        if (output is not null)
        {
            Close(Fixture.Tensor(c.GetProperty("output")), output, tol);
            loss = loss + (output * Stored("G")).Sum();
        }
        Close(Fixture.Tensor(c.GetProperty("h_n")), h, tol);
        if (cell is not null)
        {
            Close(Fixture.Tensor(c.GetProperty("c_n")), cell, tol);
            loss = loss + (cell * Stored("GC")).Sum();
        }
        loss.Backward();

        Close(Fixture.Tensor(c.GetProperty("grad_input")), input.Grad!, tol);
        if (h0 is not null) Close(Fixture.Tensor(c.GetProperty("grad_h0")), h0.Grad!, tol);
        if (c0 is not null) Close(Fixture.Tensor(c.GetProperty("grad_c0")), c0.Grad!, tol);
        var parameters = module.NamedParameters().ToDictionary();
        foreach (var g in c.GetProperty("grad_params").EnumerateObject())
            Close(Fixture.Tensor(g.Value), parameters[g.Name].Grad!, tol);
    }

    private static int Option(JsonElement options, string key, int fallback) => options.TryGetProperty(key, out var v) ? v.GetInt32() : fallback;

    private static bool Flag(JsonElement options, string key, bool fallback) => options.TryGetProperty(key, out var v) ? v.GetBoolean() : fallback;

    private static RnnNonlinearity Nonlinearity(JsonElement options) =>
        options.TryGetProperty("nonlinearity", out var v) && v.GetString() == "relu" ? RnnNonlinearity.Relu : RnnNonlinearity.Tanh;

    private static (Module, Run) BuildLayer(JsonElement o, int inputSize)
    {
        int hidden = Option(o, "hidden_size", 4), layers = Option(o, "num_layers", 1);
        bool bias = Flag(o, "bias", true), batchFirst = Flag(o, "batch_first", false), bidirectional = Flag(o, "bidirectional", false);
        switch (o.GetProperty("kind").GetString())
        {
            case "lstm":
                var lstm = new LSTM(inputSize, hidden, layers, bias, batchFirst, bidirectional: bidirectional,
                    projSize: Option(o, "proj_size", 0), dtype: DType.Float64);
                return (lstm, (x, h0, c0) =>
                {
                    var (output, (h, c)) = lstm.Forward(x, h0 is null ? null : (h0, c0!));
                    return (output, h, c);
                });
            case "gru":
                var gru = new GRU(inputSize, hidden, layers, bias, batchFirst, bidirectional: bidirectional, dtype: DType.Float64);
                return (gru, (x, h0, _) =>
                {
                    var (output, h) = gru.Forward(x, h0);
                    return (output, h, null);
                });
            default:
                var rnn = new RNN(inputSize, hidden, layers, Nonlinearity(o), bias, batchFirst, bidirectional: bidirectional, dtype: DType.Float64);
                return (rnn, (x, h0, _) =>
                {
                    var (output, h) = rnn.Forward(x, h0);
                    return (output, h, null);
                });
        }
    }

    private static (Module, Run) BuildCell(JsonElement o, int inputSize)
    {
        const int hidden = 4;
        switch (o.GetProperty("kind").GetString())
        {
            case "lstm":
                var lstm = new LSTMCell(inputSize, hidden, dtype: DType.Float64);
                return (lstm, (x, h0, c0) =>
                {
                    var (h, c) = lstm.Forward(x, (h0!, c0!));
                    return (null, h, c);
                });
            case "gru":
                var gru = new GRUCell(inputSize, hidden, dtype: DType.Float64);
                return (gru, (x, h0, _) => (null, gru.Forward(x, h0), null));
            default:
                var rnn = new RNNCell(inputSize, hidden, nonlinearity: Nonlinearity(o), dtype: DType.Float64);
                return (rnn, (x, h0, _) => (null, rnn.Forward(x, h0), null));
        }
    }
}
