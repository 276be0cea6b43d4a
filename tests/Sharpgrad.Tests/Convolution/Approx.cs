namespace Sharpgrad.Tests.Convolution;

/// <summary>Element-wise comparison of double arrays within an absolute tolerance, naming the first mismatch.</summary>
internal static class Approx
{
    public static void Equal(double[] expected, double[] actual, double tolerance = 1e-12)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"element {i}: expected {expected[i]:R}, got {actual[i]:R}");
    }
}
