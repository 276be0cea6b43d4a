namespace Sharpgrad.NN;

/// <summary>
/// Observes a module's call before it computes: the module and its input (a tensor, or a tuple of the inputs of a
/// module with several). Registered on any module with <see cref="Module.RegisterForwardPreHook(ForwardPreHook)"/>.
/// </summary>
public delegate void ForwardPreHook(Module module, object? input);

/// <summary>
/// Observes a module's call after it computed: the module, its input and its output (a tensor, or a tuple for a
/// module with several outputs; <see cref="TensorTree"/> lists the tensors in either). Registered on any module with
/// <see cref="Module.RegisterForwardHook(ForwardHook)"/>; this is what <c>Summary</c> and the activation monitors use.
/// </summary>
public delegate void ForwardHook(Module module, object? input, object? output);

/// <summary>The hook lists of one module, in registration order; a removed hook leaves its list at once.</summary>
internal sealed class ModuleHooks
{
    public readonly List<ForwardPreHook> Pre = [];
    public readonly List<ForwardHook> Post = [];
    public readonly List<Delegate> TypedPre = [];
    public readonly List<Delegate> TypedPost = [];

    public bool IsEmpty => Pre.Count == 0 && Post.Count == 0 && TypedPre.Count == 0 && TypedPost.Count == 0;

    public static HookHandle Add<T>(List<T> list, T hook)
    {
        list.Add(hook);
        return new HookHandle(() => list.Remove(hook));
    }
}
