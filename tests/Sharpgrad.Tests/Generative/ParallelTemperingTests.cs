using Sharpgrad.Generative;

namespace Sharpgrad.Tests.Generative;

/// <summary>Parallel tempering (GBC §17.5.1) on an RBM small enough to know p(v) exactly.</summary>
public class ParallelTemperingTests
{
    [Fact]
    public void SwapAcceptanceIsTheMetropolisRatio()
    {
        // e^{(βᵢ − βⱼ)(Eᵢ − Eⱼ)}: a lower energy moving to the colder chain is always accepted.
        Assert.Equal(1.0, ParallelTempering.SwapAcceptance(1, 0.5, 2, 1));
        Assert.Equal(Math.Exp(-1), ParallelTempering.SwapAcceptance(1, 0.5, 1, 3), 15);
        Assert.Equal(Math.Exp(-0.6 * 2.5), ParallelTempering.SwapAcceptance(0.8, 0.2, -4, -1.5), 15);
        Assert.Equal(1.0, ParallelTempering.SwapAcceptance(0.7, 0.7, 5, -5)); // equal temperatures: always
    }

    /// <summary>A 6-4 RBM with weights N(0, 2.5²): strong couplings, so its distribution has separated modes.</summary>
    private static BernoulliRbm BimodalRbm()
    {
        var rbm = new BernoulliRbm(6, 4, DType.Float64);
        var g = new Generator(21);
        using (Autograd.NoGrad())
        {
            rbm.Weight.CopyFrom(Tensor.Randn([4, 6], DType.Float64, g) * 2.5);
            rbm.VisibleBias.CopyFrom(Tensor.Randn([6], DType.Float64, g) * 0.5);
            rbm.HiddenBias.CopyFrom(Tensor.Randn([4], DType.Float64, g) * 0.5);
        }
        return rbm;
    }

    [Fact]
    public void TheColdChainsSampleTheExactDistribution()
    {
        var rbm = BimodalRbm();
        var states = ExactPartitionFunction.AllBinaryStates(6, DType.Float64);
        var exact = (-rbm.FreeEnergy(states) - ExactPartitionFunction.LogZ(rbm)).Exp().ToArray<double>();
        var pt = new ParallelTempering(ParallelTempering.GeometricBetas(5, 0.1), chainsPerTemperature: 500);
        var g = new Generator(22);
        pt.Sweep(rbm, 50, g); // burn-in
        var counts = new double[64];
        const int draws = 20;
        for (int d = 0; d < draws; d++)
        {
            var v = pt.Sweep(rbm, 5, g).ToArray<double>();
            for (int m = 0; m < 500; m++)
                counts[Enumerable.Range(0, 6).Sum(i => (int)v[m * 6 + i] << (5 - i))]++; // AllBinaryStates: most significant bit first
        }
        double tv = 0.5 * counts.Zip(exact, (n, p) => Math.Abs(n / (500.0 * draws) - p)).Sum();
        // 10,000 draws: E[TV] ≤ ½ Σ √(p/N) ≤ ½ √(64/N) = 0.04 for independent draws, and about half that for this p,
        // so 0.05 leaves room for the correlation between draws 5 sweeps apart.
        Assert.True(tv < 0.05, $"total variation {tv:F4}");
        Assert.All(pt.SwapRates(), rate => Assert.InRange(rate, 0.05, 1.0));
    }

    [Fact]
    public void BadTemperaturesAreNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => new ParallelTempering([0.9, 0.5], 10));
        Assert.Contains("ParallelTempering", error.Message);
        Assert.Throws<ArgumentException>(() => new ParallelTempering([1, 0.5, 0.7], 10));
    }
}
