namespace Sharpgrad.Cli.IO;

/// <summary>
/// Replaces a file in one step, so a reader (or a crash mid-training) never sees a half-written
/// metrics file or image: the content goes to a temporary file in the same folder, is flushed to
/// disk, and is then renamed over the target. A rename within one folder stays on one file system,
/// which is what makes it atomic.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> atomically; <paramref name="write"/> fills the stream.</summary>
    /// <remarks>Creates the containing folder if it does not exist yet (a fresh run folder).</remarks>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);

        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException($"'{path}' has no containing folder.", nameof(path));
        Directory.CreateDirectory(folder);

        // Hidden, unique name: concurrent writers never collide and a leftover is easy to spot.
        string tempPath = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                // Without this the rename could reach the disk before the data does.
                stream.Flush(flushToDisk: true);
            }
            File.Move(tempPath, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Write(path, stream => stream.Write(bytes));
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original error is the one worth reporting.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
