using Sharpgrad.Kernels;

namespace Sharpgrad.Tests.Kernels;

/// <summary>
/// The SIMD paths (<see cref="SimdPaths"/>): which are available, and how <c>SHARPGRAD_SIMD</c> names one. The
/// kernels with explicit-width code (the GEMM, the pooling fast path) are tested on every available path by passing
/// it in, through <see cref="AvailablePaths"/>, so code this CPU would not select is still run.
/// </summary>
public class SimdPathTests
{
    /// <summary>Paths by their SHARPGRAD_SIMD names (test methods are public; <see cref="SimdPath"/> is internal).</summary>
    public static TheoryData<string> AvailablePaths()
    {
        var data = new TheoryData<string>();
        foreach (var path in SimdPaths.Available) data.Add(SimdPaths.Name(path));
        return data;
    }

    [Fact]
    public void PortablePathsAreAlwaysAvailableAndTheDefaultIsTheWidest()
    {
        Assert.Contains(SimdPath.Scalar, SimdPaths.Available);
        Assert.Contains(SimdPath.Vector128, SimdPaths.Available);
        Assert.True(SimdPaths.IsAvailable(SimdPaths.Fastest));
        Assert.DoesNotContain(SimdPaths.Available, p => p > SimdPaths.Fastest && p != SimdPath.Vector128);
        Assert.Equal(SimdPaths.Fastest, SimdPaths.Parse(null));
        Assert.Equal(SimdPaths.Fastest, SimdPaths.Parse(""));
    }

    [Fact]
    public void EnvironmentVariableNamesAPath()
    {
        Assert.Equal(SimdPath.Scalar, SimdPaths.Parse("scalar"));
        Assert.Equal(SimdPath.Vector128, SimdPaths.Parse(" V128 "));
        var e = Assert.Throws<ArgumentException>(() => SimdPaths.Parse("avx"));
        Assert.Contains("SHARPGRAD_SIMD=avx", e.Message);
        Assert.Contains("scalar, v128, v256, v512", e.Message);
        foreach (var path in Enum.GetValues<SimdPath>().Where(p => !SimdPaths.IsAvailable(p)))
            Assert.Contains("cannot run", Assert.Throws<ArgumentException>(() => SimdPaths.Parse(SimdPaths.Name(path))).Message);
    }
}
