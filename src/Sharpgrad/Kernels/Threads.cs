namespace Sharpgrad;

/// <summary>
/// Intra-op parallelism. Defaults to the SHARPGRAD_NUM_THREADS environment variable, else the core count.
/// Results never depend on this number: kernels split work into chunks whose boundaries depend only on the
/// problem size, and reductions combine chunk results in a fixed order (docs/design.md, "Determinism").
/// </summary>
public static class Threads
{
    private static int count = FromEnvironment();

    public static int Count
    {
        get => count;
        set
        {
            if (value < 1) throw new ArgumentOutOfRangeException(nameof(value), $"Threads.Count must be at least 1, got {value}.");
            count = value;
        }
    }

    private static int FromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable("SHARPGRAD_NUM_THREADS");
        return int.TryParse(text, out var n) && n > 0 ? n : Environment.ProcessorCount;
    }
}
