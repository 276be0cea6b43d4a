using Sharpgrad.NN;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN.Recurrent;

/// <summary>
/// LSTM peepholes (Gers &amp; Schmidhuber 2000): their names and place in the state dict, one step computed by hand, and
/// zero peephole weights giving exactly the plain LSTM.
/// </summary>
public class PeepholeTests
{
    [Fact]
    public void PeepholeWeightsFollowPyTorchsParametersOfEachLayerAndDirection()
    {
        var lstm = new LSTM(3, 4, bidirectional: true, peephole: true);
        Assert.Equal(["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_ci_l0", "weight_cf_l0", "weight_co_l0",
            "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
            "weight_ci_l0_reverse", "weight_cf_l0_reverse", "weight_co_l0_reverse"], lstm.StateDict().Keys);
        Assert.Equal([4], lstm.StateDict()["weight_co_l0_reverse"].Shape);
        Assert.Contains("peephole=True", lstm.ToString());
    }

    [Fact]
    public void OneStepMatchesTheGersSchmidhuberEquationsByHand()
    {
        // H = 1, in = 1: W_ih = (0.5, −0.3, 0.8, 0.2) for (i, f, g, o), W_hh = 0 (h0 = 0 anyway), biases 0.1,
        // peepholes w_ci = 0.7, w_cf = −0.4, w_co = 0.9; x = 1.5, c0 = 0.6.
        var lstm = new LSTM(1, 1, peephole: true, dtype: DType.Float64);
        lstm.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["weight_ih_l0"] = Tensor.From(new[] { 0.5, -0.3, 0.8, 0.2 }).Reshape(4, 1),
            ["weight_hh_l0"] = Tensor.Zeros([4, 1], DType.Float64),
            ["bias_ih_l0"] = Tensor.Full([4], 0.1, DType.Float64),
            ["bias_hh_l0"] = Tensor.Zeros([4], DType.Float64),
            ["weight_ci_l0"] = Tensor.From(new[] { 0.7 }),
            ["weight_cf_l0"] = Tensor.From(new[] { -0.4 }),
            ["weight_co_l0"] = Tensor.From(new[] { 0.9 }),
        });
        var (output, (h, c)) = lstm.Forward(Tensor.From(new[] { 1.5 }).Reshape(1, 1, 1), (Tensor.Zeros([1, 1, 1], DType.Float64), Tensor.Full([1, 1, 1], 0.6, DType.Float64)));

        static double Sigmoid(double a) => 1 / (1 + Math.Exp(-a));
        double x = 1.5, c0 = 0.6;
        double i = Sigmoid(0.5 * x + 0.1 + 0.7 * c0), f = Sigmoid(-0.3 * x + 0.1 - 0.4 * c0), g = Math.Tanh(0.8 * x + 0.1);
        double c1 = f * c0 + i * g;
        double o = Sigmoid(0.2 * x + 0.1 + 0.9 * c1);   // the output gate sees the new cell
        Close([c1], c, 1e-15);
        Close([o * Math.Tanh(c1)], h, 1e-15);
        Close([o * Math.Tanh(c1)], output, 1e-15);
    }

    [Fact]
    public void ZeroPeepholesGiveThePlainLstm()
    {
        var plain = new LSTM(3, 4, numLayers: 2, dtype: DType.Float64, generator: new Generator(760));
        var peephole = new LSTM(3, 4, numLayers: 2, dtype: DType.Float64, peephole: true);
        var state = plain.StateDict().ToDictionary(p => p.Key, p => p.Value);
        foreach (var name in peephole.StateDict().Keys.Where(k => k.StartsWith("weight_c"))) state[name] = Tensor.Zeros([4], DType.Float64);
        peephole.LoadStateDict(state);
        var x = Tensor.Randn([5, 2, 3], DType.Float64, new Generator(761));
        var (expected, (h, c)) = plain.Forward(x);
        var (actual, (hp, cp)) = peephole.Forward(x);
        Close(expected, actual, 1e-14);
        Close(h, hp, 1e-14);
        Close(c, cp, 1e-14);
    }
}
