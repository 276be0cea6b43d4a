namespace Sharpgrad.Tests.Backends;

/// <summary>How every conformance test compares a CPU result with the reference backend's (one rule, one tolerance table).</summary>
internal static class BackendAgreement
{
    /// <summary>The relative tolerance between the backends: <see cref="ConformanceTests.Float64Tolerance"/> in float64, 1e-5 in float32.</summary>
    public static double Tolerance(DType dtype) => dtype == DType.Float64 ? ConformanceTests.Float64Tolerance : 1e-5;

    /// <summary>Equal shapes, dtypes and elements within a relative tolerance; NaN and infinities must match exactly.</summary>
    public static void Close(Tensor cpu, Tensor reference, double tolerance, string what = "element")
    {
        Assert.Equal(reference.Shape, cpu.Shape);
        Assert.Equal(reference.DType, cpu.DType);
        var c = cpu.ToDoubleArray();
        var r = reference.ToDoubleArray();
        for (int i = 0; i < c.Length; i++)
            if (!(c[i].Equals(r[i]) || Math.Abs(c[i] - r[i]) <= tolerance * (1 + Math.Abs(r[i]))))
                Assert.Fail($"{what} {i}: reference {r[i]:R}, cpu {c[i]:R} (tolerance {tolerance})");
    }
}
