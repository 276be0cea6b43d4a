using System.Diagnostics;
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
                     "dotnet", typeof(MpiLauncher).Assembly.Location, .. arguments])
            info.ArgumentList.Add(a);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        info.Environment["SHARPGRAD_NUM_THREADS"] = "1"; // the ranks share this machine's cores
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment.Remove("OMPI_COMM_WORLD_SIZE"); // must not leak in from an enclosing mpirun
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"MpiLauncher: could not start {mpirun}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        bool timedOut = !process.WaitForExit(timeoutSeconds * 1000);
        if (timedOut) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        string command = $"mpirun -np {processes} sharpgrad {string.Join(' ', arguments)}";
        if (timedOut)
            throw new TimeoutException($"MpiLauncher: '{command}' did not finish within {timeoutSeconds} s. Output:\n{stdout.Result}{stderr.Result}");
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"MpiLauncher: '{command}' exited with code {process.ExitCode}. Output:\n{stdout.Result}{stderr.Result}");
        return stdout.Result;
    }
}
