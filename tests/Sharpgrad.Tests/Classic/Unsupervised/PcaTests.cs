using Sharpgrad.Classic;
using Sharpgrad.Data;

namespace Sharpgrad.Tests.Classic.Unsupervised;

/// <summary>PCA (GBC §2.12) on the 1797 UCI digits: the acceptance checks and the closed-form identities.</summary>
public class PcaTests
{
    private static readonly Tensor Digits = Datasets.Digits().Inputs.Double();

    [Fact]
    public void DigitCodesHaveADiagonalCovariance()
    {
        var codes = new PCA(10).FitTransform(Digits);
        var covariance = codes.T.MatMul(codes) / (codes.Size(0) - 1);
        var offDiagonal = covariance * (1 - Tensor.Eye(10, dtype: DType.Float64));
        Assert.True(offDiagonal.Abs().Max().Item() < 1e-6, $"largest off-diagonal covariance {offDiagonal.Abs().Max().Item()}");
        // ... and its diagonal holds the explained variances in decreasing order.
        var pca = new PCA(10).Fit(Digits) as PCA;
        Assert.True(Linalg.Diagonal(covariance).AllClose(pca!.ExplainedVariance, 1e-9, 1e-12));
        var variances = pca.ExplainedVariance.ToArray<double>();
        Assert.Equal(variances.OrderDescending(), variances);
    }

    [Fact]
    public void TopEigenvectorsOfXtXAreTheRightSingularVectors()
    {
        const int l = 8;
        var eigen = (PCA)new PCA(l, solver: PcaSolver.Eigh).Fit(Digits);
        var svd = (PCA)new PCA(l, solver: PcaSolver.Svd).Fit(Digits);
        // Against an independent computation too: the right singular vectors of the centred data.
        var centered = Digits - Digits.Mean(0);
        var vh = Linalg.Svd(centered, fullMatrices: false).Vh.Narrow(0, 0, l);
        foreach (var components in new[] { eigen.Components, svd.Components })
        {
            var cosines = (components * vh).Sum(1).Abs();   // |⟨vᵢ, cᵢ⟩| = 1 for equal vectors up to sign
            Assert.True((cosines - 1).Abs().Max().Item() < 1e-6, $"cosines {cosines}");
        }
        Assert.True(eigen.Components.AllClose(svd.Components, 0, 1e-6), "the deterministic sign makes both paths equal");
        Assert.True(eigen.ExplainedVariance.AllClose(svd.ExplainedVariance, 1e-9, 1e-12));
    }

    [Fact]
    public void AllComponentsReconstructExactlyAndExplainAllTheVariance()
    {
        var x = Tensor.Randn([30, 5], DType.Float64, new Generator(1));
        var pca = (PCA)new PCA().Fit(x);
        Assert.Equal(1.0, pca.ExplainedVarianceRatio.Sum().Item(), 12);
        Assert.True(pca.InverseTransform(pca.Transform(x)).AllClose(x, 0, 1e-10));
        // The total variance (trace of the covariance) is what the eigenvalues add up to.
        Assert.Equal(x.Var(0).Sum().Item(), pca.ExplainedVariance.Sum().Item(), 10);
    }

    [Fact]
    public void WhitenedCodesHaveIdentityCovarianceAndInvertBack()
    {
        var x = Tensor.Randn([40, 4], DType.Float64, new Generator(2)).MatMul(Tensor.From(new double[,] { { 3, 0, 0, 0 }, { 1, 1, 0, 0 }, { 0, 2, 0.5, 0 }, { 0, 0, 1, 0.2 } }));
        var pca = new PCA(whiten: true);
        var codes = pca.FitTransform(x);
        var covariance = codes.T.MatMul(codes) / 39;
        Assert.True(covariance.AllClose(Tensor.Eye(4, dtype: DType.Float64), 0, 1e-9));
        Assert.True(pca.InverseTransform(codes).AllClose(x, 0, 1e-9));
    }

    [Fact]
    public void TooManyComponentsAndUnfittedUseAreClearErrors()
    {
        var error = Assert.Throws<ArgumentException>(() => new PCA(7).Fit(Tensor.Zeros([10, 6], DType.Float64)));
        Assert.Contains("PCA", error.Message);
        Assert.Contains("[10, 6]", error.Message);
        var unfitted = Assert.Throws<InvalidOperationException>(() => new PCA(2).Transform(Digits));
        Assert.Contains("Fit", unfitted.Message);
        Assert.Throws<ArgumentException>(() => ((PCA)new PCA(2).Fit(Digits)).Transform(Tensor.Zeros([3, 5])));
    }
}
