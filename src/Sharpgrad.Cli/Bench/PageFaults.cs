namespace Sharpgrad.Cli.Bench;

/// <summary>
/// The process's minor page faults so far (Linux: field 10, <c>minflt</c>, of <c>/proc/self/stat</c>; null where that
/// file is absent). A minor fault is the kernel mapping (and zeroing) a 4 KB page on first touch: memory the GC has just
/// taken from the OS, or handed back after a collection, costs one per page, which shows as system CPU time in the
/// timed loops of <see cref="Workloads.ProductTimer"/> (a batched product's fresh 2 MB output: up to 512 per call).
/// </summary>
public static class PageFaults
{
    private const string StatPath = "/proc/self/stat";

    public static long? Minor()
    {
        if (!File.Exists(StatPath)) return null;
        return Parse(File.ReadAllText(StatPath));
    }

    /// <summary>
    /// <c>minflt</c> from a <c>/proc/[pid]/stat</c> line (proc(5)): the fields after the parenthesised command name,
    /// which may itself hold spaces and parentheses, start at field 3 (state), so field 10 is the eighth of them.
    /// </summary>
    public static long Parse(string stat)
    {
        int close = stat.LastIndexOf(')');
        var fields = close < 0 || close + 2 > stat.Length ? [] : stat[(close + 2)..].Split(' ');
        return fields.Length < 8 || !long.TryParse(fields[7], out long minor)
            ? throw new FormatException($"PageFaults: '{stat}' is not a /proc/[pid]/stat line (expected 'pid (comm) state ppid …' with minflt as field 10).")
            : minor;
    }
}
