namespace Sharpgrad.Tests.Backends;

/// <summary>
/// Runs a layer function on both backends and compares what the op table cannot: int64 outputs (max pooling's
/// switches) exactly, several float outputs, state updated in place (running statistics), and the gradients of every
/// float input under a fixed upstream gradient. The inputs are built on each device from the same host values, so
/// the only difference is the backend computing.
/// </summary>
public abstract class LayerConformance
{
    /// <summary>The relative tolerance between the backends for a dtype (<see cref="ConformanceTests.Float64Tolerance"/> in float64).</summary>
    protected static double Tolerance(DType dtype) => BackendAgreement.Tolerance(dtype);

    /// <summary>
    /// <paramref name="f"/> maps the inputs (on one device, the float ones requiring gradients) to outputs, the first
    /// of them float; its gradients are taken against Σ output₀·w for a fixed w. Compares every output and gradient.
    /// </summary>
    protected static void AgreeOnBothBackends(Func<Tensor[], Tensor[]> f, DType dtype, params Tensor[] inputs)
    {
        var cpu = Run(f, Device.Cpu, dtype, inputs);
        var reference = Run(f, Device.Reference, dtype, inputs);
        Assert.Equal(cpu.Length, reference.Length);
        for (int i = 0; i < cpu.Length; i++)
        {
            Assert.Equal(Device.Reference, reference[i].Device);
            Agree(cpu[i], reference[i], Tolerance(dtype), $"result {i}");
        }
    }

    /// <summary>The outputs, then the gradient of each float input.</summary>
    private static Tensor[] Run(Func<Tensor[], Tensor[]> f, Device device, DType dtype, Tensor[] inputs)
    {
        // The scope, as in ConformanceTests: Backward seeds its root gradient on the default device.
        using var _ = Device.Use(device);
        var xs = inputs.Select(t => t.DType.IsFloatingPoint() ? t.To(dtype).To(device).Detach().RequireGrad() : t.To(device)).ToArray();
        var outputs = f(xs);
        var y = outputs[0];
        if (y.RequiresGrad)
        {
            var w = Tensor.Randn(y.Shape, y.DType, new Generator(20)).To(device);
            (y * w).Sum().Backward();
        }
        return [.. outputs, .. xs.Where(x => x.RequiresGrad).Select(x => x.Grad ?? Tensor.Zeros(x.Shape, x.DType))];
    }

    /// <summary>Floating-point results within the tolerance; switches (int64) exactly.</summary>
    private static void Agree(Tensor cpu, Tensor reference, double tolerance, string what)
        => BackendAgreement.Close(cpu, reference, cpu.DType.IsFloatingPoint() ? tolerance : 0, what + ", element");

    /// <summary>Normal values of <paramref name="shape"/> from <paramref name="seed"/>, float64 (each test casts them).</summary>
    protected static Tensor Normal(int seed, params int[] shape) => Tensor.Randn(shape, DType.Float64, new Generator(seed));

    public static TheoryData<DType> FloatTypes => [DType.Float32, DType.Float64];
}
