using Sharpgrad.Generative;

namespace Sharpgrad.Tests.Generative;

/// <summary>Bridge sampling (GBC §18.7.2) against exact log Z differences of two enumerable RBMs, and against AIS.</summary>
public class BridgeSamplingTests
{
    private const int Visible = 8, Hidden = 4;

    private static BernoulliRbm RandomRbm(int seed, double scale)
    {
        var rbm = new BernoulliRbm(Visible, Hidden, DType.Float64);
        var g = new Generator(seed);
        using (Autograd.NoGrad())
            foreach (var p in rbm.Parameters()) p.CopyFrom(Tensor.Randn(p.Shape, DType.Float64, g) * scale);
        return rbm;
    }

    /// <summary>Independent draws from the exact p(v) over all 2⁸ visible states.</summary>
    private static Tensor ExactSamples(BernoulliRbm rbm, int count, Generator g)
    {
        var states = ExactPartitionFunction.AllBinaryStates(Visible, DType.Float64);
        var p = (-rbm.FreeEnergy(states) - ExactPartitionFunction.LogZ(rbm)).Exp();
        return states.IndexSelect(0, p.Multinomial(count, replacement: true, generator: g));
    }

    [Fact]
    public void RecoversTheExactLogRatioAndAgreesWithAis()
    {
        var a = RandomRbm(31, 0.8);
        var b = RandomRbm(32, 1.0);
        double exact = (ExactPartitionFunction.LogZ(b) - ExactPartitionFunction.LogZ(a)).Item();
        Assert.True(Math.Abs(exact) > 1, $"the two models' log Z differ by only {exact:F3}: too easy a test");
        var g = new Generator(33);
        double bridge = BridgeSampling.LogRatio(a, b, ExactSamples(a, 5000, g), ExactSamples(b, 5000, g));
        // With 5,000 draws from each model the estimate's standard error is a few hundredths of a nat here.
        Assert.True(Math.Abs(bridge - exact) < 0.05, $"bridge {bridge:F4} vs exact {exact:F4}");

        // The same difference from two AIS runs (GBC §18.7.1) from the uniform base model.
        var schedule = AnnealedImportanceSampling.LinearSchedule(500);
        double ais = AnnealedImportanceSampling.LogZ(b, 100, schedule, new Generator(34)).LogZ
                     - AnnealedImportanceSampling.LogZ(a, 100, schedule, new Generator(35)).LogZ;
        Assert.True(Math.Abs(ais - exact) < 0.1, $"AIS {ais:F4} vs exact {exact:F4}");
    }

    [Fact]
    public void WorksWithParallelTemperingSamples()
    {
        var a = RandomRbm(36, 0.8);
        var b = RandomRbm(37, 1.2);
        double exact = (ExactPartitionFunction.LogZ(b) - ExactPartitionFunction.LogZ(a)).Item();
        Tensor Chains(BernoulliRbm rbm, int seed)
        {
            var pt = new ParallelTempering(ParallelTempering.GeometricBetas(4, 0.2), chainsPerTemperature: 500);
            var g = new Generator(seed);
            pt.Sweep(rbm, 50, g);
            return Tensor.Cat([.. Enumerable.Range(0, 8).Select(_ => pt.Sweep(rbm, 5, g))]);
        }
        double bridge = BridgeSampling.LogRatio(a, b, Chains(a, 38), Chains(b, 39));
        Assert.True(Math.Abs(bridge - exact) < 0.05, $"bridge {bridge:F4} vs exact {exact:F4}");
    }

    [Fact]
    public void IsExactWhenTheModelsDifferByAConstant()
    {
        // p̃_B = e^{1.5}·p̃_A: ℓ ≡ 1.5 everywhere, so any bridge gives log r = 1.5 at once.
        Assert.Equal(1.5, BridgeSampling.LogRatio([1.5, 1.5, 1.5], [1.5, 1.5]), 12);
        var error = Assert.Throws<ArgumentException>(() => BridgeSampling.LogRatio([1.0, double.NaN], [0.0]));
        Assert.Contains("BridgeSampling", error.Message);
    }
}
