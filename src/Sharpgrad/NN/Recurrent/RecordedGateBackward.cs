namespace Sharpgrad.NN;

/// <summary>
/// The backward of <see cref="FusedGates"/> written with differentiable tensor ops, for a backward pass that is itself
/// recorded (createGraph). The gates are recomputed from the node's inputs (not taken from the fused forward's saved,
/// detached values), so the result depends on them through the graph and can be differentiated again. The formulas are
/// those of Backends/Backend.Recurrent.cs: the chain rule through GBC §10.10's gate equations, σ′ = σ(1 − σ), tanh′ = 1 − tanh².
/// </summary>
internal static class RecordedGateBackward
{
    /// <summary>∂L/∂a for a = inputGates + hiddenGates, h' = φ(a).</summary>
    public static Tensor Rnn(Tensor g, Tensor inputGates, Tensor hiddenGates, bool relu)
    {
        var a = inputGates + hiddenGates;
        if (relu) return g * a.Gt(0).To(a.DType);
        var y = a.Tanh();
        return g * (1 - y * y);
    }

    /// <summary>g = [2, ..., H] holds (∂h', ∂c'); returns ∂L/∂a [..., 4H] (for both gate sums) and ∂L/∂c.</summary>
    public static (Tensor Gates, Tensor Cell) Lstm(Tensor g, Tensor inputGates, Tensor hiddenGates, Tensor cell)
    {
        var a = (inputGates + hiddenGates).Chunk(4, -1);
        var (i, f, candidate, o) = (a[0].Sigmoid(), a[1].Sigmoid(), a[2].Tanh(), a[3].Sigmoid());
        var tc = (f * cell + i * candidate).Tanh();
        var (dh, dc) = (g.Select(0, 0), g.Select(0, 1));
        var dcTotal = dc + dh * o * (1 - tc * tc);
        var gates = Tensor.Cat([dcTotal * candidate * i * (1 - i), dcTotal * cell * f * (1 - f), dcTotal * i * (1 - candidate * candidate),
            dh * tc * o * (1 - o)], -1);
        return (gates, dcTotal * f);
    }

    /// <summary>∂L/∂inputGates, ∂L/∂hiddenGates (they differ in the n block, where h_n is multiplied by r) and ∂L/∂h.</summary>
    public static (Tensor InputGates, Tensor HiddenGates, Tensor Previous) Gru(Tensor g, Tensor inputGates, Tensor hiddenGates, Tensor previous)
    {
        var x = inputGates.Chunk(3, -1);
        var h = hiddenGates.Chunk(3, -1);
        var r = (x[0] + h[0]).Sigmoid();
        var z = (x[1] + h[1]).Sigmoid();
        var n = (x[2] + r * h[2]).Tanh();
        var dn = g * (1 - z) * (1 - n * n);
        var dr = dn * h[2] * r * (1 - r);
        var dz = g * (previous - n) * z * (1 - z);
        return (Tensor.Cat([dr, dz, dn], -1), Tensor.Cat([dr, dz, dn * r], -1), g * z);
    }
}
