using Sharpgrad.Optim;

namespace Sharpgrad.Tests.Optim;

/// <summary>Polyak averaging and the EMA of parameters (GBC §8.7.3), checked against averages computed by hand.</summary>
public class AveragingTests
{
    // The parameter takes the values 1, 2, 4, 8 (as [v, −v]).
    private static readonly double[] Values = [1, 2, 4, 8];

    private static void Visit(Tensor p, double v) => Set(p, v, -v);

    /// <summary>Writes values into a parameter, as an optimiser step would.</summary>
    private static void Set(Tensor p, params double[] values)
    {
        using var noGrad = Autograd.NoGrad();
        p.CopyFrom(Tensor.From(values));
    }

    [Fact]
    public void PolyakAverageIsTheArithmeticMean()
    {
        var p = Tensor.Zeros([2], DType.Float64).RequireGrad();
        var avg = new PolyakAverage([p]);
        double[] expectedMeans = [1, 1.5, 7.0 / 3, 15.0 / 4];
        for (int i = 0; i < Values.Length; i++)
        {
            Visit(p, Values[i]);
            avg.Update();
            Assert.Equal(expectedMeans[i], avg.Averages[0].ToArray<double>()[0], 14);
            Assert.Equal(-expectedMeans[i], avg.Averages[0].ToArray<double>()[1], 14);
        }
        Assert.Equal(4, avg.Count);
    }

    [Fact]
    public void EmaStartsAtTheFirstValueAndDecays()
    {
        // decay 0.5: 1, then 0.5·1 + 0.5·2 = 1.5, 0.5·1.5 + 0.5·4 = 2.75, 0.5·2.75 + 0.5·8 = 5.375.
        var p = Tensor.Zeros([2], DType.Float64).RequireGrad();
        var ema = new ExponentialMovingAverage([p], decay: 0.5);
        double[] expected = [1, 1.5, 2.75, 5.375];
        for (int i = 0; i < Values.Length; i++)
        {
            Visit(p, Values[i]);
            ema.Update();
            Assert.Equal([expected[i], -expected[i]], ema.Averages[0].ToArray<double>());
        }
    }

    [Fact]
    public void EmaWithDecay09MatchesTheClosedForm()
    {
        // θ̄ₙ = 0.9ⁿ⁻¹θ₁ + Σₖ₌₂ⁿ 0.1·0.9ⁿ⁻ᵏθₖ for θₖ = k.
        var p = Tensor.Zeros([1], DType.Float64).RequireGrad();
        var ema = new ExponentialMovingAverage([p], decay: 0.9);
        for (int n = 1; n <= 30; n++)
        {
            Set(p, n);
            ema.Update();
            double expected = Math.Pow(0.9, n - 1) + Enumerable.Range(2, n - 1).Sum(k => 0.1 * Math.Pow(0.9, n - k) * k);
            Assert.Equal(expected, ema.Averages[0].Item(), 12);
        }
    }

    [Fact]
    public void SwapInEvaluatesWithTheAveragesAndRestoresTheLiveParameters()
    {
        var w = Tensor.Zeros([2], DType.Float64).RequireGrad();
        var b = Tensor.Zeros([1], DType.Float64).RequireGrad();
        var avg = new PolyakAverage([w, b]);
        foreach (var v in Values)
        {
            Visit(w, v);
            Set(b, 2 * v);
            avg.Update();
        }
        using (avg.SwapIn())
        {
            Assert.True(avg.IsApplied);
            Assert.Equal([3.75, -3.75], w.ToArray<double>());
            Assert.Equal([7.5], b.ToArray<double>());
            Assert.Throws<InvalidOperationException>(avg.Update); // would average the averages
        }
        Assert.False(avg.IsApplied);
        Assert.Equal([8.0, -8.0], w.ToArray<double>());
        Assert.Equal([16.0], b.ToArray<double>());

        avg.Apply();
        Assert.Equal([7.5], b.ToArray<double>());
        avg.Restore();
        Assert.Equal([16.0], b.ToArray<double>());
        Assert.Throws<InvalidOperationException>(avg.Restore);
    }

    [Fact]
    public void AveragingATrainingRunSmoothsTheOscillation()
    {
        // SGD with a large step on f = ½x² oscillates: x ← (1 − 1.9)x = −0.9x. The Polyak average of the iterates is
        // much closer to the minimum than the last iterate (GBC §8.7.3).
        var x = Tensor.From(new[] { 1.0 }).RequireGrad();
        var opt = new SGD([x], lr: 1.9);
        var avg = new PolyakAverage([x]);
        for (int k = 0; k < 20; k++)
        {
            opt.ZeroGrad();
            (0.5 * x.Square().Sum()).Backward();
            opt.Step();
            avg.Update();
        }
        double mean = Enumerable.Range(1, 20).Sum(k => Math.Pow(-0.9, k)) / 20;
        Assert.Equal(mean, avg.Averages[0].Item(), 14);
        Assert.True(Math.Abs(mean) < Math.Abs(x.Item()) / 4);
    }

    [Fact]
    public void StateRoundTrips()
    {
        var p = Tensor.Zeros([2], DType.Float64).RequireGrad();
        var ema = new ExponentialMovingAverage([p], decay: 0.5);
        Visit(p, 1);
        ema.Update();
        Visit(p, 3);
        ema.Update();
        var saved = ema.StateDict();

        var resumed = new ExponentialMovingAverage([p], decay: 0.5);
        resumed.LoadStateDict(saved);
        Assert.Equal(2, resumed.Count);
        Visit(p, 5);
        ema.Update();
        resumed.Update();
        Assert.Equal(ema.Averages[0].ToArray<double>(), resumed.Averages[0].ToArray<double>());
        Assert.Equal([3.5, -3.5], resumed.Averages[0].ToArray<double>());

        saved.Remove("average.0");
        Assert.Contains("missing key 'average.0'", Assert.Throws<ArgumentException>(() => resumed.LoadStateDict(saved)).Message);
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        var p = Tensor.Zeros([2]).RequireGrad();
        Assert.Contains("decay", Assert.Throws<ArgumentException>(() => new ExponentialMovingAverage([p], decay: 1.5)).Message);
        Assert.Contains("Apply", Assert.Throws<InvalidOperationException>(() => new PolyakAverage([p]).Apply()).Message);
    }
}
