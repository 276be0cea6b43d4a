using Sharpgrad.Tests.OpTable;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Backends;

/// <summary>
/// The backend conformance suite (Burn's backend tests): every op-table entry, its output and its gradients, computed
/// on the reference backend (scalar loops) and on the CPU backend (SIMD kernels, threads), in float64 and float32. The
/// tolerances are those of docs/design.md ("Backends"): the two backends add in different orders and the CPU's SIMD
/// transcendental functions differ from the scalar ones in the last bits; the ops whose kernels are exact elementwise
/// operations agree bit for bit.
/// </summary>
public class ConformanceTests
{
    /// <summary>Relative tolerance between the backends in float64: a few thousand ulps of summation-order error.</summary>
    public const double Float64Tolerance = 1e-10;

    public static TheoryData<string> Names => OpTableTests.Names;

    public static TheoryData<string> Float32Names => OpTableTests.Float32Names;

    /// <summary>Entries made only of exactly rounded elementwise operations: negation, |x|, max, +, −, ×, ÷ and copies.</summary>
    public static TheoryData<string> ExactNames =>
    [
        "Neg", "Abs", "Relu", "Square", "Clamp(min, max)", "Add [3,1]+[1,4]", "Add [2,3]+[3]", "Add [2,3]+scalar",
        "Sub [3,1]-[1,4]", "Mul [2,3]*[3]", "Mul [2,3]*scalar", "Div [3,1]/[1,4]", "Maximum [3,1],[1,4]",
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void Float64AgreesWithTheReferenceBackend(string name)
    {
        var (cpu, reference) = OnBothBackends(OpTable.OpTable.Entries[name], DType.Float64);
        Agree(cpu, reference, Float64Tolerance);
    }

    [Theory]
    [MemberData(nameof(Float32Names))]
    public void Float32AgreesWithTheReferenceBackend(string name)
    {
        var op = OpTable.OpTable.Entries[name];
        var (cpu, reference) = OnBothBackends(op, DType.Float32);
        Agree(cpu, reference, op.Float32Tolerance);
    }

    [Theory]
    [MemberData(nameof(ExactNames))]
    public void ExactOpsAgreeBitForBit(string name)
    {
        foreach (var dtype in new[] { DType.Float64, DType.Float32 })
        {
            var (cpu, reference) = OnBothBackends(OpTable.OpTable.Entries[name], dtype);
            BitwiseEqual(cpu.Output, reference.Output);
            for (int i = 0; i < cpu.Grads.Length; i++) BitwiseEqual(cpu.Grads[i], reference.Grads[i]);
        }
    }

    private static ((Tensor Output, Tensor[] Grads) Cpu, (Tensor Output, Tensor[] Grads) Reference) OnBothBackends(OpInfo op, DType dtype)
    {
        var cpu = Run(op, dtype, Device.Cpu);
        var reference = Run(op, dtype, Device.Reference);
        Assert.Equal(Device.Reference, reference.Output.Device);
        Assert.All(reference.Grads, g => Assert.Equal(Device.Reference, g.Device));
        return (cpu, reference);
    }

    private static (Tensor Output, Tensor[] Grads) Run(OpInfo op, DType dtype, Device device)
    {
        using var _ = Device.Use(device);
        return OpTableTests.Evaluate(op, op.Samples().Select(t => OpTableTests.Cast(t, dtype)).ToArray());
    }

    private static void Agree((Tensor Output, Tensor[] Grads) cpu, (Tensor Output, Tensor[] Grads) reference, double tolerance)
    {
        BackendAgreement.Close(cpu.Output, reference.Output, tolerance, "output, element");
        Assert.Equal(cpu.Grads.Length, reference.Grads.Length);
        for (int i = 0; i < cpu.Grads.Length; i++) BackendAgreement.Close(cpu.Grads[i], reference.Grads[i], tolerance, $"gradient {i}, element");
    }
}
