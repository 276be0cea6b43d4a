using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// Starts this CLI as an MPI job (<c>mpirun --allow-run-as-root --oversubscribe -np N dotnet Sharpgrad.Cli.dll …</c>)
/// from a process that was not itself started under mpirun, and returns what the ranks printed. The job is killed
/// after a timeout, so a hanging rank fails the experiment instead of stalling it.
/// </summary>
public static class MpiLauncher
{
    /// <summary>mpirun's path, or null where OpenMPI is not installed.</summary>
    public static string? Mpirun() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "mpirun")).FirstOrDefault(File.Exists);

    /// <summary>Runs the CLI with <paramref name="arguments"/> on <paramref name="processes"/> ranks, one thread each; returns stdout, or throws with everything printed if the job failed or timed out.</summary>
    public static string Run(string mpirun, int processes, IReadOnlyList<string> arguments, int timeoutSeconds)
    {
        var info = new ProcessStartInfo(mpirun);
        foreach (string a in (string[])["--allow-run-as-root", "--oversubscribe", "-np", processes.ToString(CultureInfo.InvariantCulture),
                     .. ThisProgram(), .. arguments])
            info.ArgumentList.Add(a);
        info.Environment["SHARPGRAD_NUM_THREADS"] = "1"; // the ranks share this machine's cores
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment.Remove("OMPI_COMM_WORLD_SIZE"); // must not leak in from an enclosing mpirun
        var (exitCode, stdout, stderr, timedOut) = Execute(info, timeoutSeconds);
        string command = $"mpirun -np {processes} sharpgrad {string.Join(' ', arguments)}";
        if (timedOut)
            throw new TimeoutException($"MpiLauncher: '{command}' did not finish within {timeoutSeconds} s. Output:\n{stdout}{stderr}");
        if (exitCode != 0)
            throw new InvalidOperationException($"MpiLauncher: '{command}' exited with code {exitCode}. Output:\n{stdout}{stderr}");
        return stdout;
    }

    /// <summary>
    /// How to start this CLI again: <c>dotnet Sharpgrad.Cli.dll</c>, or the executable itself where there is no
    /// assembly file (a NativeAOT or single-file build), which is right only while the running executable is the CLI.
    /// </summary>
    [UnconditionalSuppressMessage("SingleFile", "IL3000:Avoid accessing Assembly file path when publishing as a single file",
        Justification = "The empty Location of a NativeAOT or single-file build is the case handled: the executable itself is started, "
            + "which must then be the sharpgrad CLI (the NativeAOT benchmark, Sharpgrad.Bench, links this code but never reaches MpiLauncher).")]
    private static string[] ThisProgram()
    {
        string assembly = typeof(MpiLauncher).Assembly.Location;
        return assembly.Length > 0 ? ["dotnet", assembly]
            : [Environment.ProcessPath ?? throw new InvalidOperationException("MpiLauncher: cannot tell which executable to start under mpirun.")];
    }

    /// <summary>
    /// Starts <paramref name="info"/> with its input closed and its output captured, and kills the whole process tree
    /// after <paramref name="timeoutSeconds"/>; the exit code is -1 when it timed out.
    /// </summary>
    public static (int ExitCode, string Stdout, string Stderr, bool TimedOut) Execute(ProcessStartInfo info, int timeoutSeconds)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"MpiLauncher: could not start {info.FileName}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        bool timedOut = !process.WaitForExit(timeoutSeconds * 1000);
        if (timedOut) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return (timedOut ? -1 : process.ExitCode, stdout.Result, stderr.Result, timedOut);
    }
}
