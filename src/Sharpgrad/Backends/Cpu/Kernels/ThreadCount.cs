namespace Sharpgrad.Kernels;

/// <summary>
/// The number of threads a kernel started on this thread may use: the innermost <c>Threads.Use</c> scope of the
/// calling flow if there is one, else the process-wide default. The scope is an <see cref="AsyncLocal{T}"/>, so it
/// follows the code that opened it (across awaits) and never leaks into other threads: two xunit classes running in
/// parallel each see their own count. The pool's workers never inherit a scope (their threads start with the
/// execution context suppressed); while one runs a job it sees the count of the thread that submitted it.
/// </summary>
internal static class ThreadCount
{
    private static readonly AsyncLocal<int?> Scoped = new();
    [ThreadStatic] private static int submitted;   // set on a pool worker while it runs a job; 0 otherwise
    public const string EnvironmentVariable = "SHARPGRAD_NUM_THREADS";

    private static int processDefault;   // 0 until the first read or write

    public static int Effective => submitted > 0 ? submitted : Scoped.Value ?? Default;

    /// <summary>
    /// The process-wide count: SHARPGRAD_NUM_THREADS, else the core count, read at the first use. A value that is not a
    /// positive whole number is rejected then, naming the variable, rather than silently running on every core; that
    /// first use also checks SHARPGRAD_SIMD (<see cref="SimdPaths"/>).
    /// </summary>
    public static int Default
    {
        get
        {
            if (processDefault == 0) processDefault = FromEnvironment();   // racing first reads compute the same value
            return processDefault;
        }
        set => processDefault = Checked(value);
    }

    /// <summary>Sets the calling flow's count until the returned scope is disposed, which restores the outer one.</summary>
    public static IDisposable Use(int count)
    {
        var scope = new Scope(Scoped.Value);
        Scoped.Value = Checked(count);
        return scope;
    }

    /// <summary>
    /// Runs <paramref name="work"/> with <paramref name="threads"/> as the count, whatever the calling flow's: a job's
    /// chunk on a pool worker (the submitting thread's count), or a chunk that must run its kernels on its own thread
    /// alone (1). Restores the count it replaced.
    /// </summary>
    public static void RunAs(int threads, Action work)
    {
        int outer = submitted;
        submitted = threads;
        try
        {
            work();
        }
        finally
        {
            submitted = outer;
        }
    }

    private static int Checked(int count) => count >= 1 ? count
        : throw new ArgumentOutOfRangeException(nameof(count), $"Threads.Count must be at least 1, got {count}.");

    private static int FromEnvironment()
    {
        _ = SimdPaths.Selected;
        return Parse(Environment.GetEnvironmentVariable(EnvironmentVariable));
    }

    /// <summary>The thread count <paramref name="text"/> asks for: unset or empty means the core count.</summary>
    internal static int Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Environment.ProcessorCount;
        if (!int.TryParse(text.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int n) || n < 1)
            throw new ArgumentException(
                $"{EnvironmentVariable}={text}: expected a positive whole number of threads; unset it to use all {Environment.ProcessorCount} cores.");
        return n;
    }

    private sealed class Scope(int? outer) : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            Scoped.Value = outer;
        }
    }
}
