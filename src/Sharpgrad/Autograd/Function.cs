namespace Sharpgrad;

/// <summary>
/// A user-defined differentiable function with its own forward and backward, like torch.autograd.Function.
/// Forward runs without recording; Backward receives the output's gradient and returns one gradient (or null)
/// per input. Write Backward with tensor ops and it is differentiable again, so higher-order gradients still work.
/// </summary>
/// <example>
/// <code>
/// sealed class Cube : Function
/// {
///     protected override Tensor Forward(FunctionContext ctx, Tensor[] x) { ctx.SaveForBackward(x[0]); return x[0] * x[0] * x[0]; }
///     protected override Tensor?[] Backward(FunctionContext ctx, Tensor g) => [g * 3 * ctx.Saved[0] * ctx.Saved[0]];
/// }
/// var y = new Cube().Apply(x);
/// </code>
/// </example>
public abstract class Function
{
    protected abstract Tensor Forward(FunctionContext ctx, Tensor[] inputs);

    protected abstract Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput);

    public Tensor Apply(params Tensor[] inputs)
    {
        var ctx = new FunctionContext();
        Tensor output;
        using (Autograd.NoGrad()) output = Forward(ctx, inputs);
        if (inputs.Any(i => ReferenceEquals(i, output))) output = output.Alias();
        return output.Record(GetType().Name, inputs, g => Backward(ctx, g), userDefined: true);
    }
}

/// <summary>What a custom function's forward leaves for its backward.</summary>
public sealed class FunctionContext
{
    private readonly List<Tensor> saved = [];

    public void SaveForBackward(params Tensor[] tensors) => saved.AddRange(tensors);

    public IReadOnlyList<Tensor> Saved => saved;

    /// <summary>Non-tensor values (shapes, flags) the backward needs.</summary>
    public Dictionary<string, object> Items { get; } = [];
}
