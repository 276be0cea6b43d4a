using Sharpgrad.Classic;
using Sharpgrad.Data;

namespace Sharpgrad.Tests.Classic.Unsupervised;

/// <summary>PCA's randomised solver (Halko et al. 2011) against the exact SVD of the centred data.</summary>
public class RandomizedPcaTests
{
    private static readonly Tensor Digits = Datasets.Digits().Inputs.Double();

    private static void AssertAgreesWithSvd(Tensor x, int components, double tolerance)
    {
        var exact = (PCA)new PCA(components).Fit(x);
        var randomized = (PCA)new PCA(components, solver: PcaSolver.Randomized).Fit(x);
        Assert.True(randomized.ExplainedVariance.AllClose(exact.ExplainedVariance, tolerance, 0),
            $"variances {randomized.ExplainedVariance} vs {exact.ExplainedVariance}");
        var cosines = (randomized.Components * exact.Components).Sum(1);
        Assert.True((cosines - 1).Abs().Max().Item() < tolerance, $"cosines {cosines}");
        Assert.True(randomized.ExplainedVarianceRatio.AllClose(exact.ExplainedVarianceRatio, tolerance, 0));
    }

    [Fact]
    public void TallDataGoesThroughTheGramMatrixAndFindsTheTopComponents()
    {
        // 1797 × 64 digits, 5 components: 7 power iterations on a decaying spectrum converge to rounding.
        AssertAgreesWithSvd(Digits, 5, 1e-8);
    }

    [Fact]
    public void WideDataGoesThroughTheDataAndFindsTheTopComponents()
    {
        // 40 × 64 (fewer samples than features): the range finder on the data itself.
        AssertAgreesWithSvd(Digits.Narrow(0, 0, 40), 4, 1e-8);
    }

    [Fact]
    public void TheSeedMakesAFitReproducible()
    {
        var a = (PCA)new PCA(3, solver: PcaSolver.Randomized, seed: 5).Fit(Digits);
        var b = (PCA)new PCA(3, solver: PcaSolver.Randomized, seed: 5).Fit(Digits);
        Assert.Equal(a.Components.ToArray<double>(), b.Components.ToArray<double>());
    }
}
