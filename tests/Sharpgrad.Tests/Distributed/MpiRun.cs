using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Sharpgrad.Tests.Distributed;

/// <summary>
/// One run of the MPI test program (tests/Sharpgrad.Distributed.TestProgram) under
/// <c>mpirun --allow-run-as-root --oversubscribe -np N</c>, killed after a timeout so that a hanging job fails the test
/// instead of stalling the suite. Each rank prints "rank|key|value" lines; <see cref="Value"/> reads them back.
/// mpirun forwards the ranks' output in chunks that can interleave in the middle of a long line, so the lines are read
/// from the per-rank files of <c>--output-filename</c>, which hold one rank's output each, and these win over the
/// merged stream.
/// </summary>
public sealed partial class MpiRun
{
    private const string ProgramName = "Sharpgrad.Distributed.TestProgram.dll";
    private readonly Dictionary<(int Rank, string Key), string> values = [];

    private MpiRun(int exitCode, string output, IReadOnlyList<string> rankOutputs, bool timedOut, TimeSpan elapsed)
    {
        ExitCode = exitCode;
        RankOutputs = rankOutputs;
        output += string.Concat(rankOutputs.Select(text => "\n" + text));
        Output = output;
        TimedOut = timedOut;
        Elapsed = elapsed;
        foreach (Match m in ReportLine().Matches(output))
            values[(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[2].Value)] = m.Groups[3].Value.TrimEnd('\r');
    }

    public int ExitCode { get; }

    /// <summary>Everything mpirun and the ranks printed, stdout then stderr.</summary>
    public string Output { get; }

    /// <summary>Each rank's own stdout, in rank order (empty without mpirun).</summary>
    public IReadOnlyList<string> RankOutputs { get; }

    public bool TimedOut { get; }

    public TimeSpan Elapsed { get; }

    /// <summary>mpirun's path, or null when OpenMPI is not installed (the tests then skip).</summary>
    public static string? MpirunPath { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "mpirun")).FirstOrDefault(File.Exists);

    /// <summary>Fails the test, showing everything printed, unless the job ended by itself with exit code 0.</summary>
    public MpiRun AssertSucceeded()
    {
        Assert.False(TimedOut, "mpirun timed out:\n" + Output);
        Assert.True(ExitCode == 0, $"mpirun exited with {ExitCode}:\n{Output}");
        return this;
    }

    /// <summary>What rank <paramref name="rank"/> printed for <paramref name="key"/>; fails the test, showing the output, if nothing.</summary>
    public string Value(int rank, string key)
        => values.TryGetValue((rank, key), out string? value)
            ? value
            : throw new Xunit.Sdk.XunitException($"rank {rank} printed no '{key}' (exit code {ExitCode}). Output:\n{Output}");

    /// <summary>Fails unless rank <paramref name="rank"/>'s <paramref name="afterKey"/> is below its <paramref name="beforeKey"/> divided by <paramref name="factor"/>.</summary>
    public void AssertFell(int rank, string beforeKey, string afterKey, double factor)
    {
        double before = Numbers(rank, beforeKey)[0], after = Numbers(rank, afterKey)[0];
        Assert.True(after < before / factor, $"rank {rank}: {beforeKey} {before} fell only to {afterKey} {after}, not by a factor {factor}");
    }

    /// <summary>The numbers rank <paramref name="rank"/> printed for <paramref name="key"/>.</summary>
    public double[] Numbers(int rank, string key)
        => [.. Value(rank, key).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>Runs <paramref name="scenario"/> (with <paramref name="arguments"/>) on <paramref name="processes"/> ranks, or without mpirun when 0.</summary>
    public static MpiRun Start(string scenario, int processes = 2, int timeoutSeconds = 40, params string[] arguments)
        => StartProgram(ProgramName, processes, timeoutSeconds, [scenario, .. arguments]);

    /// <summary>Runs the .NET program <paramref name="programDll"/> (next to the tests) with <paramref name="arguments"/>, on <paramref name="processes"/> ranks or without mpirun when 0.</summary>
    public static MpiRun StartProgram(string programDll, int processes, int timeoutSeconds, params string[] arguments)
    {
        string program = Path.Combine(AppContext.BaseDirectory, programDll);
        var info = processes > 0
            ? new ProcessStartInfo(MpirunPath ?? throw new InvalidOperationException("mpirun is not installed"))
            : new ProcessStartInfo("dotnet");
        string perRank = Path.Combine(Path.GetTempPath(), "sharpgrad-mpirun-" + Guid.NewGuid().ToString("N"));
        if (processes > 0)
            foreach (string a in new[] { "--allow-run-as-root", "--oversubscribe", "--output-filename", perRank, "-np", processes.ToString(System.Globalization.CultureInfo.InvariantCulture), "dotnet" })
                info.ArgumentList.Add(a);
        info.ArgumentList.Add(program);
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["SHARPGRAD_NUM_THREADS"] = "1"; // two ranks share this machine's cores
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        // Under the test host these must not leak in from an enclosing mpirun.
        info.Environment.Remove("OMPI_COMM_WORLD_SIZE");
        var clock = Stopwatch.StartNew();
        var (exitCode, stdout, stderr, timedOut) = Sharpgrad.Cli.Experiments.MpiLauncher.Execute(info, timeoutSeconds);
        return new MpiRun(exitCode, stdout + stderr, PerRankOutput(perRank), timedOut, clock.Elapsed);
    }

    /// <summary>The ranks' stdout files under <paramref name="directory"/> (<c>1/rank.N/stdout</c>) in rank order, and the directory removed.</summary>
    private static string[] PerRankOutput(string directory)
    {
        if (!Directory.Exists(directory)) return [];
        var texts = Directory.EnumerateFiles(directory, "stdout", SearchOption.AllDirectories)
            .OrderBy(file => int.Parse(Path.GetFileName(Path.GetDirectoryName(file)!)!.Split('.')[^1], System.Globalization.CultureInfo.InvariantCulture))
            .Select(File.ReadAllText).ToArray();
        Directory.Delete(directory, recursive: true);
        return texts;
    }

    [GeneratedRegex(@"(?m)(\d+)\|([^|\r\n]+)\|(.*)$")]
    private static partial Regex ReportLine();
}
