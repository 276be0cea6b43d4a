namespace Sharpgrad.Tests.Support;

/// <summary>
/// Runs code at a chosen <see cref="Threads.Count"/> inside a <see cref="Threads.Use"/> scope, for the tests of the
/// promise that results are bitwise the same for any thread count (docs/design.md, "Kernels and determinism"). The
/// scope belongs to the calling test, so test classes running in parallel never change each other's count.
/// </summary>
public static class ThreadCounts
{
    public static T With<T>(int threads, Func<T> run)
    {
        using (Threads.Use(threads)) return run();
    }

    /// <summary><paramref name="run"/>'s results on one thread and on two.</summary>
    public static (T One, T Two) OneAndTwo<T>(Func<T> run) => (With(1, run), With(2, run));
}
