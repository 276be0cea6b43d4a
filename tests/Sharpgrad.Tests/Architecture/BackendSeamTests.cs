using System.Text.RegularExpressions;

namespace Sharpgrad.Tests.Architecture;

/// <summary>
/// Holds the backend seam of docs/design.md ("Backends"): only the backends touch elements, and only the CPU backend
/// calls the CPU kernels. A second (or GPU) backend then needs no change above the seam.
/// </summary>
public class BackendSeamTests
{
    /// <summary>
    /// Files above the seam that still read elements directly, each to be moved behind a backend primitive (issue #20).
    /// The list only shrinks: a file that no longer needs its place fails the test too, so the list stays true.
    /// </summary>
    private static readonly string[] NotYetBehindTheSeam =
    [
    ];

    [Fact]
    public void OnlyBackendsTouchElements()
    {
        var root = Path.Combine(RepositoryRoot(), "src", "Sharpgrad");
        // Data<T>() hands out a storage's array; HostStorage and a kernel class name are the other ways to reach one.
        var touches = new Regex(@"\bData<|\bHostStorage\b|\b\w+Kernels?\.\w+\(|\bGemm\.\w+\(");
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (relative.StartsWith("Backends/") || relative.StartsWith("obj/") || relative.StartsWith("bin/")) continue;
            var lines = File.ReadAllLines(file);
            var hit = lines.Select((text, i) => (text, i)).FirstOrDefault(l => touches.IsMatch(StripComment(l.text)));
            bool pending = NotYetBehindTheSeam.Contains(relative);
            if (hit.text is not null && !pending) offenders.Add($"{relative}:{hit.i + 1}: {hit.text.Trim()}");
            if (hit.text is null && pending) offenders.Add($"{relative} is behind the seam now: remove it from NotYetBehindTheSeam");
        }
        Assert.True(offenders.Count == 0, "Element access outside src/Sharpgrad/Backends (call a Backend primitive instead):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void OnlyTheCpuBackendCallsKernels()
    {
        // Kernels are static classes; the op-function structs (ExpOp<T>, …) in the same namespace are descriptions of an
        // op that every backend interprets, and may be named anywhere.
        var violations = (
            from type in typeof(Tensor).Assembly.GetTypes()
            let ns = type.Namespace ?? ""
            where !ns.StartsWith("Sharpgrad.Kernels") && !ns.StartsWith("Sharpgrad.Backends.Cpu")
            from referenced in TypeReferences.Of(type)
            where referenced.Namespace == "Sharpgrad.Kernels" && referenced.IsAbstract && referenced.IsSealed
                  && !AllowedAboveTheSeam.Contains(referenced.Name)
            select $"{type.FullName} calls {referenced.Name}")
            .Distinct().Order().ToList();
        var stale = PendingKernelUsers.Where(p => !violations.Any(v => v.StartsWith(p))).Select(p => $"{p} is behind the seam now: remove it from PendingKernelUsers").ToList();
        violations.RemoveAll(v => PendingKernelUsers.Any(p => v.StartsWith(p)));
        violations.AddRange(stale);
        Assert.True(violations.Count == 0, "Only Sharpgrad.Backends.Cpu may call the CPU kernels:\n" + string.Join("\n", violations));
    }

    /// <summary>Kernel-namespace helpers that configure the CPU backend rather than compute: the thread count behind <see cref="Threads"/>.</summary>
    private static readonly string[] AllowedAboveTheSeam = ["ThreadCount", "VectorMath", "PerLane"];

    /// <summary>Types (by name prefix) that still call kernels, to be moved behind the seam (issue #20); the list only shrinks.</summary>
    private static readonly string[] PendingKernelUsers = 
    [
    ];

    private static string StripComment(string line)
    {
        int i = line.IndexOf("//", StringComparison.Ordinal);
        return i < 0 ? line : line[..i];
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sharpgrad.slnx"))) dir = dir.Parent;
        Assert.True(dir is not null, "the repository root (Sharpgrad.slnx) was not found above the test binaries");
        return dir!.FullName;
    }
}
