namespace Sharpgrad.Tests.Backends;

/// <summary>
/// Runs one op on the CPU backend and on the reference backend, from the same inputs moved to each device and with
/// that device as the default (as <see cref="ConformanceTests"/> does, so helpers that create tensors on the default
/// device still compute on it), and compares the results: the reference backend is the oracle. Integer and bool results, and float results of ops that only pick or
/// move elements, must agree exactly; float results computed by arithmetic agree to a relative tolerance.
/// </summary>
internal static class BackendPair
{
    /// <summary>Relative tolerance for float results that the backends compute in different orders.</summary>
    public static double Tolerance(DType dtype) => BackendAgreement.Tolerance(dtype);

    /// <summary>The results of <paramref name="op"/> agree exactly on both backends.</summary>
    public static void Exact(Func<Tensor, Tensor[]> op, params Tensor[] inputs) => Agree(op, exact: true, inputs);

    /// <summary>The results of <paramref name="op"/> agree within <see cref="Tolerance"/> of their dtype (integers exactly).</summary>
    public static void Close(Func<Tensor, Tensor[]> op, params Tensor[] inputs) => Agree(op, exact: false, inputs);

    /// <summary>The results of the two-operand <paramref name="op"/> agree exactly on both backends.</summary>
    public static void Exact(Func<Tensor, Tensor, Tensor[]> op, Tensor a, Tensor b)
    {
        Compare(On(Device.Cpu, () => op(a.To(Device.Cpu), b.To(Device.Cpu))), On(Device.Reference, () => op(a.To(Device.Reference), b.To(Device.Reference))), exact: true);
    }

    /// <summary>
    /// The result of <paramref name="compute"/>, which makes its own inputs, agrees exactly on both backends: it runs once
    /// with each device as the default, so every tensor it creates lives there.
    /// </summary>
    public static void Exact(Func<Tensor> compute)
        => Compare(On(Device.Cpu, () => [compute()]), On(Device.Reference, () => [compute()]), exact: true);

    private static void Agree(Func<Tensor, Tensor[]> op, bool exact, Tensor[] inputs)
    {
        Assert.NotEmpty(inputs);
        foreach (var x in inputs) Compare(On(Device.Cpu, () => op(x.To(Device.Cpu))), On(Device.Reference, () => op(x.To(Device.Reference))), exact);
    }

    private static Tensor[] On(Device device, Func<Tensor[]> run)
    {
        using var _ = Device.Use(device);
        return run();
    }

    private static void Compare(Tensor[] cpu, Tensor[] reference, bool exact)
    {
        Assert.Equal(cpu.Length, reference.Length);
        for (int k = 0; k < cpu.Length; k++)
        {
            Assert.Equal(Device.Reference, reference[k].Device);
            double tolerance = exact || !cpu[k].DType.IsFloatingPoint() ? 0 : Tolerance(cpu[k].DType);
            BackendAgreement.Close(cpu[k], reference[k], tolerance, $"result {k}, element");
        }
    }
}
