using Sharpgrad.NN;

namespace Sharpgrad.Tests.NN;

/// <summary>Inverted dropout, GBC §7.12.</summary>
public class DropoutTests
{
    [Fact]
    public void EvalModeIsTheIdentity()
    {
        var dropout = new Dropout(0.5);
        var x = Tensor.Randn(4, 5);
        dropout.Eval();
        Assert.Same(x, dropout.Forward(x));
        Assert.Same(x, new Dropout(0).Forward(x));        // p = 0 drops nothing, even in training
    }

    [Fact]
    public void TrainingDropsAboutPAndPreservesTheMean()
    {
        const double p = 0.3;
        const int n = 200_000;
        var y = new Dropout(p, new Generator(2024)).Forward(Tensor.Ones([n], DType.Float64)).ToArray<double>();

        // Every element is either dropped (0) or kept and scaled by 1/(1 − p).
        Assert.All(y, v => Assert.True(v == 0 || Math.Abs(v - 1 / (1 - p)) < 1e-15));
        // The dropped count is Binomial(n, p): fraction p ± 4 standard errors √(p(1 − p)/n).
        double se = Math.Sqrt(p * (1 - p) / n);
        double dropped = y.Count(v => v == 0) / (double)n;
        Assert.InRange(dropped, p - 4 * se, p + 4 * se);
        // The mean is (kept fraction)/(1 − p), so E = 1 with standard error se/(1 − p).
        Assert.InRange(y.Average(), 1 - 4 * se / (1 - p), 1 + 4 * se / (1 - p));
    }

    [Fact]
    public void SameSeedGivesTheSameMask()
    {
        var x = Tensor.Ones(50, 40);
        var a = new Dropout(0.5, new Generator(9)).Forward(x).ToArray<float>();
        var b = new Dropout(0.5, new Generator(9)).Forward(x).ToArray<float>();
        var c = new Dropout(0.5, new Generator(10)).Forward(x).ToArray<float>();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        // Successive calls draw fresh masks.
        var dropout = new Dropout(0.5, new Generator(9));
        Assert.NotEqual(dropout.Forward(x).ToArray<float>(), dropout.Forward(x).ToArray<float>());
    }

    [Fact]
    public void GradientIsTheScaledMask()
    {
        var x = Tensor.Randn([6, 5], DType.Float64, new Generator(1)).RequireGrad();
        var y = new Dropout(0.4, new Generator(3)).Forward(x);
        y.Sum().Backward();
        // ∂y/∂x is the mask scaled by 1/(1 − p): y = x · grad elementwise.
        Assert.True((x * x.Grad!).AllClose(y, atol: 1e-15));
        var kept = x.Grad!.ToArray<double>();
        Assert.All(kept, g => Assert.True(g == 0 || Math.Abs(g - 1 / 0.6) < 1e-15));

        var generator = new Generator(4);
        var state = generator.GetState();
        var dropout = new Dropout(0.25, generator);
        ModuleGradCheck.Assert(input => { generator.SetState(state); return dropout.Forward(input); }, x, []);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void ProbabilityOutsideZeroToOneIsRejected(double p)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(p));
        Assert.Contains("Dropout: drop probability p must be in [0, 1)", error.Message);
    }
}
