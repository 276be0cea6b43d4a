namespace Sharpgrad.Tests.IO;

/// <summary>A fresh directory per test class instance, removed afterwards (xunit disposes test classes).</summary>
public abstract class TempDirectory : IDisposable
{
    protected string Dir { get; } = Directory.CreateTempSubdirectory("sharpgrad-io-").FullName;

    protected string PathOf(string name) => Path.Combine(Dir, name);

    /// <summary>Every file in the directory, by name, so tests can assert that no temporary file was left.</summary>
    protected string[] Files() => Directory.GetFiles(Dir).Select(Path.GetFileName).Order().ToArray()!;

    public void Dispose()
    {
        Directory.Delete(Dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// A safetensors file assembled by hand from the published layout (8-byte little-endian header length, the
    /// JSON header padded with spaces to a multiple of 8, then the data), independent of the library's writer.
    /// </summary>
    protected string HandMade(string name, string headerJson, byte[] data, ulong? declaredHeaderLength = null)
    {
        var header = System.Text.Encoding.UTF8.GetBytes(headerJson);
        header = [.. header, .. Enumerable.Repeat((byte)' ', (8 - header.Length % 8) % 8)];
        var path = PathOf(name);
        File.WriteAllBytes(path, [.. BitConverter.GetBytes(declaredHeaderLength ?? (ulong)header.Length), .. header, .. data]);
        return path;
    }

    /// <summary>The header length a hand-made file gets for <paramref name="headerJson"/>.</summary>
    protected static int PaddedLength(string headerJson)
    {
        int n = System.Text.Encoding.UTF8.GetByteCount(headerJson);
        return n + (8 - n % 8) % 8;
    }
}
