namespace Sharpgrad.Tests.OpTable;

/// <summary>
/// One entry of the op table (PyTorch's OpInfo): a differentiable op written as a function of its inputs, and a
/// generator of sample inputs. The sweep in <see cref="OpTableTests"/> runs every entry through the same checks, so a
/// new op gets gradient, layout, dtype and thread-count coverage by adding one entry.
/// </summary>
/// <param name="Name">unique display name, e.g. "CumSum dim 1"</param>
/// <param name="Function">the op; an op with several outputs returns them combined into one tensor (e.g. a weighted sum)</param>
/// <param name="Samples">
/// fresh float64 sample inputs; floating-point inputs that the op differentiates are marked <c>RequireGrad()</c>,
/// index or mask inputs are int64/bool. Keep them small (a full Jacobian is taken) and away from the points where the
/// op is not differentiable (ties, kinks, poles).
/// </param>
public sealed record OpInfo(string Name, Func<Tensor[], Tensor> Function, Func<Tensor[]> Samples)
{
    /// <summary>Whether the backward is itself differentiable (checked to second order). False only with a reason.</summary>
    public bool SecondOrder { get; init; } = true;

    /// <summary>Whether the op accepts float32 inputs (compared against the float64 result).</summary>
    public bool Float32 { get; init; } = true;

    /// <summary>Absolute/relative tolerance of the float32-versus-float64 comparison (outputs and gradients).</summary>
    public double Float32Tolerance { get; init; } = 1e-4;

    /// <summary>Whether the op takes arbitrary strided inputs (false only for ops that document contiguity).</summary>
    public bool Strided { get; init; } = true;

    public override string ToString() => Name;
}

/// <summary>Marks a static method of an op-table part that returns <c>IEnumerable&lt;OpInfo&gt;</c>; the table collects them all.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OpEntriesAttribute : Attribute;
