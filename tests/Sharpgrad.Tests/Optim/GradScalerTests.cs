using Sharpgrad.Optim;

namespace Sharpgrad.Tests.Optim;

/// <summary>Dynamic loss scaling, against the schedule worked out by hand from PyTorch's GradScaler rules.</summary>
public class GradScalerTests
{
    [Fact]
    public void AScaledBackwardFollowedByStepGivesTheUnscaledUpdateExactly()
    {
        // loss = Σ wᵢxᵢ, so ∂loss/∂w = x; SGD with lr 0.5 moves w by −0.5·x. S = 2¹⁶ is a power of two: exact.
        var w = Tensor.From(new[] { 1f, -2f, 3f }).RequireGrad();
        var x = Tensor.From(new[] { 0.25f, 1e-7f, -4f });
        var sgd = new SGD([w], lr: 0.5);
        var scaler = new GradScaler();
        scaler.ScaleLoss((w * x).Sum()).Backward();
        Assert.Equal(65536f * 1e-7f, w.Grad!.ToArray<float>()[1]);
        Assert.True(scaler.Step(sgd));
        scaler.Update();
        Assert.Equal(new[] { 1f - 0.125f, -2f - 0.5f * 1e-7f, 3f + 2f }, w.ToArray<float>());
    }

    [Fact]
    public void TheScaleGrowsAfterTheIntervalAndBacksOffOnOverflowSkippingTheStep()
    {
        var w = Tensor.From(new[] { 1.0 }).RequireGrad();
        var sgd = new SGD([w], lr: 1);
        var scaler = new GradScaler(initScale: 8, growthFactor: 2, backoffFactor: 0.5, growthInterval: 2);
        double[] gradients = [1, 1, double.PositiveInfinity, 1, double.NaN, 1, 1];
        // S: 8 → 8 → 16 (two good steps) → 8 (∞) → 8 → 4 (NaN) → 4 → 8
        double[] scales = [8, 16, 8, 8, 4, 4, 8];
        double expected = 1;
        for (int i = 0; i < gradients.Length; i++)
        {
            sgd.ZeroGrad();
            w.Grad = Tensor.From(new[] { gradients[i] * scaler.Scale });
            bool stepped = scaler.Step(sgd);
            Assert.Equal(double.IsFinite(gradients[i]), stepped);
            if (stepped) expected -= gradients[i];
            scaler.Update();
            Assert.Equal(!stepped, scaler.LastStepSkipped);
            Assert.Equal(scales[i], scaler.Scale);
            Assert.Equal(expected, w.Item());
        }
    }

    [Fact]
    public void UnscaleBeforeClippingIsNotRepeatedByStep()
    {
        var w = Tensor.From(new[] { 0.0, 0.0 }).RequireGrad();
        var sgd = new SGD([w], lr: 1);
        var scaler = new GradScaler(initScale: 4);
        w.Grad = Tensor.From(new[] { 12.0, -16.0 });
        scaler.Unscale(sgd);                                   // gradient (3, −4), norm 5
        Assert.Equal(5, ClipGradients.ByNorm([w], maxNorm: 1), 12);
        Assert.True(scaler.Step(sgd));
        Assert.Equal(new[] { -0.6, 0.8 }, w.ToArray<double>(), new ToleranceComparer(1e-15));
        Assert.Throws<InvalidOperationException>(() => scaler.Unscale(sgd));
        scaler.Update();
        Assert.Throws<InvalidOperationException>(scaler.Update);
    }

    [Theory]
    [InlineData(0, 2, 0.5, 10)]
    [InlineData(8, 1, 0.5, 10)]
    [InlineData(8, 2, 1, 10)]
    [InlineData(8, 2, 0.5, 0)]
    public void BadSettingsAreRejectedByName(double init, double growth, double backoff, int interval)
    {
        var e = Assert.Throws<ArgumentException>(() => new GradScaler(init, growth, backoff, interval));
        Assert.StartsWith("GradScaler:", e.Message);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;
        public int GetHashCode(double value) => 0;
    }
}
