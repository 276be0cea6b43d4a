namespace Sharpgrad;

// Gradient hooks on tensors (PyTorch's Tensor.register_hook): a function called with the tensor's gradient during
// backward, once the gradient is complete (all fan-out contributions summed), which may return a replacement.
public sealed partial class Tensor
{
    private List<Func<Tensor, Tensor?>>? gradHooks;

    /// <summary>
    /// Calls <paramref name="hook"/> with this tensor's gradient whenever a backward pass computes it, before it flows
    /// on to the tensor's inputs (or, for a leaf, before it is added to <see cref="Grad"/>). Returning a tensor of the
    /// same shape and dtype replaces the gradient (e.g. clipping it: <c>g =&gt; g.Clamp(-1, 1)</c>); returning null
    /// keeps it. Several hooks run in registration order. Only tensors that require grad can have hooks. To look at
    /// the gradient without replacing it, use <see cref="RegisterGradientObserver"/>: a lambda such as
    /// <c>g =&gt; last = g</c> has a value, so here it would replace the gradient with what it assigns.
    /// </summary>
    public HookHandle RegisterHook(Func<Tensor, Tensor?> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        if (!RequiresGrad)
            throw new InvalidOperationException($"RegisterHook: the tensor of shape {ShapeText} does not require grad, so no gradient will reach a hook.");
        var hooks = gradHooks ??= [];
        hooks.Add(hook);
        return new HookHandle(() => hooks.Remove(hook));
    }

    /// <summary>Calls <paramref name="observer"/> with this tensor's gradient whenever a backward pass computes it; the gradient flows on unchanged.</summary>
    public HookHandle RegisterGradientObserver(Action<Tensor> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        return RegisterHook(g =>
        {
            observer(g);
            return null;
        });
    }

    internal bool HasGradHooks => gradHooks is { Count: > 0 };

    /// <summary>Runs the hooks on <paramref name="gradient"/>, checking each replacement's shape.</summary>
    internal Tensor RunGradHooks(Tensor gradient)
    {
        foreach (var hook in gradHooks!.ToArray())
        {
            if (hook(gradient) is not { } replaced) continue;
            if (!SameShape(replaced, this) || replaced.DType != gradient.DType)
                throw new InvalidOperationException(
                    $"RegisterHook: a hook returned a gradient of shape {replaced.ShapeText} and dtype {replaced.DType.Name()} " +
                    $"for a tensor of shape {ShapeText} whose gradient is {gradient.DType.Name()}; a hook may change only the values.");
            gradient = replaced;
        }
        return gradient;
    }
}
