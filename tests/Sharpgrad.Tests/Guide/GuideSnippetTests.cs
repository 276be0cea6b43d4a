using System.Text.RegularExpressions;

namespace Sharpgrad.Tests.Guide;

/// <summary>
/// Holds docs/guide to its compiled copy: every ```csharp block of every page must stand, line for line (indentation
/// aside), in a <c>#region guide PAGE N</c> of GuideSnippets.cs, where it is compiled and run; and every region there
/// must still have its block, so neither side can change alone.
/// </summary>
public class GuideSnippetTests
{
    [Fact]
    public void EveryGuideBlockIsCompiledAndRun()
    {
        var root = RepositoryRoot();
        var blocks = new Dictionary<string, string>();
        foreach (var page in Directory.EnumerateFiles(Path.Combine(root, "docs", "guide"), "*.md").Order(StringComparer.Ordinal))
        {
            int n = 0;
            foreach (Match m in Regex.Matches(File.ReadAllText(page).ReplaceLineEndings("\n"), "```csharp\n(.*?)```", RegexOptions.Singleline))
                blocks[$"{Path.GetFileName(page)} {++n}"] = Normalize(m.Groups[1].Value);
        }
        var source = File.ReadAllText(Path.Combine(root, "tests", "Sharpgrad.Tests", "Guide", "GuideSnippets.cs")).ReplaceLineEndings("\n");
        var regions = Regex.Matches(source, @"#region guide (\S+ \d+)\n(.*?)\n\s*#endregion", RegexOptions.Singleline)
            .ToDictionary(m => m.Groups[1].Value, m => Normalize(m.Groups[2].Value));

        Assert.True(blocks.Count >= 15, $"only {blocks.Count} C# blocks found in docs/guide");
        foreach (var (name, code) in blocks)
        {
            Assert.True(regions.TryGetValue(name, out var compiled), $"docs/guide/{name.Replace(' ', '#')}: no '#region guide {name}' in GuideSnippets.cs");
            Assert.True(code == compiled, $"docs/guide/{name.Replace(' ', '#')} differs from its compiled copy:\n--- guide\n{code}\n--- GuideSnippets.cs\n{compiled}");
        }
        var stale = regions.Keys.Except(blocks.Keys).ToList();
        Assert.True(stale.Count == 0, "regions with no block in the guide: " + string.Join(", ", stale));
    }

    /// <summary>Lines without their common indentation and trailing blanks.</summary>
    private static string Normalize(string code)
    {
        var lines = code.Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        int indent = lines.Where(l => l.Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l));
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sharpgrad.slnx"))) dir = dir.Parent;
        Assert.True(dir is not null, "the repository root (Sharpgrad.slnx) was not found above the test binaries");
        return dir!.FullName;
    }
}
