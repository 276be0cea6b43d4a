using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Tests.Normalization;

/// <summary>
/// The channel-at-a-time passes of <see cref="BatchNormKernel"/> (training statistics; training backward), which run
/// with S &gt; 1, against a plain scalar loop per channel in double written here from the textbook formulas (GBC
/// §8.7.1; Ioffe &amp; Szegedy 2015, §3): μ = Σx/m, σ² = Σ(x − μ)²/m; Σg, ∇γ = Σg·(x − μ)·r and
/// dx = γr·(g − Σg/m − (x − μ)·r²·Σg·(x − μ)/m), with r = 1/σ given. On S not a multiple of the vector width and
/// S = 64, float32 and float64, with offsets into the inputs.
/// </summary>
public class BatchNormChannelPassTests
{
    [Theory]
    [InlineData(7, 4, 19)]
    [InlineData(3, 2, 64)]
    public void StatisticsMatchAPlainPerChannelLoop(int batch, int channels, int spatial)
    {
        CheckStatistics<float>(batch, channels, spatial, 1e-5);
        CheckStatistics<double>(batch, channels, spatial, 1e-13);
    }

    [Theory]
    [InlineData(7, 4, 19)]
    [InlineData(3, 2, 64)]
    public void BackwardMatchesAPlainPerChannelLoop(int batch, int channels, int spatial)
    {
        CheckBackward<float>(batch, channels, spatial, 1e-5);
        CheckBackward<double>(batch, channels, spatial, 1e-13);
    }

    private static void CheckStatistics<T>(int batch, int channels, int spatial, double tolerance) where T : unmanaged, INumber<T>
    {
        var layout = new ChannelLayout(batch, channels, spatial);
        var x = Values(batch * channels * spatial + 2, 1);
        double[] expectedMean = new double[channels], expectedVariance = new double[channels];
        for (int c = 0; c < channels; c++)
        {
            var values = Channel(x, 2, layout, c);
            expectedMean[c] = values.Sum() / values.Length;
            expectedVariance[c] = values.Sum(v => (v - expectedMean[c]) * (v - expectedMean[c])) / values.Length;
        }

        T[] mean = new T[channels], variance = new T[channels];
        BatchNormKernel.Statistics(Cast<T>(x), 2, layout, mean, variance);

        Close(expectedMean, mean, tolerance, "mean");
        Close(expectedVariance, variance, tolerance, "variance");
    }

    private static void CheckBackward<T>(int batch, int channels, int spatial, double tolerance) where T : unmanaged, INumber<T>
    {
        var layout = new ChannelLayout(batch, channels, spatial);
        int count = batch * channels * spatial;
        double[] g = Values(count + 1, 2), x = Values(count + 3, 3), mean = Values(channels, 4), gamma = Values(channels, 6);
        double[] invStd = [.. Values(channels, 5).Select(v => 1.5 + v)];
        double[] expectedSumG = new double[channels], expectedGradWeight = new double[channels], expectedDx = new double[count];
        for (int c = 0; c < channels; c++)
        {
            double[] gc = Channel(g, 1, layout, c), xc = Channel(x, 3, layout, c);
            double m = gc.Length, sumG = gc.Sum(), sumGX = gc.Select((v, i) => v * (xc[i] - mean[c])).Sum();
            expectedSumG[c] = sumG;
            expectedGradWeight[c] = sumGX * invStd[c];
            for (int n = 0; n < batch; n++)
                for (int s = 0; s < spatial; s++)
                {
                    int at = (n * channels + c) * spatial + s;
                    expectedDx[at] = gamma[c] * invStd[c]
                        * (g[1 + at] - sumG / m - (x[3 + at] - mean[c]) * invStd[c] * invStd[c] * sumGX / m);
                }
        }

        T[] sumGOut = new T[channels], gradWeight = new T[channels], dx = new T[count];
        BatchNormKernel.Backward(Cast<T>(g), 1, Cast<T>(x), 3, layout, Cast<T>(mean), Cast<T>(invStd), Cast<T>(gamma), sumGOut, gradWeight, dx);

        // The sums add m rounding errors: a tolerance growing like √m, as in BatchNormKernelTests.
        Close(expectedSumG, sumGOut, tolerance * Math.Sqrt(count), "Σg");
        Close(expectedGradWeight, gradWeight, tolerance * Math.Sqrt(count), "∇γ");
        Close(expectedDx, dx, tolerance * 10, "dx");
    }

    /// <summary>Channel <paramref name="c"/>'s N·S values of an [N, C, S] block stored from <paramref name="offset"/>.</summary>
    private static double[] Channel(double[] values, int offset, ChannelLayout layout, int c)
        => [.. Enumerable.Range(0, layout.Batch).SelectMany(n => values.Skip(offset + (n * layout.Channels + c) * layout.Spatial).Take(layout.Spatial))];

    /// <summary>Values exactly representable in float32, so both precisions start from the same numbers.</summary>
    private static double[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (double)(float)(random.NextDouble() * 4 - 1))];
    }

    private static T[] Cast<T>(double[] values) where T : INumber<T> => [.. values.Select(T.CreateChecked)];

    private static void Close<T>(double[] expected, T[] actual, double tolerance, string what) where T : INumber<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double value = double.CreateChecked(actual[i]);
            Assert.True(Math.Abs(expected[i] - value) <= tolerance * (1 + Math.Abs(expected[i])),
                $"{typeof(T).Name} {what}[{i}]: expected {expected[i]:R}, got {value:R}");
        }
    }
}
