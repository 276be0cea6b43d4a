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

    /// <summary>
    /// Two far-apart modes: one hidden unit with weight w = 6 to each of 10 visible units, b = −w/2, c = −10w/2. With h = 0
    /// every vᵢ is on with σ(−3) ≈ 0.05, with h = 1 with σ(3); the map (v, h) → (1 − v, 1 − h) leaves E unchanged, so the
    /// two modes (Σv ≤ 4 and Σv ≥ 6) have equal mass, but a Gibbs chain leaves one only when about five units switch on
    /// at once against the odds, about 2.6·10⁻⁵ per step.
    /// </summary>
    private static BernoulliRbm TwoModeRbm()
    {
        var rbm = new BernoulliRbm(10, 1, DType.Float64);
        using (Autograd.NoGrad())
        {
            rbm.Weight.CopyFrom(Tensor.Full([1, 10], 6.0, DType.Float64));
            rbm.VisibleBias.CopyFrom(Tensor.Full([10], -3.0, DType.Float64));
            rbm.HiddenBias.CopyFrom(Tensor.Full([1], -30.0, DType.Float64));
        }
        return rbm;
    }

    /// <summary>Mode switches of each β = 1 chain, and the fraction of its states in the upper mode (Σv ≥ 6).</summary>
    private static (int Switches, double UpperFraction) Track(Func<Tensor> step, int sweeps, int chains)
    {
        var mode = new int[chains];
        int switches = 0;
        long upper = 0;
        for (int s = 0; s < sweeps; s++)
        {
            var sums = step().Sum(1).ToArray<double>();
            for (int m = 0; m < chains; m++)
            {
                int now = sums[m] >= 6 ? 1 : sums[m] <= 4 ? -1 : 0;   // Σv = 5 belongs to neither mode
                if (now != 0 && mode[m] != 0 && now != mode[m]) switches++;
                if (now != 0) mode[m] = now;
                if (now == 1) upper++;
            }
        }
        return (switches, (double)upper / ((long)sweeps * chains));
    }

    [Fact]
    public void OnTwoFarApartModesTemperingSwitchesModesWherePlainGibbsIsStuck()
    {
        var rbm = TwoModeRbm();
        var states = ExactPartitionFunction.AllBinaryStates(10, DType.Float64);
        var p = (-rbm.FreeEnergy(states) - ExactPartitionFunction.LogZ(rbm)).Exp().ToArray<double>();
        var sums = states.Sum(1).ToArray<double>();
        double exactUpper = p.Where((_, i) => sums[i] >= 6).Sum();
        Assert.Equal(0.5 * (1 - p.Where((_, i) => sums[i] == 5).Sum()), exactUpper, 10);   // the symmetry

        const int chains = 16, sweeps = 1000;
        var g = new Generator(31);
        var v = Tensor.Zeros([chains, 10], DType.Float64);
        var gibbs = Track(() => v = rbm.Gibbs(v, 1, g), sweeps, chains);
        var pt = new ParallelTempering(ParallelTempering.GeometricBetas(8, 0.05), chains);
        var tempered = Track(() => pt.Sweep(rbm, 1, g), sweeps, chains);

        // Expected Gibbs switches: 16·1000·2.6·10⁻⁵ ≈ 0.4; tempering hands states down from the flat hot chains.
        Assert.True(gibbs.Switches <= 3, $"Gibbs switched modes {gibbs.Switches} times");
        Assert.True(tempered.Switches >= 100, $"parallel tempering switched modes {tempered.Switches} times");
        Assert.True(Math.Abs(gibbs.UpperFraction - exactUpper) > 0.4, $"Gibbs upper-mode mass {gibbs.UpperFraction:F3}, exact {exactUpper:F3}");
        Assert.True(Math.Abs(tempered.UpperFraction - exactUpper) < 0.1, $"tempered upper-mode mass {tempered.UpperFraction:F3}, exact {exactUpper:F3}");
    }
}
