namespace Sharpgrad;

/// <summary>Whether ops are recorded for differentiation on the current thread.</summary>
internal static class GradMode
{
    [ThreadStatic] private static bool disabled;

    public static bool IsEnabled => !disabled;

    public static GradScope Set(bool enabled)
    {
        var scope = new GradScope(!disabled);
        disabled = !enabled;
        return scope;
    }

    internal static void Restore(bool enabled) => disabled = !enabled;
}

/// <summary>Restores the previous grad mode when the scope ends (<c>using (Autograd.NoGrad()) { ... }</c>).</summary>
public readonly struct GradScope : IDisposable
{
    private readonly bool previous;

    internal GradScope(bool previous) => this.previous = previous;

    public void Dispose() => GradMode.Restore(previous);
}
