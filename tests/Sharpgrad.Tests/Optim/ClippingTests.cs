using Sharpgrad.Optim;

namespace Sharpgrad.Tests.Optim;

/// <summary>Gradient clipping and the Inf/NaN guard (GBC §10.11.1).</summary>
public class ClippingTests
{
    /// <summary>Two parameters whose gradients are (3, 4) and (12): norms 5 and 12, total 2-norm 13.</summary>
    private static Tensor[] Parameters()
    {
        var a = Tensor.Zeros([2], DType.Float64).RequireGrad();
        var b = Tensor.Zeros([1], DType.Float64).RequireGrad();
        a.Grad = Tensor.From(new[] { 3.0, 4.0 });
        b.Grad = Tensor.From(new[] { 12.0 });
        return [a, b];
    }

    private static double[] AllGradients(Tensor[] ps) => ps.SelectMany(p => p.Grad!.ToArray<double>()).ToArray();

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.7)]
    [InlineData(12.999)]
    public void NormClippingSetsTheNormToExactlyVAndKeepsTheDirection(double v)
    {
        var ps = Parameters();
        double total = ClipGradients.ByNorm(ps, v);
        Assert.Equal(13, total, 14);
        var g = AllGradients(ps);
        Assert.Equal(v, Math.Sqrt(g.Sum(x => x * x)), 1e-14 * v);
        double[] direction = [3 / 13.0, 4 / 13.0, 12 / 13.0];
        for (int i = 0; i < 3; i++) Assert.Equal(direction[i], g[i] / v, 14);
    }

    [Fact]
    public void GradientsWithinTheLimitAreLeftAlone()
    {
        var ps = Parameters();
        Assert.Equal(13, ClipGradients.ByNorm(ps, 13), 14);
        Assert.Equal([3.0, 4.0, 12.0], AllGradients(ps));
        Assert.Equal(13, ClipGradients.ByNorm(ps, 100), 14);
        Assert.Equal([3.0, 4.0, 12.0], AllGradients(ps));
    }

    [Fact]
    public void OtherNormsMeasureTheConcatenatedGradient()
    {
        var ps = Parameters();
        Assert.Equal(12, ClipGradients.ByNorm(ps, 6, double.PositiveInfinity)); // max |gᵢ| = 12: halve everything
        Assert.Equal([1.5, 2.0, 6.0], AllGradients(ps));
        ps = Parameters();
        Assert.Equal(19, ClipGradients.ByNorm(ps, 100, normType: 1), 14); // 3 + 4 + 12
    }

    [Fact]
    public void ParametersWithoutGradientsAreIgnored()
    {
        var ps = Parameters();
        var none = Tensor.Zeros([3], DType.Float64).RequireGrad();
        Assert.Equal(13, ClipGradients.ByNorm([.. ps, none], 1), 14);
        Assert.Null(none.Grad);
        Assert.Equal(0, ClipGradients.ByNorm([none], 1));
    }

    [Fact]
    public void ValueClippingClampsEachElement()
    {
        var ps = Parameters();
        ps[0].Grad = Tensor.From(new[] { -7.0, 0.5 });
        ClipGradients.ByValue(ps, 2);
        Assert.Equal([-2.0, 0.5, 2.0], AllGradients(ps));
    }

    [Fact]
    public void NonFiniteNormsAreReportedNotSpread()
    {
        var ps = Parameters();
        ps[0].Grad = Tensor.From(new[] { double.NaN, 4.0 });
        Assert.True(double.IsNaN(ClipGradients.ByNorm(ps, 1)));
        Assert.Equal(12.0, ps[1].Grad!.Item()); // not multiplied by NaN
        var e = Assert.Throws<InvalidOperationException>(() => ClipGradients.ByNorm(ps, 1, errorIfNonfinite: true));
        Assert.Contains("ClipGradients.ByNorm", e.Message);
        Assert.Contains("NaN", e.Message);
        Assert.Throws<ArgumentException>(() => ClipGradients.ByNorm(ps, -1));
        Assert.Throws<ArgumentException>(() => ClipGradients.ByValue(ps, -1));
    }

    [Fact]
    public void GuardSkipsAStepWhoseGradientHoldsNaNAndReportsIt()
    {
        var ps = Parameters();
        var opt = new Adam(ps, lr: 0.1);
        var guard = new NonFiniteGradientGuard(opt);
        var reports = new List<NonFiniteGradientReport>();
        guard.NonFiniteGradient += reports.Add;

        ps[1].Grad = Tensor.From(new[] { double.NaN });
        ps[0].Grad = Tensor.From(new[] { double.PositiveInfinity, 1.0 });
        Assert.False(guard.Step());
        Assert.Equal([0.0, 0.0], ps[0].ToArray<double>());
        Assert.Equal([0.0], ps[1].ToArray<double>());
        Assert.Empty(opt.StateOf(ps[0])); // Adam's moments never saw the bad gradient
        Assert.All(ps, p => Assert.Null(p.Grad));
        var report = Assert.Single(reports);
        Assert.Equal(new NonFiniteGradientReport(1, NonFiniteGradientAction.Skip, report.Parameters, 1, 1), report);
        Assert.Equal([0, 1], report.Parameters);
        Assert.Same(report, guard.LastReport);

        ps[0].Grad = Tensor.From(new[] { 1.0, -1.0 });
        ps[1].Grad = Tensor.From(new[] { 2.0 });
        Assert.True(guard.Step());
        PyTorchTrajectoryTests.AssertClose([-0.1, 0.1], ps[0].ToDoubleArray(), "Adam's first step (size lr)", 1e-8);
        Assert.Single(reports);
        Assert.Equal((2L, 1L), (guard.Steps, guard.NonFiniteSteps));
    }

    [Fact]
    public void GuardCanTakeARandomStepOfNormVInstead()
    {
        var ps = Parameters();
        var opt = new SGD(ps, lr: 0.1, momentum: 0.9);
        var guard = new NonFiniteGradientGuard(opt, NonFiniteGradientAction.RandomStep, randomStepNorm: 0.25, generator: new Generator(3));
        ps[0].Grad = Tensor.From(new[] { double.NegativeInfinity, 0.0 });
        Assert.False(guard.Step());
        double moved = Math.Sqrt(ps.Sum(p => p.Square().Sum().Item()));
        Assert.Equal(0.25, moved, 14);
        Assert.Empty(opt.StateOf(ps[0]));
        Assert.Equal(NonFiniteGradientAction.RandomStep, guard.LastReport!.Action);
        Assert.Equal((0L, 1L), (guard.LastReport.NaNCount, guard.LastReport.InfinityCount));
    }
}
