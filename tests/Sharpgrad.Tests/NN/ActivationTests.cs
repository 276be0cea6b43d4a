using Sharpgrad.NN;

namespace Sharpgrad.Tests.NN;

public class ActivationTests
{
    private static Tensor Vec(params double[] values) => Tensor.From(values);

    private static double[] Grad(Module<Tensor, Tensor> module, Tensor x)
    {
        var input = x.Detach().Clone().RequireGrad();
        module.Forward(input).Sum().Backward();
        return input.Grad!.ToArray<double>();
    }

    private static void Close(double[] expected, Tensor actual, double tol = 1e-12)
    {
        var a = actual.ToDoubleArray();
        Assert.Equal(expected.Length, a.Length);
        for (int i = 0; i < a.Length; i++) Assert.True(Math.Abs(expected[i] - a[i]) <= tol, $"[{i}]: expected {expected[i]:R}, got {a[i]:R}");
    }

    // ---------------------------------------------------------------- values and kinks (GBC §6.3)

    [Fact]
    public void ReluZeroesNegativesAndHasZeroDerivativeAtZero()
    {
        Assert.Equal(new double[] { 0, 0, 3 }, new ReLU().Forward(Vec(-2, 0, 3)).ToArray<double>());
        Assert.Equal(new double[] { 0, 0, 1 }, Grad(new ReLU(), Vec(-1, 0, 2)));
    }

    [Fact]
    public void LeakyReluKeepsASmallSlope()
    {
        Close([-0.02, 0, 3], new LeakyReLU().Forward(Vec(-2, 0, 3)));
        Close([-0.4, 3], new LeakyReLU(0.2).Forward(Vec(-2, 3)));
        Assert.Equal(new double[] { 0.01, 0.01, 1 }, Grad(new LeakyReLU(), Vec(-2, 0, 3))); // PyTorch: slope at 0
    }

    [Fact]
    public void PReluLearnsOneSlopePerChannel()
    {
        var prelu = new PReLU(numParameters: 2, dtype: DType.Float64);
        Assert.Equal(new double[] { 0.25, 0.25 }, prelu.Weight.ToArray<double>());
        Assert.Equal(["weight"], prelu.NamedParameters().Select(p => p.Name));
        prelu.LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = Vec(0.5, 2) });
        // [N=1, C=2, L=2]: channel 0 uses 0.5, channel 1 uses 2.
        var x = Tensor.From(new double[] { -2, 4, -2, 4 }).Reshape(1, 2, 2);
        Close([-1, 4, -4, 4], prelu.Forward(x));
        Assert.Contains("has 3 channels", Assert.Throws<ArgumentException>(() => prelu.Forward(Tensor.Zeros([1, 3], DType.Float64))).Message);
    }

    [Fact]
    public void EluSaturatesAndStaysFiniteForLargeInputs()
    {
        Close([Math.Exp(-1) - 1, 0, 2, 1000], new ELU().Forward(Vec(-1, 0, 2, 1000)));
        Close([2 * (Math.Exp(-1) - 1), -2], new ELU(2).Forward(Vec(-1, -1000)));
        // exp(1000) = ∞ must not leak into the gradient through the unpicked branch.
        Assert.Equal(new double[] { 1, 1 }, Grad(new ELU(), Vec(1000, 3)));
        Close([Math.Exp(-1), 1], Tensor.From(Grad(new ELU(), Vec(-1, 0))));   // α·eˣ, and α at 0
    }

    [Fact]
    public void SigmoidAndTanhAtKnownPoints()
    {
        Close([0.5, 1 / (1 + Math.Exp(-2))], new Sigmoid().Forward(Vec(0, 2)));
        Close([0, Math.Tanh(1)], new Tanh().Forward(Vec(0, 1)));
        Close([0.25], Tensor.From(Grad(new Sigmoid(), Vec(0))));
    }

    [Fact]
    public void SoftplusWithBetaAndThreshold()
    {
        Close([Math.Log(2), Math.Log(1 + Math.E)], new Softplus().Forward(Vec(0, 1)));
        Close([Math.Log(1 + Math.Exp(2)) / 2], new Softplus(beta: 2).Forward(Vec(1)));
        // Above the threshold (βx > 20) the output is x itself, as in PyTorch.
        Assert.Equal(new double[] { 30 }, new Softplus().Forward(Vec(30)).ToArray<double>());
        Assert.Equal(new double[] { 1 }, Grad(new Softplus(), Vec(30)));
        Assert.Equal(new double[] { 11 }, new Softplus(beta: 2, threshold: 20).Forward(Vec(11)).ToArray<double>());
    }

    [Fact]
    public void HardtanhClipsAndPassesGradientOnlyInside()
    {
        Assert.Equal(new double[] { -1, -0.5, 1 }, new Hardtanh().Forward(Vec(-3, -0.5, 2)).ToArray<double>());
        Assert.Equal(new double[] { 0, 2 }, new Hardtanh(0, 2).Forward(Vec(-1, 5)).ToArray<double>());
        Assert.Equal(new double[] { 0, 0, 1, 0, 0 }, Grad(new Hardtanh(), Vec(-2, -1, 0.3, 1, 2)));
    }

    [Fact]
    public void SoftmaxTemperature()
    {
        var x = Vec(0, Math.Log(3));
        Close([0.25, 0.75], new Softmax().Forward(x));
        Close([0.1, 0.9], new Softmax(beta: 2).Forward(x));          // e^{2 ln 3} = 9
        Close([0.5, 0.5], new Softmax(beta: 0).Forward(x));          // β → 0: uniform
        Close([0, 1], new Softmax(beta: 1e3).Forward(x));           // β → ∞: argmax
        var columns = new Softmax(dim: 0).Forward(Tensor.From(new double[,] { { 0, 1 }, { 0, 1 } }));
        Close([0.5, 0.5, 0.5, 0.5], columns);
    }

    [Fact]
    public void LogSoftmaxStaysFiniteWhereLogOfSoftmaxIsMinusInfinity()
    {
        var x = Vec(0, -1000);
        Close([0, -1000], new LogSoftmax().Forward(x));
        Assert.Equal(double.NegativeInfinity, new Softmax().Forward(x).Log().ToArray<double>()[1]);
    }

    [Fact]
    public void FlattenAndIdentity()
    {
        var x = Tensor.Zeros(2, 3, 4, 5);
        Assert.Equal([2, 60], new Flatten().Forward(x).Shape);
        Assert.Equal([6, 4, 5], new Flatten(0, 1).Forward(x).Shape);
        Assert.Equal([2, 12, 5], new Flatten(1, 2).Forward(x).Shape);
        Assert.Same(x, new Identity().Forward(x));
    }

    // ---------------------------------------------------------------- gradients (float64, away from kinks)

    public static TheoryData<string> Activations() =>
        ["ReLU", "LeakyReLU", "PReLU", "ELU", "ELU(0.5)", "Sigmoid", "Tanh", "Softplus", "Softplus(2)", "Hardtanh", "Softmax", "Softmax(dim 0, β 3)", "LogSoftmax", "Flatten", "Identity"];

    private static Module<Tensor, Tensor> Make(string name) => name switch
    {
        "ReLU" => new ReLU(),
        "LeakyReLU" => new LeakyReLU(0.1),
        "PReLU" => new PReLU(3, dtype: DType.Float64),
        "ELU" => new ELU(),
        "ELU(0.5)" => new ELU(0.5),
        "Sigmoid" => new Sigmoid(),
        "Tanh" => new Tanh(),
        "Softplus" => new Softplus(),
        "Softplus(2)" => new Softplus(beta: 2, threshold: 3),
        "Hardtanh" => new Hardtanh(-0.8, 0.9),
        "Softmax" => new Softmax(),
        "Softmax(dim 0, β 3)" => new Softmax(0, 3),
        "LogSoftmax" => new LogSoftmax(),
        "Flatten" => new Flatten(),
        "Identity" => new Identity(),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Activations))]
    public void GradCheck(string name)
    {
        // Values bounded away from every kink (0, ±0.8/0.9, the softplus threshold at 1.5 for β = 2).
        var magnitudes = Tensor.Rand([2, 3, 2], DType.Float64, new Generator(11)) * 1.2 + 0.1;
        var signs = Tensor.Rand([2, 3, 2], DType.Float64, new Generator(12)).Gt(0.5).To(DType.Float64) * 2 - 1;
        var x = magnitudes * signs;
        foreach (var kink in new[] { 0.8, 0.9 })
            Assert.True((x.Abs() - kink).Abs().Min().Item() > 1e-3);
        ModuleGradCheck.Assert(Make(name), x);
    }

    [Fact]
    public void PReluGradientReachesItsParameter()
    {
        var prelu = new PReLU(dtype: DType.Float64);
        var x = Vec(-2, -1, 3);
        prelu.Forward(x).Sum().Backward();
        Assert.Equal(new double[] { -3 }, prelu.Weight.Grad!.ToArray<double>());   // ∂/∂a Σ a·xᵢ over xᵢ < 0
    }

    [Fact]
    public void ActivationsWorkInFloat32AndKeepTheDtype()
    {
        foreach (var name in Activations())
        {
            if (name == "PReLU") continue;
            var y = Make(name).Forward(Tensor.Randn([2, 3], DType.Float32, new Generator(1)));
            Assert.Equal(DType.Float32, y.DType);
        }
        Assert.Equal(DType.Float32, new PReLU().Forward(Tensor.Ones(2, 2)).DType);
    }
}
