using System.Text.RegularExpressions;

namespace Sharpgrad.Tests.Architecture;

/// <summary>
/// Holds the backend seam of docs/design.md ("Backends (issue #20)"): only the backends touch elements, and only the
/// CPU backend calls the CPU kernels. A second (or GPU) backend then needs no change above the seam.
/// </summary>
public class BackendSeamTests
{
    [Fact]
    public void OnlyBackendsTouchElements()
    {
        // Data<T>() hands out a storage's array; HostStorage and a kernel class name are the other ways to reach one.
        var touches = new Regex(@"\bData<|\bHostStorage\b|\b\w+Kernels?\.\w+\(|\bGemm\.\w+\(");
        var offenders = new List<string>();
        foreach (var (relative, file) in LibrarySources.AboveTheSeam())
        {
            var lines = File.ReadAllLines(file);
            var hit = lines.Select((text, i) => (text, i)).FirstOrDefault(l => touches.IsMatch(StripComment(l.text)));
            if (hit.text is not null) offenders.Add($"{relative}:{hit.i + 1}: {hit.text.Trim()}");
        }
        Assert.True(offenders.Count == 0, "Element access outside src/Sharpgrad/Backends (call a Backend primitive instead):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void TheScanRecognisesElementAccess()
    {
        // The rule above is only as good as its pattern: these are the ways code reached elements before the seam.
        var touches = new Regex(@"\bData<|\bHostStorage\b|\b\w+Kernels?\.\w+\(|\bGemm\.\w+\(");
        Assert.Matches(touches, "var a = x.Data<float>();");
        Assert.Matches(touches, "ElementwiseKernels.Map(f, layout, y, x);");
        Assert.Matches(touches, "Gemm.Multiply(m, n, k, a, b, c, 0);");
        Assert.Matches(touches, "if (storage is HostStorage<T> s) return s.Data;");
        Assert.DoesNotMatch(touches, "y.Backend.Map(y, x, f, d);");
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
        Assert.True(violations.Count == 0, "Only Sharpgrad.Backends.Cpu may call the CPU kernels:\n" + string.Join("\n", violations));
    }

    /// <summary>
    /// Static classes of the kernel namespace that configure the CPU backend or describe an op rather than compute:
    /// the thread count behind <see cref="Threads"/>, and the SIMD helpers the op-function structs use.
    /// </summary>
    private static readonly string[] AllowedAboveTheSeam = ["ThreadCount", "VectorMath", "PerLane"];

    private static string StripComment(string line)
    {
        int i = line.IndexOf("//", StringComparison.Ordinal);
        return i < 0 ? line : line[..i];
    }
}
