using System.Text.RegularExpressions;

namespace Sharpgrad.Tests.Architecture;

/// <summary>
/// Every backend call above the seam that writes into a storage which already exists bumps that storage's version
/// (<c>Storage.MarkWritten</c>), so whatever a backend keeps derived from it (the packed convolution weights of
/// inference) is dropped. Without the bump a new in-place op would leave a stale pack and give old results silently.
/// A source scan: a call writes in place unless its destination is a storage the method made itself, written before
/// anyone sees it: a local declared in the method (<c>var y = Tensor.Uninitialized(…)</c>), a variable, field or
/// property it assigns a new allocation to (<c>Codes = backend.AllocateIntegers(…)</c>), a view of either
/// (<c>states.Select(0, t)</c>), or an inline fresh copy (<c>MatrixData.Working(a)</c>). So a parameter, <c>this</c>, a
/// field or a property is written in place, and so is a destination that is also one of the call's inputs
/// (<c>ZipOn(d, d, other)</c>) or any operand of a primitive that updates in place by definition (the optimisers' rules). Each such
/// destination needs its own bump, <c>destination.storage.MarkWritten()</c>, in the same method. Limits (a heuristic,
/// not a data-flow analysis): a local that aliases a caller's storage (<c>var y = a;</c>, <c>var v = a.View(…)</c>)
/// counts as made here unless it is also an input; only the arguments listed in <see cref="WrittenArguments"/> (else
/// the first) are checked, not a primitive's further outputs.
/// </summary>
public class InPlaceWriteTests
{
    /// <summary>Primitives whose operands are updated in place whatever the caller passes (θ and the state of an update rule).</summary>
    private static readonly string[] InPlaceByDefinition = ["ApplyUpdate"];

    /// <summary>
    /// Primitives whose first argument is not a tensor they write: they make, release or read a storage or a plan
    /// (<c>Download(source, bytes)</c>, <c>PrepareRight(weight)</c>, <c>CountTrue(mask)</c>).
    /// </summary>
    private static readonly string[] NoTensorWritten =
        ["Allocate", "AllocateIntegers", "ReleaseIntegers", "Download", "DownloadIntegers", "PlanConvolution", "PrepareRight",
         "CountTrue", "ClassLabelRange"];

    /// <summary>The arguments a primitive writes, where they are not just its first (Backend.*.cs documents each).</summary>
    private static readonly Dictionary<string, int[]> WrittenArguments = new()
    {
        ["Upload"] = [1],                      // Upload(bytes, destination)
        ["ConvForward"] = [1],                 // (plan, y, …)
        ["ConvAdjoint"] = [1],                 // (plan, x, …)
        ["ConvWeightGradient"] = [1],          // (plan, gradient, …)
        ["LuSolve"] = [2],                     // (lu, pivots, b): b becomes X
        ["Solve"] = [0, 1],                    // A is factored in place, b becomes X
        ["SolveTriangular"] = [1],             // (t, b, …)
        ["ApplyUpdate"] = [0, 2, 3, 4],        // (θ, grad, state0, state1, state2, …)
    };

    /// <summary>Calls that return a storage made for the caller, so a destination written directly into them is fresh.</summary>
    private static readonly string[] FreshMakers = ["Tensor.Uninitialized(", "MatrixData.Working("];

    [Fact]
    public void EveryInPlaceBackendCallBumpsTheStorageVersion()
    {
        var inPlace = new List<string>();
        var missing = new List<string>();
        foreach (var (relative, file) in LibrarySources.AboveTheSeam())
            foreach (var site in InPlaceCalls(File.ReadAllText(file)))
            {
                inPlace.Add($"{relative}: {site.Call}");
                if (!site.MarksWritten) missing.Add($"{relative}: {site.Call} (in {site.Member})");
            }
        // Elementwise.TryInPlace and Elementwise.CopyInto (every in-place tensor op) and Optimizer.ApplyRule.
        Assert.True(inPlace.Count >= 3, "the scan found fewer in-place backend calls than the library has:\n" + string.Join("\n", inPlace));
        Assert.True(missing.Count == 0,
            "In-place backend calls whose method does not call destination.storage.MarkWritten() (a packed-weight cache would go stale):\n"
            + string.Join("\n", missing));
    }

    [Fact]
    public void TheScanFindsAnInPlaceWriteWithoutABump()
    {
        const string source = """
            internal sealed class Example : IFills
            {
                private Tensor cache;

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

                void IFills.Fill(Tensor target, Tensor value)
                {
                    var backend = target.Backend;
                    backend.Copy(target, value);
                }

                public void BumpsTheWrongOne(Tensor destination, Tensor value)
                {
                    destination.Backend.Copy(destination, value);
                    value.storage.MarkWritten();
                }

                public void IntoAField(Tensor value)
                {
                    cache.Backend.Convert(cache, value);
                }

                public void IntoAFieldBumped(Tensor value)
                {
                    try { cache.Backend.Copy(cache, value); }
                    finally { cache?.storage.MarkWritten(); }
                }

                public static void IntoTheSecondArgument(ConvolutionPlan plan, Tensor y, Tensor x, Tensor w)
                {
                    y.Backend.ConvForward(plan, y, x, w, null, false);
                }

                public Tensor Fresh(Tensor a, Tensor b, ConvolutionPlan plan)
                {
                    var y = Tensor.Uninitialized(a.DType, a.Shape, a.Device);
                    y.Backend.ZipOn(y, a, b, f, d);
                    y.Backend.Copy(y.Select(0, 0), b);
                    a.Backend.LuFactor(MatrixData.Working(a), b, b);
                    y.Backend.ConvForward(plan, y, a, b, null, false);
                    var (ga, gb) = (Tensor.UninitializedLike(a), Tensor.UninitializedLike(b));
                    a.Backend.Copy(ga, a);
                    cache = Tensor.Uninitialized(a.DType, a.Shape, a.Device);
                    cache.Backend.Copy(cache, a);
                    return y;
                }
            }
            """;
        var sites = InPlaceCalls(source).ToList();
        Assert.Equal(["FillInPlace", "AddInto", "Bumped", "Fill", "BumpsTheWrongOne", "IntoAField", "IntoAFieldBumped",
                "IntoTheSecondArgument"],
            sites.Select(s => s.Member));
        Assert.Equal([false, false, true, false, false, false, true, false], sites.Select(s => s.MarksWritten));
    }

    private sealed record InPlaceCall(string Member, string Call, bool MarksWritten);

    /// <summary>
    /// A member's first line: modifiers then the name and its parameter list, or (no modifier) an explicit interface
    /// implementation, <c>long IOwnFlops.OwnFlops(</c>. Statements that look alike start with a keyword.
    /// </summary>
    private static readonly Regex MemberStart = new(
        @"^\s*(?:(?:(?:public|private|internal|protected|static|override|virtual|sealed|unsafe|abstract|new|readonly|async|extern|partial)\s+)+[^=;\n]*?\b(?<name>\w+)"
        + @"|(?!(?:return|await|throw|new|else|yield|using|var|case|goto|ref|out|in|is|not|and|or)\b)[A-Za-z_][\w<>\[\]?,]*\s+\w+(?:\.\w+)*\.(?<name>\w+))"
        + @"\s*(?:<[^>]*>)?\s*\(",
        RegexOptions.Multiline);

    private static readonly Regex FieldDeclaration = new(@"^\s*(?:public|private|internal|protected)\b.*$", RegexOptions.Multiline);

    // A property or a local named "backend" (var backend = x.Device.Backend) is the same seam.
    private static readonly Regex BackendCall = new(@"\b[Bb]ackend\.(?<primitive>\w+)\(");

    /// <summary>The backend calls in <paramref name="source"/> that write into an existing storage, by enclosing member.</summary>
    private static IEnumerable<InPlaceCall> InPlaceCalls(string source)
    {
        var starts = MemberStart.Matches(source).ToList();
        for (int i = 0; i < starts.Count; i++)
        {
            int end = i + 1 < starts.Count ? starts[i + 1].Index : source.Length;
            var member = source[starts[i].Index..end];
            Arguments(member, member.IndexOf('(', starts[i].Groups["name"].Index - starts[i].Index), out int parametersClose);
            // The locals are declared after the parameters; a field declared below the member is not one of them.
            var body = FieldDeclaration.Replace(member[Math.Min(parametersClose + 1, member.Length)..], "");
            foreach (Match call in BackendCall.Matches(member))
            {
                var primitive = call.Groups["primitive"].Value;
                if (NoTensorWritten.Contains(primitive)) continue;
                var arguments = Arguments(member, call.Index + call.Length - 1, out _).Select(a => a.TrimEnd('!')).ToList();
                var written = WrittenArguments.GetValueOrDefault(primitive, [0]).Where(k => k < arguments.Count).ToList();
                var inPlace = written.Where(k => InPlaceByDefinition.Contains(primitive) || !MadeHere(arguments[k], body)
                    || arguments.Where((_, j) => j != k).Contains(arguments[k])).Select(k => arguments[k]).ToList();
                if (inPlace.Count > 0)
                    yield return new InPlaceCall(starts[i].Groups["name"].Value, $"Backend.{primitive}({string.Join(", ", arguments)})",
                        inPlace.All(d => Bumps(member, d)));
            }
        }
    }

    /// <summary>Whether <paramref name="destination"/> is a storage the method made: a local it declares, a view of one, or a fresh copy.</summary>
    private static bool MadeHere(string destination, string body)
    {
        if (FreshMakers.Any(destination.StartsWith)) return true;
        var root = Regex.Match(destination, @"^\w+").Value;
        return root.Length > 0 && root != "this" && Regex.IsMatch(body,
            $@"(?:\bvar|[\w>\]?])\s+{root}\s*(?:=(?![=>])|;|\bin\b)"          // Tensor y = …; var y; foreach (var y in …)
            + $@"|\bout\s+var\s+{root}\b|\bvar\s*\([^)]*\b{root}\b[^)]*\)\s*="   // out var y; var (y, z) = …
            + $@"|(?<![\w.]){root}\s*=\s*(?:[\w.]+\.)?(?:Allocate\w*|Uninitialized\w*)\(");   // y = Tensor.Uninitialized(…)
    }

    private static bool Bumps(string member, string destination)
        => member.Contains($"{destination}.storage.MarkWritten()") || member.Contains($"{destination}?.storage.MarkWritten()");

    /// <summary>
    /// The comma-separated arguments (or parameters) inside the parentheses that open at <paramref name="open"/>;
    /// <paramref name="close"/> is the index of the closing one.
    /// </summary>
    private static List<string> Arguments(string text, int open, out int close)
    {
        var result = new List<string>();
        int depth = 0, start = open + 1;
        close = text.Length;
        for (int i = open; i < text.Length; i++)
        {
            char c = text[i];
            if (c is '(' or '[' or '{' or '<') depth++;
            else if (c is ')' or ']' or '}' || (c == '>' && text[i - 1] != '=')) depth--;   // not a lambda's =>
            if (depth == 0)
            {
                result.Add(text[start..i].Trim());
                close = i;
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
