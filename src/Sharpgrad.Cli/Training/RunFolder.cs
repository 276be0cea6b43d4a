namespace Sharpgrad.Cli.Training;

/// <summary>
/// Makes sure the run folder (<c>--out</c>) can hold the run's files before any training starts, so that a path onto
/// an existing file or into a read-only place fails at once with a message that says so, rather than after the last
/// epoch with the file system's wording ("Could not find file", "The file ... already exists").
/// </summary>
public static class RunFolder
{
    public static void Prepare(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (File.Exists(directory))
            throw new IOException($"--out '{directory}' is an existing file; expected a directory for the run's metrics, plots and model.");
        string probe = Path.Combine(directory, $".sharpgrad-write-test-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"--out '{directory}': cannot create or write files there ({e.Message.TrimEnd('.')}); expected a writable directory.", e);
        }
    }
}
