using Sharpgrad.Kernels;

namespace Sharpgrad.Optim;

public abstract partial class Optimizer
{
    /// <summary>
    /// Applies an update rule (Backends/Cpu/Kernels/UpdateRules.cs) to <paramref name="param"/> in one pass over memory: each element
    /// of θ, the gradient and the state is read once and written once (issue #4), by the parameter's backend. The rule
    /// for the parameter's dtype runs; an operand that is strided or of another dtype (a state tensor replaced by hand)
    /// goes through a contiguous copy, written back afterwards, so every parameter takes the same arithmetic.
    /// </summary>
    private protected static void ApplyRule<TF, TD>(Tensor param, Tensor grad, TF f, TD d,
        Tensor? state0 = null, Tensor? state1 = null, Tensor? state2 = null)
        where TF : struct, IUpdateRule<float> where TD : struct, IUpdateRule<double>
    {
        var dtype = param.DType;
        var p = Working(param, dtype);
        var g = Working(grad, dtype);
        var s0 = state0 is null ? null : Working(state0, dtype);
        var s1 = state1 is null ? null : Working(state1, dtype);
        var s2 = state2 is null ? null : Working(state2, dtype);
        try { param.Backend.ApplyUpdate(p, g, s0, s1, s2, f, d); }
        finally
        {
            // The rule wrote θ and the state in place (the working copies are θ itself in practice).
            p.storage.MarkWritten();
            s0?.storage.MarkWritten();
            s1?.storage.MarkWritten();
            s2?.storage.MarkWritten();
        }
        WriteBack(param, p);
        WriteBack(state0, s0);
        WriteBack(state1, s1);
        WriteBack(state2, s2);
    }

    /// <summary>The tensor itself when it is contiguous in <paramref name="dtype"/> (always, in practice), else a copy that is.</summary>
    private static Tensor Working(Tensor t, DType dtype) => t.To(dtype).Contiguous();

    private static void WriteBack(Tensor? original, Tensor? working)
    {
        if (original is not null && !ReferenceEquals(original, working)) original.CopyFrom(working!);
    }
}
