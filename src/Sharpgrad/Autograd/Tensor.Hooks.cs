namespace Sharpgrad;

// Gradient hooks on tensors (PyTorch's Tensor.register_hook): a function called with the tensor's gradient during
// backward, once the gradient is complete (all fan-out contributions summed), which may return a replacement.
public sealed partial class Tensor
{
    private List<Func<Tensor, Tensor?>>? gradHooks;

    /// <summary>
    /// Calls <paramref name="hook"/> with this tensor's gradient whenever a backward pass computes it, before it flows
    /// on to the tensor's inputs (or, for a leaf, before it is added to <see cref="Grad"/>). Returning a tensor of the
    /// same shape replaces the gradient (e.g. clipping it); returning null keeps it. Several hooks run in registration
    /// order. Only tensors that require grad can have hooks.
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

    /// <summary>Registers an observer that sees the gradient and keeps it.</summary>
    public HookHandle RegisterHook(Action<Tensor> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        return RegisterHook(g =>
        {
            hook(g);
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
            if (!SameShape(replaced, this))
                throw new InvalidOperationException(
                    $"RegisterHook: a hook returned a gradient of shape {replaced.ShapeText} for a tensor of shape {ShapeText}.");
            gradient = replaced;
        }
        return gradient;
    }
}
