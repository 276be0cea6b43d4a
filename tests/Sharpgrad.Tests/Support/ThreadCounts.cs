namespace Sharpgrad.Tests.Support;

/// <summary>
/// Runs code at a chosen <see cref="Threads.Count"/> and puts the previous count back, for the tests of the promise
/// that results are bitwise the same for any thread count (docs/design.md, "Kernels and determinism").
/// </summary>
public static class ThreadCounts
{
    public static T With<T>(int threads, Func<T> run)
    {
        int saved = Threads.Count;
        try
        {
            Threads.Count = threads;
            return run();
        }
        finally
        {
            Threads.Count = saved;
        }
    }

    /// <summary><paramref name="run"/>'s results on one thread and on two.</summary>
    public static (T One, T Two) OneAndTwo<T>(Func<T> run) => (With(1, run), With(2, run));
}
