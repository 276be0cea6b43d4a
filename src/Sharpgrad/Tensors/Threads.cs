using Sharpgrad.Kernels;

namespace Sharpgrad;

/// <summary>
/// Intra-op parallelism. Defaults to the SHARPGRAD_NUM_THREADS environment variable, else the core count; a value
/// that is not a positive whole number is rejected at the first use, naming the variable.
/// Results never depend on this number: kernels split work into chunks whose boundaries depend only on the
/// problem size, and reductions combine chunk results in a fixed order (docs/design.md, "Determinism").
/// </summary>
/// <example>
/// <code>
/// using (Threads.Use(1)) { ... }   // ops started by this code (and what it awaits) run on one thread
/// </code>
/// </example>
public static class Threads
{
    /// <summary>
    /// The count that ops started here use: the innermost <see cref="Use"/> scope's, else the process-wide default.
    /// Setting it changes the process-wide default (an open scope still wins on its own flow).
    /// </summary>
    public static int Count
    {
        get => ThreadCount.Effective;
        set => ThreadCount.Default = value;
    }

    /// <summary>
    /// Uses <paramref name="count"/> threads for the ops started by the calling code until the scope is disposed. The
    /// scope belongs to this flow of execution (an AsyncLocal), so code running in parallel elsewhere is not affected.
    /// </summary>
    public static IDisposable Use(int count) => ThreadCount.Use(count);
}
