using System.Diagnostics;

namespace Sharpgrad.Tests.Packaging;

/// <summary>Runs `dotnet` (or a program it produced) as a child process and returns its exit code and output.</summary>
internal static class DotnetProcess
{
    /// <summary>True when a `dotnet` executable is on PATH; the packaging tests skip without one.</summary>
    public static bool IsOnPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, "dotnet")) || File.Exists(Path.Combine(dir, "dotnet.exe")));

    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>,
    /// with NuGet's package cache redirected to <paramref name="packagesCache"/> so that a package packed by an earlier
    /// run with the same version is never taken from ~/.nuget/packages instead of the fresh one.
    /// </summary>
    public static (int ExitCode, string Output) Run(
        string program, IEnumerable<string> arguments, string workingDirectory, string packagesCache, int timeoutSeconds = 120)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["NUGET_PACKAGES"] = packagesCache;
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} ran past {timeoutSeconds} s");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
