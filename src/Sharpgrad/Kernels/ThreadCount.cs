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
    private static int processDefault = FromEnvironment();

    public static int Effective => submitted > 0 ? submitted : Scoped.Value ?? processDefault;

    public static int Default
    {
        get => processDefault;
        set => processDefault = Checked(value);
    }

    /// <summary>Sets the calling flow's count until the returned scope is disposed, which restores the outer one.</summary>
    public static IDisposable Use(int count)
    {
        var scope = new Scope(Scoped.Value);
        Scoped.Value = Checked(count);
        return scope;
    }

    /// <summary>Runs a job's chunk on a pool worker with the submitting thread's count.</summary>
    public static void RunAs(int threads, Action work)
    {
        submitted = threads;
        try
        {
            work();
        }
        finally
        {
            submitted = 0;
        }
    }

    private static int Checked(int count) => count >= 1 ? count
        : throw new ArgumentOutOfRangeException(nameof(count), $"Threads.Count must be at least 1, got {count}.");

    private static int FromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable("SHARPGRAD_NUM_THREADS");
        return int.TryParse(text, out var n) && n > 0 ? n : Environment.ProcessorCount;
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
