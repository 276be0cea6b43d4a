namespace Sharpgrad;

/// <summary>
/// What a module's <c>RegisterForwardHook</c> and <c>RegisterForwardPreHook</c> and <see cref="Tensor.RegisterHook"/> return:
/// <see cref="Remove"/> takes the hook off again (PyTorch's <c>RemovableHandle</c>). It is also disposable, so a hook
/// can live for one scope: <c>using (model.RegisterForwardHook(…)) { … }</c>. Removing twice does nothing.
/// </summary>
public sealed class HookHandle : IDisposable
{
    private Action? remove;

    internal HookHandle(Action remove) => this.remove = remove;

    public void Remove()
    {
        remove?.Invoke();
        remove = null;
    }

    void IDisposable.Dispose() => Remove();
}
