using Sharpgrad.NN;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN.Recurrent.Variants;

/// <summary>Leaky units (GBC §10.9.2) and skip connections through time (GBC §10.9.1) against hand-computed recurrences.</summary>
public class RecurrenceVariantTests
{
    private static Tensor Values(double[] data, params int[] shape) => Tensor.FromArray(data, shape);

    /// <summary>in = H = 1, no biases: each step by hand with Math.Tanh.</summary>
    [Fact]
    public void LeakyUnitsAverageTheTanhStepWithTheirPast()
    {
        var layer = new LeakyRNN(1, 1, alpha: 0.75, bias: false, dtype: DType.Float64);
        layer.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["weight_ih"] = Values([0.5], 1, 1), ["weight_hh"] = Values([-1.0], 1, 1), ["alpha"] = Tensor.Full([], 0.75, DType.Float64),
        });
        var (output, h) = layer.Forward(Values([1.0, 2.0], 2, 1, 1), Values([0.2], 1, 1));
        double mu0 = 0.75 * 0.2 + 0.25 * Math.Tanh(0.5 * 1 - 1 * 0.2);
        double mu1 = 0.75 * mu0 + 0.25 * Math.Tanh(0.5 * 2 - 1 * mu0);
        Close([mu0, mu1], output, 1e-15);
        Close([mu1], h, 1e-15);
    }

    /// <summary>α = 0 is the plain tanh RNN: an RNNCell's state dict loads and gives the cell's steps.</summary>
    [Fact]
    public void AlphaZeroIsThePlainRnnAndAnRnnCellStateDictLoads()
    {
        var cell = new RNNCell(3, 4, dtype: DType.Float64, generator: new Generator(5));
        var layer = new LeakyRNN(3, 4, alpha: 0, dtype: DType.Float64);
        var result = layer.LoadStateDict(cell.StateDict(), strict: false);
        Assert.Equal(["alpha"], result.MissingKeys);
        var x = Tensor.Randn([5, 2, 3], DType.Float64, new Generator(6));
        var h0 = Tensor.Randn([2, 4], DType.Float64, new Generator(7));
        var expected = new List<Tensor>();
        var h = h0;
        for (int t = 0; t < 5; t++) expected.Add(h = cell.Forward(x[t], h));
        Close(Tensor.Stack(expected), layer.Forward(x, h0).Output, 1e-14);
    }

    /// <summary>α = 1: the unit never forgets, so every state is h0 whatever the input.</summary>
    [Fact]
    public void AlphaOneHoldsTheInitialState()
    {
        var layer = new LeakyRNN(2, 3, alpha: 1, perUnit: true, dtype: DType.Float64, generator: new Generator(1));
        var h0 = Tensor.Randn([4, 3], DType.Float64, new Generator(2));
        var (output, h) = layer.Forward(Tensor.Randn([6, 4, 2], DType.Float64, new Generator(3)), h0);
        Close(h0, h, 0);
        Close(h0.Unsqueeze(0).Expand(6, 4, 3).Contiguous(), output, 0);
    }

    [Fact]
    public void LearnedAlphaIsASigmoidParameterThatGetsAGradient()
    {
        var layer = new LeakyRNN(2, 3, alpha: 0.9, perUnit: true, learnAlpha: true, dtype: DType.Float64, generator: new Generator(1));
        Assert.Equal(["weight_ih", "weight_hh", "bias_ih", "bias_hh", "alpha_logit"], layer.NamedParameters().Select(p => p.Name));
        Close([0.9, 0.9, 0.9], layer.Alpha, 1e-15);
        layer.Forward(Tensor.Randn([4, 2, 2], DType.Float64, new Generator(2))).Output.Sum().Backward();
        var grad = layer.NamedParameters().Single(p => p.Name == "alpha_logit").Parameter.Grad!;
        Assert.True(grad.Abs().Sum().Item() > 1e-6, "alpha_logit got no gradient");

        var fixedAlpha = new LeakyRNN(2, 3, alpha: 0.9);
        Assert.DoesNotContain(fixedAlpha.NamedParameters(), p => p.Name.StartsWith("alpha", StringComparison.Ordinal));
        Assert.Contains("alpha", fixedAlpha.StateDict().Keys);
    }

    /// <summary>Delay 2, in = H = 1, no biases: step 2 reads h_0 through the skip weight; before the start every state is h0.</summary>
    [Fact]
    public void SkipConnectionsReadTheStateDStepsBack()
    {
        var layer = new SkipRNN(1, 1, delay: 2, bias: false, dtype: DType.Float64);
        layer.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["weight_ih"] = Values([1.0], 1, 1), ["weight_hh"] = Values([0.5], 1, 1), ["weight_hs"] = Values([-0.25], 1, 1),
        });
        var (output, _) = layer.Forward(Values([0.3, -0.2, 0.4], 3, 1, 1), Values([0.1], 1, 1));
        double h0 = Math.Tanh(0.3 + 0.5 * 0.1 - 0.25 * 0.1);
        double h1 = Math.Tanh(-0.2 + 0.5 * h0 - 0.25 * 0.1);
        double h2 = Math.Tanh(0.4 + 0.5 * h1 - 0.25 * h0);
        Close([h0, h1, h2], output, 1e-15);
    }

    /// <summary>
    /// The summary's FLOP count: a tanh RNN step (in = 3, H = 4: 2·4·(3 + 4) GEMM + 2·4 biases + 2·4 add and tanh = 72 per
    /// row), plus 4 per unit for the leaky average, plus 2·H² + H for the skip GEMM and its addition. 10 rows (T·N).
    /// </summary>
    [Fact]
    public void FlopsAddTheVariantsWorkToTheTanhRnns()
    {
        Assert.Equal(720, ((IRecurrentModule)new RNNCell(3, 4)).Flops(10));
        Assert.Equal(720 + 10 * 4 * 4, ((IRecurrentModule)new LeakyRNN(3, 4)).Flops(10));
        Assert.Equal(720 + 10 * (2 * 16 + 4), ((IRecurrentModule)new SkipRNN(3, 4, delay: 2)).Flops(10));
    }

    [Fact]
    public void BadArgumentsNameTheLayerAndTheShapes()
    {
        var leaky = new LeakyRNN(3, 4);
        var wrongSize = Assert.Throws<ArgumentException>(() => leaky.Forward(Tensor.Zeros(5, 2, 2)));
        Assert.Contains("LeakyRNN", wrongSize.Message);
        Assert.Contains("[5, 2, 2]", wrongSize.Message);
        var wrongState = Assert.Throws<ArgumentException>(() => leaky.Forward(Tensor.Zeros(5, 2, 3), Tensor.Zeros(3, 4)));
        Assert.Contains("h0 must have shape [2, 4]", wrongState.Message);
        Assert.Contains("LeakyRNN", Assert.Throws<ArgumentException>(() => leaky.Forward(Tensor.Zeros(2, 3))).Message);
        Assert.Contains("alpha must lie in [0, 1], got 1.5", Assert.Throws<ArgumentException>(() => new LeakyRNN(1, 1, alpha: 1.5)).Message);
        Assert.Contains("(0, 1) when learned, got 1", Assert.Throws<ArgumentException>(() => new LeakyRNN(1, 1, alpha: 1, learnAlpha: true)).Message);
        Assert.Contains("SkipRNN: delay must be at least 2", Assert.Throws<ArgumentException>(() => new SkipRNN(1, 1, delay: 1)).Message);
    }
}
