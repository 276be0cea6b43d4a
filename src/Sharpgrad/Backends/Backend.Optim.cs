using Sharpgrad.Kernels;

namespace Sharpgrad.Backends;

// Optimiser primitives. The optimiser (Optim/Optimizer.Update.cs) has picked the rule for this step and made every
// operand a contiguous tensor of the parameter's dtype.
internal abstract partial class Backend
{
    /// <summary>
    /// One optimiser step in one pass: for every element i, θᵢ ← rule(θᵢ, gᵢ, state0ᵢ, state1ᵢ, state2ᵢ), which also
    /// rewrites the state slots the rule keeps (Backends/Cpu/Kernels/UpdateRules.cs). float32 (rule <paramref name="f"/>)
    /// or float64 (<paramref name="d"/>); param, grad and the states share the dtype and the element count and are
    /// contiguous. A null state is a slot the rule does not use. Writes param and the states.
    /// </summary>
    public abstract void ApplyUpdate<TF, TD>(Tensor param, Tensor grad, Tensor? state0, Tensor? state1, Tensor? state2, TF f, TD d)
        where TF : struct, IUpdateRule<float> where TD : struct, IUpdateRule<double>;
}
