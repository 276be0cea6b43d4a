namespace Sharpgrad.Tests.Probability;

/// <summary>log Γ, ψ and ψ′ against values known in closed form, and their gradients.</summary>
public class SpecialFunctionTests
{
    private const double EulerGamma = 0.57721566490153286061;

    private static double Lgamma(double x) => Tensor.Scalar(x, DType.Float64).Lgamma().Item();
    private static double Digamma(double x) => Tensor.Scalar(x, DType.Float64).Digamma().Item();
    private static double Trigamma(double x) => Tensor.Scalar(x, DType.Float64).Trigamma().Item();

    private static void Close(double expected, double actual, double tol = 1e-12) =>
        Assert.True(Math.Abs(expected - actual) <= tol * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    private static double LogFactorial(int n) => Enumerable.Range(1, n).Sum(k => Math.Log(k));

    [Fact]
    public void GammaOfOneHalfIsRootPi() => Close(0.5 * Math.Log(Math.PI), Lgamma(0.5));

    [Fact]
    public void LgammaOfIntegersIsLogFactorial()
    {
        Close(0, Lgamma(1));
        Close(0, Lgamma(2));
        for (int n = 3; n <= 30; n++) Close(LogFactorial(n - 1), Lgamma(n));
    }

    [Fact]
    public void LgammaOfHalfIntegers()
    {
        // Γ(n + ½) = (2n)! √π / (4ⁿ n!)
        for (int n = 0; n <= 15; n++)
            Close(LogFactorial(2 * n) + 0.5 * Math.Log(Math.PI) - n * Math.Log(4) - LogFactorial(n), Lgamma(n + 0.5));
        // Reflection: Γ(−½) = −2√π and Γ(−3/2) = 4√π/3; lgamma is log|Γ|.
        Close(Math.Log(2 * Math.Sqrt(Math.PI)), Lgamma(-0.5));
        Close(Math.Log(4 * Math.Sqrt(Math.PI) / 3), Lgamma(-1.5));
    }

    [Theory]
    [InlineData(0.001)]
    [InlineData(0.3)]
    [InlineData(1.7)]
    [InlineData(9.5)]
    [InlineData(10.2)]
    [InlineData(123.4)]
    [InlineData(-3.7)]
    public void LgammaRecurrence(double x) =>
        // Γ(x+1) = xΓ(x)
        Close(Lgamma(x) + Math.Log(Math.Abs(x)), Lgamma(x + 1));

    [Fact]
    public void DigammaAtOneIsMinusEulerGamma()
    {
        Close(-EulerGamma, Digamma(1));
        Close(-EulerGamma - 2 * Math.Log(2), Digamma(0.5));
        double harmonic = 0; // ψ(n) = −γ + H(n−1)
        for (int n = 2; n <= 30; n++)
        {
            harmonic += 1.0 / (n - 1);
            Close(-EulerGamma + harmonic, Digamma(n));
        }
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.4)]
    [InlineData(1.4616321449683622)]
    [InlineData(3.3)]
    [InlineData(9.99)]
    [InlineData(57.0)]
    [InlineData(-0.6)]
    [InlineData(-12.25)]
    public void DigammaRecurrenceAndReflection(double x)
    {
        Close(Digamma(x) + 1 / x, Digamma(x + 1));
        if (x < 1) Close(Math.PI / Math.Tan(Math.PI * x), Digamma(1 - x) - Digamma(x)); // ψ(1−x) − ψ(x) = π cot πx
    }

    [Fact]
    public void TrigammaKnownValues()
    {
        Close(Math.PI * Math.PI / 6, Trigamma(1));
        Close(Math.PI * Math.PI / 2, Trigamma(0.5));
        Close(Math.PI * Math.PI / 2 - 4, Trigamma(1.5)); // ψ′(x+1) = ψ′(x) − 1/x² at x = ½
        Close(Math.PI * Math.PI / Math.Pow(Math.Sin(Math.PI * -0.3), 2), Trigamma(-0.3) + Trigamma(1.3));
    }

    [Fact]
    public void PolesFollowPyTorch()
    {
        var x = Tensor.From(new[] { 0.0, -1.0, -2.0, double.PositiveInfinity });
        Assert.Equal(new[] { double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity }, x.Lgamma().ToArray<double>());
        var psi = x.Digamma().ToArray<double>();
        Assert.Equal(double.NegativeInfinity, psi[0]);
        Assert.True(double.IsNaN(psi[1]) && double.IsNaN(psi[2]));
        Assert.Equal(double.PositiveInfinity, psi[3]);
    }

    [Fact]
    public void Float32TensorsGiveFloat32Results()
    {
        var x = Tensor.From(new[] { 0.5f, 1f, 4f });
        var y = x.Lgamma();
        Assert.Equal(DType.Float32, y.DType);
        var expected = new[] { (float)(0.5 * Math.Log(Math.PI)), 0f, (float)Math.Log(6) };
        var actual = y.ToArray<float>();
        for (int i = 0; i < 3; i++) Assert.Equal(expected[i], actual[i], 1e-7f); // lgamma(1) = 0 is met to ~1e-15 absolute
        Assert.Equal((float)-EulerGamma, x.Digamma().ToArray<float>()[1]);
    }

    [Fact]
    public void IntegerInputIsRejectedWithTheOpName()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.From(new long[] { 1, 2 }).Lgamma());
        Assert.Contains("Lgamma", e.Message);
        Assert.Contains("int64", e.Message);
    }

    [Fact]
    public void LgammaGradientIsDigamma()
    {
        var x = Tensor.From(new[] { 0.3, 1.0, 2.5, 7.0, -0.4 }).RequireGrad();
        GradCheck.Assert(t => t[0].Lgamma(), x);
        x.Lgamma().Sum().Backward();
        Assert.Equal(-EulerGamma, x.Grad!.ToArray<double>()[1], 12);
    }

    [Fact]
    public void LgammaIsTwiceDifferentiable() =>
        GradCheck.RunSecondOrder(t => t[0].Lgamma(), [Tensor.From(new[] { 0.7, 3.2 }).RequireGrad()]).ThrowIfFailed();

    [Fact]
    public void DigammaGradientIsTrigamma() =>
        GradCheck.Assert(t => t[0].Digamma(), Tensor.From(new[] { 0.2, 1.5, 11.0, -1.3 }).RequireGrad());

    [Fact]
    public void DigammaSecondDerivativeThrowsInsteadOfReturningZero()
    {
        var x = Tensor.From(new[] { 1.5 }).RequireGrad();
        var dx = Autograd.Grad([x.Digamma().Sum()], [x], createGraph: true)[0];
        var e = Assert.Throws<NotSupportedException>(() => Autograd.Grad([dx.Sum()], [x]));
        Assert.Contains("Trigamma", e.Message);
    }
}
