namespace Sharpgrad.NN;

/// <summary>
/// A module computing a <typeparamref name="TResult"/> from one <typeparamref name="TInput"/>: a layer is a
/// <c>Module&lt;Tensor, Tensor&gt;</c>; an LSTM a <c>Module&lt;Tensor, (Tensor H, Tensor C)?, (Tensor Output, (Tensor H, Tensor C) State)&gt;</c>;
/// a VAE a <c>Module&lt;Tensor, (Tensor Reconstruction, Tensor Mu, Tensor LogVar)&gt;</c>. Subclasses implement
/// <see cref="ForwardCore"/>; callers call <see cref="Forward"/>, which runs the registered hooks around it (what
/// PyTorch's <c>module(x)</c> does around <c>forward</c>), so a hook sees every call however deeply nested.
/// </summary>
public abstract class Module<TInput, TResult> : Module
{
    /// <summary>Computes the module's output: pre-hooks, <see cref="ForwardCore"/>, hooks.</summary>
    public TResult Forward(TInput input) => HasHooks ? RunWithHooks(input, ForwardCore) : ForwardCore(input);

    /// <summary>The module's computation, composed from differentiable tensor ops so that backward comes for free.</summary>
    protected abstract TResult ForwardCore(TInput input);

    /// <summary>Calls <paramref name="hook"/> before every forward call; what it returns is the input the module then sees.</summary>
    public HookHandle RegisterForwardPreHook(Func<TInput, TInput> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        return ModuleHooks.Add(Hooks.TypedPre, (Delegate)hook);
    }

    /// <summary>Calls <paramref name="hook"/> with the input and output of every forward call; what it returns replaces the output.</summary>
    public HookHandle RegisterForwardHook(Func<TInput, TResult, TResult> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        return ModuleHooks.Add(Hooks.TypedPost, (Delegate)hook);
    }
}

/// <summary>
/// A module with two inputs, e.g. an RNN cell taking (x, state) or an unpooling layer taking (x, indices). Its input
/// is the tuple of both for hooks and for containers, so it is also a <c>Module&lt;(T1, T2), TResult&gt;</c>.
/// </summary>
public abstract class Module<T1, T2, TResult> : Module<(T1, T2), TResult>
{
    public TResult Forward(T1 input1, T2 input2) => Forward((input1, input2));

    protected abstract TResult ForwardCore(T1 input1, T2 input2);

    protected sealed override TResult ForwardCore((T1, T2) inputs) => ForwardCore(inputs.Item1, inputs.Item2);
}

/// <summary>A module with three inputs; see <see cref="Module{T1, T2, TResult}"/>.</summary>
public abstract class Module<T1, T2, T3, TResult> : Module<(T1, T2, T3), TResult>
{
    public TResult Forward(T1 input1, T2 input2, T3 input3) => Forward((input1, input2, input3));

    protected abstract TResult ForwardCore(T1 input1, T2 input2, T3 input3);

    protected sealed override TResult ForwardCore((T1, T2, T3) inputs) => ForwardCore(inputs.Item1, inputs.Item2, inputs.Item3);
}

/// <summary>A module with four inputs, e.g. attention taking (query, key, value, mask); see <see cref="Module{T1, T2, TResult}"/>.</summary>
public abstract class Module<T1, T2, T3, T4, TResult> : Module<(T1, T2, T3, T4), TResult>
{
    public TResult Forward(T1 input1, T2 input2, T3 input3, T4 input4) => Forward((input1, input2, input3, input4));

    protected abstract TResult ForwardCore(T1 input1, T2 input2, T3 input3, T4 input4);

    protected sealed override TResult ForwardCore((T1, T2, T3, T4) inputs)
        => ForwardCore(inputs.Item1, inputs.Item2, inputs.Item3, inputs.Item4);
}
