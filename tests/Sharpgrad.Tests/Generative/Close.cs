namespace Sharpgrad.Tests.Generative;

/// <summary>Element-wise comparison of two arrays to an absolute tolerance, naming the first element that differs.</summary>
internal static class Close
{
    public static void All(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"element {i}: expected {expected[i]}, got {actual[i]} (tolerance {tolerance})");
    }
}
