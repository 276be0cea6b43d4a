using Sharpgrad.NN;

namespace Sharpgrad.Tests.NN;

public class LinearTests
{
    /// <summary>A Linear(2 → 3) with W = [[1,2],[3,4],[5,6]] and b = [1,0,−1], set through the state dict.</summary>
    private static Linear KnownLinear(bool bias = true)
    {
        var linear = new Linear(2, 3, bias, DType.Float64);
        var state = new Dictionary<string, Tensor> { ["weight"] = Tensor.From(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } }) };
        if (bias) state["bias"] = Tensor.From(new double[] { 1, 0, -1 });
        linear.LoadStateDict(state);
        return linear;
    }

    [Fact]
    public void ForwardIsXTimesWTransposedPlusBias()
    {
        var x = Tensor.From(new double[,] { { 1, 1 }, { 2, -1 } });
        // x·Wᵀ = [[3, 7, 11], [0, 2, 4]]
        Assert.Equal(new double[] { 4, 7, 10, 1, 2, 3 }, KnownLinear().Forward(x).ToArray<double>());
        Assert.Equal(new double[] { 3, 7, 11, 0, 2, 4 }, KnownLinear(bias: false).Forward(x).ToArray<double>());
    }

    [Fact]
    public void ForwardAcceptsAnyLeadingDimensions()
    {
        var x = Tensor.From(new double[,] { { 1, 1 }, { 2, -1 } }).Reshape(2, 1, 1, 2);
        var y = KnownLinear().Forward(x);
        Assert.Equal([2, 1, 1, 3], y.Shape);
        Assert.Equal(new double[] { 4, 7, 10, 1, 2, 3 }, y.ToArray<double>());
        Assert.Equal([3], KnownLinear().Forward(Tensor.From(new double[] { 1, 1 })).Shape);
        Assert.Equal(new double[] { 4, 7, 10 }, KnownLinear().Forward(Tensor.From(new double[] { 1, 1 })).ToArray<double>());
    }

    [Fact]
    public void InputDtypeMustMatchTheWeights()
    {
        var error = Assert.Throws<ArgumentException>(() => KnownLinear().Forward(Tensor.Zeros(1, 2)));
        Assert.Equal("Linear(2 → 3): input dtype float32 does not match weight dtype float64; convert one with To().", error.Message);
    }

    [Fact]
    public void WrongInputWidthNamesTheLayerAndShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => new Linear(64, 32).Forward(Tensor.Zeros(8, 10)));
        Assert.Equal("Linear(64 → 32): expected input with last dim 64, got shape [8, 10].", error.Message);
    }

    [Fact]
    public void WeightIsStoredOutByIn()
    {
        var linear = new Linear(5, 3);
        Assert.Equal([3, 5], linear.Weight.Shape);
        Assert.Equal([3], linear.Bias!.Shape);
        Assert.Equal(DType.Float32, linear.Weight.DType);
        Assert.Null(new Linear(5, 3, bias: false).Bias);
        Assert.Single(new Linear(5, 3, bias: false).Parameters());
    }

    [Fact]
    public void DefaultInitIsUniformWithinOneOverSqrtFanIn()
    {
        // PyTorch: kaiming_uniform(a = √5) ⇒ U(−1/√in, 1/√in) for the weight, and the same bound for the bias.
        const int fanIn = 400;
        var linear = new Linear(fanIn, 300, generator: new Generator(3));
        double bound = 1 / Math.Sqrt(fanIn);
        var w = linear.Weight.ToDoubleArray();
        Assert.True(w.Max() <= bound && w.Min() >= -bound);
        Assert.True(linear.Bias!.ToDoubleArray().All(b => Math.Abs(b) <= bound));
        // Var U(−r, r) = r²/3; the sample variance's standard error is √((μ₄ − σ⁴)/n) with μ₄ = r⁴/5.
        double variance = bound * bound / 3, se = Math.Sqrt(Math.Pow(bound, 4) * (1.0 / 5 - 1.0 / 9) / w.Length);
        double sample = w.Select(v => v * v).Average() - Math.Pow(w.Average(), 2);
        Assert.InRange(sample, variance - 4 * se, variance + 4 * se);
        // ...and the samples actually reach close to the bound (not a narrower distribution).
        Assert.True(w.Max() > 0.99 * bound && w.Min() < -0.99 * bound);
    }

    [Fact]
    public void SameGeneratorSeedGivesSameWeights()
    {
        var a = new Linear(4, 3, generator: new Generator(42));
        var b = new Linear(4, 3, generator: new Generator(42));
        var c = new Linear(4, 3, generator: new Generator(43));
        Assert.Equal(a.Weight.ToArray<float>(), b.Weight.ToArray<float>());
        Assert.Equal(a.Bias!.ToArray<float>(), b.Bias!.ToArray<float>());
        Assert.NotEqual(a.Weight.ToArray<float>(), c.Weight.ToArray<float>());
    }

    [Fact]
    public void GradCheck()
    {
        var g = new Generator(5);
        var x = Tensor.Randn([2, 3, 4], DType.Float64, g);
        ModuleGradCheck.Assert(new Linear(4, 3, dtype: DType.Float64, generator: g), x);
        ModuleGradCheck.Assert(new Linear(4, 2, bias: false, dtype: DType.Float64, generator: g), x);
    }

    [Fact]
    public void FunctionalLinearMatchesTheModule()
    {
        var linear = KnownLinear();
        var x = Tensor.From(new double[,] { { 0.5, -2 } });
        Assert.Equal(linear.Forward(x).ToArray<double>(), Functional.Linear(x, linear.Weight, linear.Bias).ToArray<double>());
        Assert.Contains("bias must have shape [3], got [2]",
            Assert.Throws<ArgumentException>(() => Functional.Linear(x, linear.Weight, Tensor.Zeros(2))).Message);
    }
}
