using System.Text;
using Sharpgrad.IO;

namespace Sharpgrad.Cli.Report;

/// <summary>
/// The output folder of <c>sharpgrad report</c>: writes pages and copies figures into it, each file replaced atomically
/// (a browser open on the old report never sees half a page), and keeps the list of files written.
/// </summary>
public sealed class ReportSite(string directory)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly List<string> written = [];

    public string Directory { get; } = directory;

    /// <summary>Every file written so far, as full paths.</summary>
    public IReadOnlyList<string> Files => written;

    /// <summary>Writes a page at <paramref name="relativePath"/> (segments under the site's folder).</summary>
    public void WritePage(string html, params string[] relativePath) => Write(Utf8.GetBytes(html), relativePath);

    /// <summary>Copies <paramref name="source"/> to <paramref name="relativePath"/>, so the site needs nothing outside its folder.</summary>
    public void CopyFile(string source, params string[] relativePath) => Write(File.ReadAllBytes(source), relativePath);

    private void Write(byte[] bytes, string[] relativePath)
    {
        var path = Path.Combine([Directory, .. relativePath]);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllBytes(path, bytes);
        written.Add(path);
    }
}
