using System.Diagnostics;

namespace Sharpgrad.Tests.Cli.Report;

/// <summary>
/// Debian's Chromium run headless on a local page: <c>--dump-dom</c> gives the DOM after parsing, <c>--screenshot</c> a
/// PNG of the rendered page, and <c>--enable-logging=stderr</c> puts console messages (script errors show as
/// "ERROR:CONSOLE" or "Uncaught") on standard error. Each run gets its own profile folder, so runs of several test
/// processes at once do not fight over one profile's lock.
/// </summary>
public static class HeadlessChromium
{
    /// <summary>The most a run may take before the test fails; a cold start takes about 3 s.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Chromium's path, or null when it is not installed (the tests then skip, saying so).</summary>
    public static string? Path { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => new[] { "chromium", "chromium-browser" }.Select(name => System.IO.Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs Chromium with <paramref name="arguments"/> then the page's file URL; returns what it printed.</summary>
    public static (string Stdout, string Stderr) Run(string page, params string[] arguments)
    {
        var profile = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sharpgrad-chromium-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException("Chromium is not installed."))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                     $"--user-data-dir={profile}", .. arguments, new Uri(page).AbsoluteUri])
            start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"chromium {string.Join(' ', arguments)} {page}: no answer within {Timeout.TotalSeconds} s.");
            }
            return (stdout.Result, stderr.Result);
        }
        finally
        {
            if (Directory.Exists(profile)) Directory.Delete(profile, recursive: true);
        }
    }
}
