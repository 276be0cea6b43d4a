using System.Text.RegularExpressions;
using Sharpgrad.Tests.Support;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.OpTable;

/// <summary>
/// The sweep over the op table (PyTorch's OpInfo tests, Burn's conformance suite): every entry is checked the same
/// ways — float64 central differences to first and second order (GBC §11.5), strided against contiguous inputs,
/// float32 against float64, one thread against two bit for bit — and a coverage test fails when an op that records an
/// autograd node has no entry.
/// </summary>
public class OpTableTests
{
    public static TheoryData<string> Names => [.. OpTable.Entries.Keys];

    public static TheoryData<string> SecondOrderNames => [.. OpTable.Entries.Values.Where(e => e.SecondOrder).Select(e => e.Name)];

    public static TheoryData<string> Float32Names => [.. OpTable.Entries.Values.Where(e => e.Float32).Select(e => e.Name)];

    public static TheoryData<string> StridedNames => [.. OpTable.Entries.Values.Where(e => e.Strided).Select(e => e.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void FirstOrderMatchesCentralDifferences(string name)
    {
        var op = OpTable.Entries[name];
        GradCheck.Assert(op.Function, op.Samples());
    }

    [Theory]
    [MemberData(nameof(SecondOrderNames))]
    public void SecondOrderMatchesCentralDifferences(string name)
    {
        var op = OpTable.Entries[name];
        GradCheck.RunSecondOrder(op.Function, op.Samples()).ThrowIfFailed();
    }

    [Theory]
    [MemberData(nameof(StridedNames))]
    public void StridedInputsGiveTheContiguousResult(string name)
    {
        var op = OpTable.Entries[name];
        var contiguous = op.Samples();
        var strided = contiguous.Select(StridedCopy).ToArray();
        Assert.Contains(strided, t => !t.IsContiguous || t.Count <= 1);
        var (y, grads) = Evaluate(op, contiguous);
        var (ys, gradsStrided) = Evaluate(op, strided);
        Close(y, ys, 1e-12);
        for (int i = 0; i < grads.Length; i++) Close(grads[i], gradsStrided[i], 1e-12);
    }

    [Theory]
    [MemberData(nameof(Float32Names))]
    public void Float32AgreesWithFloat64(string name)
    {
        var op = OpTable.Entries[name];
        var doubles = op.Samples();
        var singles = doubles.Select(t => Cast(t, DType.Float32)).ToArray();
        var (y64, g64) = Evaluate(op, doubles);
        var (y32, g32) = Evaluate(op, singles);
        Relative(y64, y32, op.Float32Tolerance);
        for (int i = 0; i < g64.Length; i++)
        {
            Assert.Equal(DType.Float32, g32[i].DType);
            Relative(g64[i], g32[i], op.Float32Tolerance);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void OneThreadAndTwoAgreeBitForBit(string name)
    {
        var op = OpTable.Entries[name];
        // The samples are tiny, so at the kernels' usual grain (32K elements) nothing would be split; a grain of one
        // element on this thread makes every kernel cut the work into as many chunks as it can, so two threads share it.
        using var fine = Sharpgrad.Kernels.StridedLayout.FineGrain();
        var (one, two) = ThreadCounts.OneAndTwo(() => Evaluate(op, op.Samples()));
        BitwiseEqual(one.Output, two.Output);
        for (int i = 0; i < one.Grads.Length; i++) BitwiseEqual(one.Grads[i], two.Grads[i]);
    }

    /// <summary>
    /// Every autograd node named in the library's source must be reached by some entry, forward or in the graph of its
    /// gradient (the nodes that double backward records). A new op with no entry fails here, naming itself.
    /// </summary>
    [Fact]
    public void EveryRecordedOpHasAnEntry()
    {
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var op in OpTable.Entries.Values)
        {
            var inputs = op.Samples();
            var y = op.Function(inputs);
            NodeNames(y, covered);
            var wrt = inputs.Where(t => t.RequiresGrad).ToArray();
            var grads = Autograd.Grad([y], wrt, [Weights(y).RequireGrad()], createGraph: true, allowUnused: true);
            foreach (var g in grads) NodeNames(g, covered);
        }
        var recorded = RecordedNamesInSource();
        Assert.True(recorded.Count > 80, $"the source scan found only {recorded.Count} recorded ops; has the Record call changed?");
        var missing = recorded.Where(n => !covered.Contains(n) && !OpTable.CheckedElsewhere.ContainsKey(n)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "ops recorded in src/ with no op-table entry reaching them: " + string.Join(", ", missing));
    }

    [Fact]
    public void TheTableIsNotEmptyAndNamesAreUnique()
    {
        // Collect() throws on a duplicate name; a table that lost its parts would make every theory above vacuous.
        Assert.True(OpTable.Entries.Count > 100, $"only {OpTable.Entries.Count} op-table entries");
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>The output and the gradients of Σ w⊙y w.r.t. the inputs that require grad, w a fixed pseudo-random weight.</summary>
    internal static (Tensor Output, Tensor[] Grads) Evaluate(OpInfo op, Tensor[] inputs)
    {
        var y = op.Function(inputs);
        var wrt = inputs.Where(t => t.RequiresGrad).ToArray();
        if (wrt.Length == 0) return (y.Detach(), []);
        var grads = Autograd.Grad([y], wrt, [Weights(y)], allowUnused: true);
        return (y.Detach(), grads);
    }

    private static Tensor Weights(Tensor y)
        => (Tensor.Rand(y.Shape, DType.Float64, new Generator(99)) + 0.5).To(y.DType).To(y.Device).Detach();

    /// <summary>The same values in a non-contiguous layout: every other element of a tensor twice as long in the last dim.</summary>
    private static Tensor StridedCopy(Tensor t)
    {
        if (t.Rank == 0 || t.Count <= 1) return t;
        var wide = Tensor.Zeros([.. t.Shape, 2], t.DType);
        var view = wide.Select(-1, 1);
        using (Autograd.NoGrad()) view.CopyFrom(t.Detach());
        if (t.RequiresGrad) view.RequiresGrad = true;
        return view;
    }

    internal static Tensor Cast(Tensor t, DType dtype)
    {
        if (t.DType != DType.Float64) return t;
        var c = t.Detach().To(dtype);
        return t.RequiresGrad ? c.RequireGrad() : c;
    }

    private static void Relative(Tensor expected, Tensor actual, double tol)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var e = expected.ToDoubleArray();
        var a = actual.ToDoubleArray();
        for (int i = 0; i < e.Length; i++)
            if (!(Math.Abs(e[i] - a[i]) <= tol * (1 + Math.Abs(e[i])) || e[i].Equals(a[i])))
                Assert.Fail($"element {i}: float64 {e[i]:R}, float32 {a[i]:R} (tolerance {tol})");
    }

    private static void NodeNames(Tensor t, HashSet<string> names)
    {
        var seen = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Node>();
        if (t.GradFn is { } root) stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!seen.Add(node)) continue;
            names.Add(node.Name);
            foreach (var input in node.Inputs)
                if (input.GradFn is { } next) stack.Push(next);
        }
    }

    /// <summary>
    /// The node names found in src/Sharpgrad: string literals passed to <c>Record</c>, and, in a file that records under
    /// a variable (<c>Record(op, …)</c>, <c>Record(name, …)</c>), the literals assigned to <c>op</c> or <c>name</c> there
    /// (<c>const string op = "GridSample"</c>, <c>string op = max ? "Max" : "Min"</c>). A name handed in from another
    /// file (pooling's and batch norm's callers, <c>Extremum(other, "Maximum", …)</c>) is not seen by the scan; those ops
    /// have entries all the same.
    /// </summary>
    private static HashSet<string> RecordedNamesInSource()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Sharpgrad.slnx"))) root = root.Parent;
        Assert.True(root is not null, "the repository root (Sharpgrad.slnx) was not found above the test binaries");
        var literal = new Regex("""Record\(\s*(?:\[[^\]]*\]\s*,\s*)?"(\w+)"\s*,""");
        var recordsUnderAVariable = new Regex("""\.Record\((?:op|name)\b""");
        var assigned = new Regex("""string\s+(?:op|name)\s*=\s*(?:[^;]*?\?\s*)?"(\w+)"(?:\s*:\s*"(\w+)")?\s*;""");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root!.FullName, "src", "Sharpgrad"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")) continue;
            var text = File.ReadAllText(file);
            foreach (Match m in literal.Matches(text)) names.Add(m.Groups[1].Value);
            if (!recordsUnderAVariable.IsMatch(text)) continue;
            foreach (Match m in assigned.Matches(text))
                foreach (var g in new[] { m.Groups[1], m.Groups[2] })
                    if (g.Success) names.Add(g.Value);
        }
        return names;
    }
}
