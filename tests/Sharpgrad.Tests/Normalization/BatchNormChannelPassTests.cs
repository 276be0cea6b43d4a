using Sharpgrad.Kernels;

namespace Sharpgrad.Tests.Normalization;

/// <summary>
/// The channel-at-a-time passes of <see cref="BatchNormKernel"/> (statistics; training backward) against the
/// whole-tensor passes they replace, composed as before (<see cref="BatchNormKernel.Sums"/> twice; Sums then
/// <see cref="BatchNormKernel.InputGradient"/>), bit for bit: on [N, C] and on [N, C, S] with S not a multiple of the
/// vector width. Their values against a textbook reference are checked in <see cref="BatchNormKernelTests"/>.
/// </summary>
public class BatchNormChannelPassTests
{
    [Theory]
    [InlineData(5, 3, 1)]
    [InlineData(7, 4, 19)]
    [InlineData(3, 2, 64)]
    public void StatisticsMatchTwoWholePassesBitForBit(int batch, int channels, int spatial)
    {
        var layout = new ChannelLayout(batch, channels, spatial);
        var x = Values(batch * channels * spatial + 2, 1);
        float m = layout.PerChannel;
        float[] expectedMean = new float[channels], expectedVariance = new float[channels], unused = new float[channels];
        BatchNormKernel.Sums(x, 2, x, 2, layout, new float[channels], centreU: false, expectedMean, unused);
        for (int c = 0; c < channels; c++) expectedMean[c] /= m;
        BatchNormKernel.Sums(x, 2, x, 2, layout, expectedMean, centreU: true, unused, expectedVariance);
        for (int c = 0; c < channels; c++) expectedVariance[c] /= m;

        float[] mean = new float[channels], variance = new float[channels];
        BatchNormKernel.Statistics(x, 2, layout, mean, variance);

        Assert.Equal(expectedMean, mean);
        Assert.Equal(expectedVariance, variance);
        Assert.All(variance, v => Assert.True(v > 0));  // the data are not constant: a zero would mean nothing was summed
    }

    [Theory]
    [InlineData(5, 3, 1)]
    [InlineData(7, 4, 19)]
    [InlineData(3, 2, 64)]
    public void BackwardMatchesSumsThenInputGradientBitForBit(int batch, int channels, int spatial)
    {
        var layout = new ChannelLayout(batch, channels, spatial);
        int count = batch * channels * spatial;
        float[] g = Values(count + 1, 2), x = Values(count + 3, 3);
        float[] mean = Values(channels, 4), invStd = Values(channels, 5).Select(v => 1.5f + v).ToArray(), gamma = Values(channels, 6);
        float m = layout.PerChannel;
        float[] sumG = new float[channels], sumGX = new float[channels], meanG = new float[channels], k = new float[channels];
        float[] scale = new float[channels], gradWeight = new float[channels], dx = new float[count];
        BatchNormKernel.Sums(g, 1, x, 3, layout, mean, centreU: false, sumG, sumGX);
        for (int c = 0; c < channels; c++)
        {
            gradWeight[c] = sumGX[c] * invStd[c];
            scale[c] = gamma[c] * invStd[c];
            meanG[c] = sumG[c] / m;
            k[c] = sumGX[c] / m * invStd[c] * invStd[c];
        }
        BatchNormKernel.InputGradient(g, 1, x, 3, layout, meanG, mean, k, scale, dx);

        float[] fusedSumG = new float[channels], fusedGradWeight = new float[channels], fusedDx = new float[count];
        BatchNormKernel.Backward(g, 1, x, 3, layout, mean, invStd, gamma, fusedSumG, fusedGradWeight, fusedDx);

        Assert.Equal(sumG, fusedSumG);
        Assert.Equal(gradWeight, fusedGradWeight);
        Assert.Equal(dx, fusedDx);
        Assert.Contains(fusedDx, v => v != 0);
    }

    private static float[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 4 - 1)).ToArray();
    }
}
