namespace Sharpgrad.IO;

/// <summary>
/// Writes a file so that readers only ever see the old contents or the complete new ones: the bytes go to a
/// temporary file in the same directory, are flushed to disk, and the temporary file is then renamed over the
/// target (a rename within one directory is atomic on NTFS and POSIX file systems). If writing fails, or the
/// process dies, the target is untouched; on failure the temporary file is deleted. A process killed mid-write leaves
/// its temporary file behind; the next successful write of the same target removes such leftovers.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        string target = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(target) ?? ".";
        string temporary = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true); // durable before the rename makes it visible
            }
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            DeleteQuietly(temporary);
            throw;
        }
        RemoveStrayTemporaries(directory, Path.GetFileName(target));
    }

    /// <summary>
    /// Deletes the temporary files of earlier writes of <paramref name="fileName"/> that were killed before their
    /// rename. A write still in progress in another process holds its file open without sharing (on Unix .NET takes
    /// an advisory lock for that), so it cannot be opened here and is left alone; a killed process holds nothing.
    /// </summary>
    internal static void RemoveStrayTemporaries(string directory, string fileName)
    {
        foreach (string stray in Directory.EnumerateFiles(directory, $".{fileName}.*.tmp"))
        {
            try
            {
                using (new FileStream(stray, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
                File.Delete(stray);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // In use by another writer, or not ours to delete: leave it.
            }
        }
    }

    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    /// <summary>Removes a leftover temporary file without hiding the exception that is already on its way.</summary>
    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path); // no-op when it was never created
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original failure matters more; a stray .tmp file is harmless.
        }
    }
}
