namespace Sharpgrad;

/// <summary>
/// Intra-op parallelism. Defaults to the SHARPGRAD_NUM_THREADS environment variable, else the core count; the
/// variable is read at the first use, and a value that is not a positive whole number is rejected then, naming it
/// (rather than silently running on every core). That first use also checks SHARPGRAD_SIMD (<see cref="Kernels.SimdPaths"/>).
/// Results never depend on this number: kernels split work into chunks whose boundaries depend only on the
/// problem size, and reductions combine chunk results in a fixed order (docs/design.md, "Determinism").
/// </summary>
public static class Threads
{
    public const string EnvironmentVariable = "SHARPGRAD_NUM_THREADS";

    private static int count; // 0 until the first read or write

    public static int Count
    {
        get
        {
            if (count == 0) count = FromEnvironment(); // racing first reads compute the same value
            return count;
        }
        set
        {
            if (value < 1) throw new ArgumentOutOfRangeException(nameof(value), $"Threads.Count must be at least 1, got {value}.");
            count = value;
        }
    }

    private static int FromEnvironment()
    {
        _ = Kernels.SimdPaths.Selected;
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
}
