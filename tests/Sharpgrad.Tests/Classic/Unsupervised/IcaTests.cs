using Sharpgrad.Classic;

namespace Sharpgrad.Tests.Classic.Unsupervised;

/// <summary>FastICA (GBC §13.2) unmixing two known non-Gaussian sources.</summary>
public class IcaTests
{
    [Theory]
    [InlineData(IcaAlgorithm.Parallel)]
    [InlineData(IcaAlgorithm.Deflation)]
    public void UnmixesASineAndASquareWave(IcaAlgorithm algorithm)
    {
        var t = Tensor.Linspace(0, 8, 1000, DType.Float64);
        var sine = (2 * t).Sin();
        var square = (3 * t).Sin().Sign();
        var sources = Tensor.Stack([sine, square], 1);                            // [1000, 2]
        var mixing = Tensor.From(new double[,] { { 1, 1 }, { 0.5, 2 } });
        var x = sources.MatMul(mixing.T);

        var ica = new FastICA(2, algorithm, seed: 0);
        var recovered = ica.FitTransform(x);

        // |correlation| between each true source and its best-matching estimate, up to permutation and sign.
        var correlations = Correlation(sources, recovered).Abs();
        Assert.True(correlations.Max(1).Values.Min().Item() > 0.95, $"correlations {correlations}");
        Assert.NotEqual(correlations[0].ArgMax().Item<long>(), correlations[1].ArgMax().Item<long>());
        // The estimated mixing matrix reconstructs the data.
        Assert.True(recovered.MatMul(ica.Mixing.T).AllClose(x - x.Mean(0), 0, 1e-8));
    }

    private static Tensor Correlation(Tensor a, Tensor b)
    {
        var za = (a - a.Mean(0)) / a.Std(0, unbiased: false);
        var zb = (b - b.Mean(0)) / b.Std(0, unbiased: false);
        return za.T.MatMul(zb) / a.Size(0);
    }
}
