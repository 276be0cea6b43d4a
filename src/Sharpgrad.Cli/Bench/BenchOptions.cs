namespace Sharpgrad.Cli.Bench;

/// <summary>
/// The reference script's options: <c>--threads N</c> (default 1), <c>--only NAME,...</c> (default all),
/// <c>--data DIR</c> (Fashion-MNIST, for the training workloads); and one of ours, <c>--warmup-seconds S</c>
/// (default 0): run each workload's operation for S seconds before the reference's own warm-up, so that the .NET JIT
/// has replaced its first, quickly compiled code by optimised code (tiered compilation, which takes about half a
/// second); with the default the timings follow the reference's rule exactly. <c>--exact</c> writes every value
/// unrounded (shortest round-trip form) instead of to 4 decimals, so that two builds' results can be compared bit for
/// bit (bench/publish_r2r.sh checks its ReadyToRun build against the JIT build this way).
/// </summary>
public sealed record BenchOptions(int Threads, IReadOnlySet<string> Only, string DataDirectory, bool ShowHelp, double WarmupSeconds = 0, bool Exact = false)
{
    public const string DefaultDataDirectory = "/usr/share/datasets/fashion-mnist/";

    /// <summary>Whether a workload group was asked for: all of them when <c>--only</c> is absent, as in the reference.</summary>
    public bool Wants(string name) => Only.Count == 0 || Only.Contains(name);

    /// <summary>Runs <paramref name="operation"/> repeatedly for <see cref="WarmupSeconds"/> (not at all by default).</summary>
    public void WarmUp(Action operation)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        while (System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds < WarmupSeconds) operation();
    }

    public static BenchOptions Parse(string[] args, IReadOnlyList<string> known)
    {
        int threads = 1;
        var only = new HashSet<string>();
        string data = DefaultDataDirectory;
        bool help = false;
        double warmup = 0;
        bool exact = false;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"option {args[i]} expects a value.");
            switch (args[i])
            {
                case "--threads":
                    var text = Value();
                    if (!int.TryParse(text, out threads) || threads < 1)
                        throw new ArgumentException($"--threads expects a positive integer, got '{text}'.");
                    break;
                case "--only":
                    foreach (var name in Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        only.Add(known.Contains(name) ? name : throw new ArgumentException($"--only: unknown workload '{name}'; expected some of {string.Join(",", known)}."));
                    break;
                case "--warmup-seconds":
                    var seconds = Value();
                    if (!double.TryParse(seconds, System.Globalization.CultureInfo.InvariantCulture, out warmup) || !(warmup >= 0))
                        throw new ArgumentException($"--warmup-seconds expects a non-negative number, got '{seconds}'.");
                    break;
                case "--exact":
                    exact = true;
                    break;
                case "--data":
                    data = Value();
                    break;
                case "-h" or "--help":
                    help = true;
                    break;
                default:
                    throw new ArgumentException($"unknown option '{args[i]}'.");
            }
        }
        return new BenchOptions(threads, only, data, help, warmup, exact);
    }

    public static string Usage(IReadOnlyList<string> known) =>
        $"usage: bench [--threads N] [--only NAME,...] [--data DIR] [--warmup-seconds S] [--exact]\n  workloads: {string.Join(", ", known)}";
}
