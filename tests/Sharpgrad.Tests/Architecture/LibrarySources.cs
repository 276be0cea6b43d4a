namespace Sharpgrad.Tests.Architecture;

/// <summary>Where the library's sources are, for the source scans of this folder (the backend seam, in-place writes).</summary>
internal static class LibrarySources
{
    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sharpgrad.slnx"))) dir = dir.Parent;
        Assert.True(dir is not null, "the repository root (Sharpgrad.slnx) was not found above the test binaries");
        return dir!.FullName;
    }

    /// <summary>
    /// The .cs files of src/Sharpgrad above the backend seam (outside Backends/ and the build output), with their paths
    /// relative to src/Sharpgrad. Fails when there are too few to be the library: a scan of nothing passes vacuously.
    /// </summary>
    internal static List<(string Relative, string Path)> AboveTheSeam()
    {
        var root = Path.Combine(RepositoryRoot(), "src", "Sharpgrad");
        var files = new List<(string Relative, string Path)>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (relative.StartsWith("Backends/") || relative.StartsWith("obj/") || relative.StartsWith("bin/")) continue;
            files.Add((relative, file));
        }
        Assert.True(files.Count > 200, $"only {files.Count} source files were scanned; has src/Sharpgrad moved?");
        return files;
    }
}
