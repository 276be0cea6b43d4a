using Sharpgrad.Data;

namespace Sharpgrad.Tests.Data;

/// <summary>
/// ZCA whitening (GBC §12.2.1.1). The fit can take an eigensolver as a function; most tests supply
/// eigendecompositions known in closed form: the quadratic formula for 2×2 matrices, and data built from an
/// orthogonal matrix Q and variances σ² chosen here, whose covariance is Q·diag(σ²)·Qᵀ by construction. The default
/// overload uses Linalg.Eigh and is checked on correlated 5-D data.
/// </summary>
public class ZcaWhiteningTests
{
    /// <summary>Eigenvalues and unit eigenvectors (in columns) of a symmetric 2×2 matrix [[a, b], [b, d]], b ≠ 0.</summary>
    private static (Tensor Values, Tensor Vectors) Eigh2x2(Tensor m)
    {
        double a = m[0, 0].Item(), b = m[0, 1].Item(), d = m[1, 1].Item();
        double mid = (a + d) / 2, radius = Math.Sqrt((a - d) * (a - d) / 4 + b * b);
        double[] values = [mid - radius, mid + radius];
        var columns = values.Select(l => new[] { b, l - a }).Select(v => v.Select(x => x / Math.Sqrt(v[0] * v[0] + v[1] * v[1])).ToArray()).ToArray();
        return (Tensor.FromArray(values), Tensor.From(new[,] { { columns[0][0], columns[1][0] }, { columns[0][1], columns[1][1] } }));
    }

    /// <summary>The covariance (divided by N) of the rows of x [N, D].</summary>
    private static Tensor Covariance(Tensor x)
    {
        var centred = x - x.Mean(0);
        return centred.T.MatMul(centred) / x.Size(0);
    }

    [Fact]
    public void WhitenedDataHaveIdentityCovariance()
    {
        // Correlated 2-D data: z·A with z standard normal, plus an offset.
        var z = Tensor.Randn([500, 2], DType.Float64, new Generator(1));
        var x = z.MatMul(Tensor.From(new[,] { { 2.0, 0.0 }, { 1.5, 0.5 } })) + Tensor.FromArray(new[] { 3.0, -7.0 });
        var zca = ZcaWhitening.Fit(x, Eigh2x2);
        var white = zca.Apply(x);
        Assert.True(Covariance(white).AllClose(Tensor.Eye(2, dtype: DType.Float64), rtol: 0, atol: 1e-4));
        Assert.True(white.Mean(0).AllClose(Tensor.Zeros([2], DType.Float64), atol: 1e-10));
        Assert.True(zca.Matrix.AllClose(zca.Matrix.T, atol: 1e-12)); // ZCA's W is symmetric
        Assert.Equal(DType.Float32, zca.Apply(x.Float()).DType);
        Assert.True(Covariance(zca.Apply(x.Float()).Double()).AllClose(Tensor.Eye(2, dtype: DType.Float64), rtol: 0, atol: 1e-4));
    }

    [Fact]
    public void FitWithLinalgEighWhitensCorrelated5DData()
    {
        // x = z·A + offset with z standard normal and a dense A: every pair of the five features is correlated.
        var a = Tensor.From(new[,]
        {
            { 2.0, 0.5, 0.0, 1.0, -0.3 },
            { 0.0, 1.5, 0.7, 0.2, 0.4 },
            { 0.3, 0.0, 1.0, -0.6, 0.1 },
            { 1.2, -0.4, 0.0, 0.8, 0.9 },
            { 0.0, 0.6, -0.5, 0.0, 0.5 },
        });
        var x = Tensor.Randn([400, 5], DType.Float64, new Generator(2)).MatMul(a) + Tensor.FromArray(new[] { 1.0, -2, 3, 0, 5 });
        var before = Covariance(x);
        Assert.True((before - Linalg.DiagEmbed(Linalg.Diagonal(before))).Abs().Max().Item() > 0.5); // really correlated

        var zca = ZcaWhitening.Fit(x);
        Assert.True(Covariance(zca.Apply(x)).AllClose(Tensor.Eye(5, dtype: DType.Float64), rtol: 0, atol: 1e-4));
        Assert.True(zca.Matrix.AllClose(zca.Matrix.T, atol: 1e-12));
    }

    // An orthogonal, symmetric Q (the 4×4 Hadamard matrix / 2) and the variances along its columns.
    private static readonly Tensor Q = Tensor.From(new[,] { { 1.0, 1, 1, 1 }, { 1, -1, 1, -1 }, { 1, 1, -1, -1 }, { 1, -1, -1, 1 } }) / 2;
    private static readonly double[] Sigma = [3, 2, 1, 0.5];

    /// <summary>
    /// Eight 2×2 one-channel images X = Z·diag(σ)·Qᵀ + μ, where Z's columns are four ±1 columns of the 8×8 Hadamard
    /// matrix (Sylvester's, entry (−1)^popcount(i AND j), j = 1..4): they sum to 0 and are orthogonal with norm² 8,
    /// so ZᵀZ/8 = I and the covariance of X is exactly Q·diag(σ²)·Qᵀ.
    /// </summary>
    private static (Tensor Images, Tensor Z) KnownCovarianceImages()
    {
        var z = new double[8, 4];
        for (int i = 0; i < 8; i++)
            for (int j = 0; j < 4; j++)
                z[i, j] = int.PopCount(i & (j + 1)) % 2 == 0 ? 1 : -1;
        var zt = Tensor.From(z);
        var x = zt * Tensor.FromArray(Sigma);
        var images = (x.MatMul(Q.T) + Tensor.FromArray(new[] { 0.5, 0.1, 0.9, 0.3 })).View(8, 1, 2, 2);
        return (images, zt);
    }

    /// <summary>An "eigensolver" that checks it is asked about Q·diag(σ²)·Qᵀ and answers with that decomposition.</summary>
    private static (Tensor, Tensor) KnownEigh(Tensor covariance)
    {
        var sigma2 = Tensor.FromArray(Sigma.Select(s => s * s).ToArray());
        Assert.True(covariance.AllClose((Q * sigma2).MatMul(Q.T), atol: 1e-12), $"covariance was {covariance}");
        return (sigma2, Q);
    }

    [Fact]
    public void ZcaMapsDataWithKnownCovarianceToZTimesQTransposed()
    {
        var (images, z) = KnownCovarianceImages();
        var zca = ZcaWhitening.Fit(images, KnownEigh, epsilon: 0);
        Assert.Equal([1, 2, 2], zca.SampleShape);
        // W = Q·diag(1/σ)·Qᵀ, so (X − μ)·W = Z·diag(σ)·Qᵀ·Q·diag(1/σ)·Qᵀ = Z·Qᵀ.
        var white = zca.Apply(images);
        Assert.Equal([8, 1, 2, 2], white.Shape);
        Assert.True(white.View(8, 4).AllClose(z.MatMul(Q.T), atol: 1e-12));
        Assert.True(Covariance(white.View(8, 4)).AllClose(Tensor.Eye(4, dtype: DType.Float64), atol: 1e-12));
    }

    [Fact]
    public void EpsilonDampsTheInverseSquareRoots()
    {
        var (images, _) = KnownCovarianceImages();
        var zca = ZcaWhitening.Fit(images, KnownEigh, epsilon: 0.75);
        var damped = Tensor.FromArray(Sigma.Select(s => 1 / Math.Sqrt(s * s + 0.75)).ToArray());
        Assert.True(zca.Matrix.AllClose((Q * damped).MatMul(Q.T), atol: 1e-12));
    }

    [Fact]
    public void OneSampleIsWhitenedLikeTheSameSampleInABatch()
    {
        var (images, _) = KnownCovarianceImages();
        var zca = ZcaWhitening.Fit(images, KnownEigh);
        Assert.True(zca.Apply(images[3]).AllClose(zca.Apply(images)[3], atol: 1e-12));
        Assert.Equal([1, 2, 2], zca.Apply(images[3]).Shape);
    }

    [Fact]
    public void BadShapesAndBadDecompositionsAreReported()
    {
        var (images, _) = KnownCovarianceImages();
        var zca = ZcaWhitening.Fit(images, KnownEigh);
        var shape = Assert.Throws<ArgumentException>(() => zca.Apply(Tensor.Zeros(8, 4)));
        Assert.Contains("ZcaWhitening: fitted on samples of shape [1, 2, 2], so expected one such sample or a batch [N, 1, 2, 2], got shape [8, 4]", shape.Message);
        var eigh = Assert.Throws<ArgumentException>(() => ZcaWhitening.Fit(images, c => (Tensor.Zeros(3), Tensor.Zeros(4, 4))));
        Assert.Contains("ZcaWhitening.Fit: eigh of the [4, 4] covariance returned values [3] and vectors [4, 4]; expected [4] and [4, 4]", eigh.Message);
        Assert.Contains("N ≥ 2", Assert.Throws<ArgumentException>(() => ZcaWhitening.Fit(images[..1], KnownEigh)).Message);
        Assert.Throws<ArgumentException>(() => ZcaWhitening.Fit(Tensor.Zeros([5, 2], DType.Int64), KnownEigh));
        Assert.Throws<ArgumentOutOfRangeException>(() => ZcaWhitening.Fit(images, KnownEigh, epsilon: -1));
    }
}
