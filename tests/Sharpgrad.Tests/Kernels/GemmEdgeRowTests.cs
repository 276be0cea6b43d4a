using System.Numerics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using Sharpgrad.Kernels;
using Sharpgrad.Tests.Support;

namespace Sharpgrad.Tests.Kernels;

/// <summary>
/// The bottom edge of C: every m from 1 to 13, so the last strip has each row count 1–6 (<see cref="ITileRows"/>) and
/// follows zero, one or two full strips. k = 37 (one depth block), n = 64 (whole strips on every path) and 70 (a partial
/// strip, computed in the scratch tile). A contiguous and transposed are read in place (the edge kernels with strides),
/// A strided is packed, and so is B strided: with both packed the edge kernels run on packed strips. Each element is
/// compared bit for bit with the chain the micro-kernel computes (GemmMicroKernel.Run): s = 0, then for p = 0, 1, …,
/// k − 1 in increasing order s = a[i,p]·b[p,j] + s, and C = s, or C = C₀ + s when accumulating.
/// <list type="bullet">
/// <item>Vector512 and Vector256: <c>FusedMultiplyAdd</c>, one rounding per step (<see cref="Math.FusedMultiplyAdd(double, double, double)"/>).</item>
/// <item>Vector128: <c>MultiplyAddEstimate</c>, which fuses where the hardware has FMA (x86 FMA3, Arm64 AdvSimd) and
/// rounds the product and the sum separately elsewhere.</item>
/// <item>Scalar: <c>a * b + c</c>, two roundings per step (the JIT does not contract it into an FMA).</item>
/// </list>
/// </summary>
public class GemmEdgeRowTests
{
    private const int K = 37;

    [Theory]
    [MemberData(nameof(SimdPathTests.AvailablePaths), MemberType = typeof(SimdPathTests))]
    public void EveryEdgeRowCountMatchesTheKernelsMultiplyAddChainBitForBit(string pathName)
    {
        var path = SimdPaths.Parse(pathName);
        var g = new Generator(11);
        for (int m = 1; m <= 13; m++)
            foreach (int n in new[] { 64, 70 })
                foreach (var layoutA in new[] { "contiguous", "transposed", "strided" })
                    foreach (var layoutB in new[] { "contiguous", "strided" })
                        foreach (bool accumulate in new[] { false, true })
                        {
                            Check<float>(g, path, m, n, layoutA, layoutB, accumulate, FusedStep(path) ? MathF.FusedMultiplyAdd : (x, y, s) => x * y + s);
                            Check<double>(g, path, m, n, layoutA, layoutB, accumulate, FusedStep(path) ? Math.FusedMultiplyAdd : (x, y, s) => x * y + s);
                        }
    }

    /// <summary>Whether the path's multiply-add rounds once (see the class summary).</summary>
    private static bool FusedStep(SimdPath path) => path switch
    {
        SimdPath.Scalar => false,
        SimdPath.Vector128 => Fma.IsSupported || AdvSimd.Arm64.IsSupported,
        _ => true,
    };

    private static void Check<T>(Generator g, SimdPath path, int m, int n, string layoutA, string layoutB, bool accumulate, Func<T, T, T, T> step)
        where T : unmanaged, INumber<T>
    {
        var a = GemmPathTests.Values<T>(g, m * K);
        var b = GemmPathTests.Values<T>(g, K * n);
        var c0 = GemmPathTests.Values<T>(g, m * n);
        var c = accumulate ? (T[])c0.Clone() : Enumerable.Repeat(T.CreateChecked(double.NaN), m * n).ToArray();

        Gemm.Multiply(m, n, K, GemmPathTests.Operand(a, m, K, layoutA), GemmPathTests.Operand(b, K, n, layoutB), c, 0, accumulate, path, GemmBlocking.Default);

        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                T s = T.Zero;
                for (int p = 0; p < K; p++) s = step(a[i * K + p], b[p * n + j], s);
                T expected = accumulate ? c0[i * n + j] + s : s;
                if (!c[i * n + j].Equals(expected))
                    Assert.Fail($"{SimdPaths.Name(path)} {typeof(T).Name} m = {m}, n = {n}, A {layoutA}, B {layoutB}, accumulate {accumulate}: " +
                                $"C[{i},{j}] = {c[i * n + j]:R}, the kernel's chain gives {expected:R}");
            }
    }
}
