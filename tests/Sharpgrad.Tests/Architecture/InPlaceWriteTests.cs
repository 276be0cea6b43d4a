using System.Text.RegularExpressions;

namespace Sharpgrad.Tests.Architecture;

/// <summary>
/// Every backend call above the seam that writes into a storage which already exists bumps that storage's version
/// (<c>Storage.MarkWritten</c>), so whatever a backend keeps derived from it (the packed convolution weights of
/// inference) is dropped. Without the bump a new in-place op would leave a stale pack and give old results silently.
/// A source scan: a call writes in place when its destination is a parameter of the enclosing method or <c>this</c>
/// (a storage the caller holds), when the destination is also one of the call's inputs (<c>ZipOn(d, d, other)</c>), or
/// when the primitive updates in place by definition (the optimisers' rules). Destinations the method made itself
/// (<c>Tensor.Uninitialized</c>, a <c>Contiguous(copy: true)</c> copy) are fresh, written before anyone sees them.
/// </summary>
public class InPlaceWriteTests
{
    /// <summary>Primitives whose operands are updated in place whatever the caller passes (θ and the state of an update rule).</summary>
    private static readonly string[] InPlaceByDefinition = ["ApplyUpdate"];

    /// <summary>
    /// Primitives whose first argument is not a tensor they write: they make a storage or a plan, or read the tensor
    /// (<c>Download(source, bytes)</c>, <c>PrepareRight(weight)</c>). Every other primitive writes its first tensor
    /// argument (<c>Upload</c> its second).
    /// </summary>
    private static readonly string[] NoTensorWritten = ["Allocate", "AllocateIntegers", "Download", "PlanConvolution", "PrepareRight"];

    [Fact]
    public void EveryInPlaceBackendCallBumpsTheStorageVersion()
    {
        var root = Path.Combine(BackendSeamTests.RepositoryRoot(), "src", "Sharpgrad");
        var inPlace = new List<string>();
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (relative.StartsWith("Backends/") || relative.StartsWith("obj/") || relative.StartsWith("bin/")) continue;
            foreach (var site in InPlaceCalls(File.ReadAllText(file)))
            {
                inPlace.Add($"{relative}: {site.Call}");
                if (!site.MarksWritten) missing.Add($"{relative}: {site.Call} (in {site.Member})");
            }
        }
        // Elementwise.TryInPlace and Elementwise.CopyInto (every in-place tensor op) and Optimizer.ApplyRule.
        Assert.True(inPlace.Count >= 3, "the scan found fewer in-place backend calls than the library has:\n" + string.Join("\n", inPlace));
        Assert.True(missing.Count == 0,
            "In-place backend calls whose method does not call storage.MarkWritten() (a packed-weight cache would go stale):\n"
            + string.Join("\n", missing));
    }

    [Fact]
    public void TheScanFindsAnInPlaceWriteWithoutABump()
    {
        const string source = """
            internal static class Example
            {
                public static void FillInPlace(Tensor destination, Tensor value)
                {
                    destination.Backend.Copy(destination, value);
                }

                public static bool AddInto(Tensor a, Tensor b)
                {
                    var y = a;
                    Backend.ZipOn(y, y, b, f, d);
                    return true;
                }

                public static void Bumped(Tensor destination, Tensor value)
                {
                    try { destination.Backend.Copy(destination, value); }
                    finally { destination.storage.MarkWritten(); }
                }

                public static Tensor Fresh(Tensor a, Tensor b)
                {
                    var y = Tensor.Uninitialized(a.DType, a.Shape, a.Device);
                    y.Backend.ZipOn(y, a, b, f, d);
                    return y;
                }
            }
            """;
        var sites = InPlaceCalls(source).ToList();
        Assert.Equal(["FillInPlace", "AddInto", "Bumped"], sites.Select(s => s.Member));
        Assert.Equal([false, false, true], sites.Select(s => s.MarksWritten));
    }

    private sealed record InPlaceCall(string Member, string Call, bool MarksWritten);

    private static readonly Regex MemberStart = new(
        @"^\s*(?:(?:public|private|internal|protected|static|override|virtual|sealed|unsafe|abstract|new|readonly|async)\s+)+[^=;\n]*?\b(?<name>\w+)\s*(?:<[^>]*>)?\s*\(",
        RegexOptions.Multiline);

    private static readonly Regex BackendCall = new(@"\bBackend\.(?<primitive>\w+)\(");

    /// <summary>The backend calls in <paramref name="source"/> that write into an existing storage, by enclosing member.</summary>
    private static IEnumerable<InPlaceCall> InPlaceCalls(string source)
    {
        var starts = MemberStart.Matches(source).ToList();
        for (int i = 0; i < starts.Count; i++)
        {
            int end = i + 1 < starts.Count ? starts[i + 1].Index : source.Length;
            var member = source[starts[i].Index..end];
            var parameters = Arguments(member, member.IndexOf('(', starts[i].Groups["name"].Index - starts[i].Index))
                .Select(p => Regex.Match(p.Split('=')[0], @"(\w+)\s*$").Groups[1].Value).ToHashSet();
            parameters.Add("this");
            bool marksWritten = member.Contains(".MarkWritten()");
            foreach (Match call in BackendCall.Matches(member))
            {
                var primitive = call.Groups["primitive"].Value;
                if (NoTensorWritten.Contains(primitive)) continue;
                var arguments = Arguments(member, call.Index + call.Length - 1).Select(a => a.TrimEnd('!')).ToList();
                int destinationIndex = primitive == "Upload" ? 1 : 0;   // Upload(bytes, destination)
                if (arguments.Count <= destinationIndex) continue;
                var destination = arguments[destinationIndex];
                bool inPlace = InPlaceByDefinition.Contains(primitive) || parameters.Contains(destination)
                    || arguments.Where((_, k) => k != destinationIndex).Contains(destination);
                if (inPlace) yield return new InPlaceCall(starts[i].Groups["name"].Value, $"Backend.{primitive}({string.Join(", ", arguments)})", marksWritten);
            }
        }
    }

    /// <summary>The comma-separated arguments (or parameters) inside the parentheses that open at <paramref name="open"/>.</summary>
    private static List<string> Arguments(string text, int open)
    {
        var result = new List<string>();
        int depth = 0, start = open + 1;
        for (int i = open; i < text.Length; i++)
        {
            char c = text[i];
            if (c is '(' or '[' or '{' or '<') depth++;
            else if (c is ')' or ']' or '}' || (c == '>' && text[i - 1] != '=')) depth--;   // not a lambda's =>
            if (depth == 0)
            {
                result.Add(text[start..i].Trim());
                break;
            }
            if (c == ',' && depth == 1)
            {
                result.Add(text[start..i].Trim());
                start = i + 1;
            }
        }
        return result.Where(a => a.Length > 0).ToList();
    }
}
