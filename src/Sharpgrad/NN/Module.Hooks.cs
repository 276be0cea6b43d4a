namespace Sharpgrad.NN;

// Forward hooks (PyTorch's register_forward_pre_hook / register_forward_hook). The untyped observers here work on any
// module, whatever its input and output types; the typed ones on Module<TInput, TResult> may also replace the input
// or the output. Every typed module's Forward runs them, so they see every call, nested ones included.
public abstract partial class Module
{
    private ModuleHooks? hooks;

    /// <summary>Whether any hook is registered on this module; Forward skips the hook machinery when none is.</summary>
    private protected bool HasHooks => hooks is { IsEmpty: false };

    /// <summary>Whether any hook is registered on this module (<see cref="LayerChainBuffers"/> recycles nothing then).</summary>
    internal bool HasForwardHooks => HasHooks;

    private protected ModuleHooks Hooks => hooks ??= new ModuleHooks();

    /// <summary>Calls <paramref name="hook"/> before every forward call of this module (not its children).</summary>
    public HookHandle RegisterForwardPreHook(ForwardPreHook hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        return ModuleHooks.Add(Hooks.Pre, hook);
    }

    /// <summary>Calls <paramref name="hook"/> after every forward call of this module with its input and output.</summary>
    public HookHandle RegisterForwardHook(ForwardHook hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        return ModuleHooks.Add(Hooks.Post, hook);
    }

    /// <summary>
    /// Runs <paramref name="compute"/> between the hooks: typed pre-hooks (which may replace the input) then untyped
    /// pre-hooks, the computation, typed hooks (which may replace the output) then untyped hooks. The lists are copied
    /// first, so a hook may remove itself.
    /// </summary>
    private protected TResult RunWithHooks<TInput, TResult>(TInput input, Func<TInput, TResult> compute)
    {
        var h = Hooks;
        foreach (var pre in h.TypedPre.ToArray()) input = ((Func<TInput, TInput>)pre)(input);
        foreach (var pre in h.Pre.ToArray()) pre(this, input);
        var output = compute(input);
        foreach (var post in h.TypedPost.ToArray()) output = ((Func<TInput, TResult, TResult>)post)(input, output);
        foreach (var post in h.Post.ToArray()) post(this, input, output);
        return output;
    }
}
