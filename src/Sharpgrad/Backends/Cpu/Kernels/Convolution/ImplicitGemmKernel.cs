using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sharpgrad.Kernels;

/// <summary>
/// The register tile of the implicit-GEMM convolution (<see cref="ImplicitGemmConvolution"/>): <see cref="Rows"/> ×
/// 2 vectors of accumulators, updated once per step p by six reads of A and two vector loads of B,
/// <code>
///   acc[r, v] += A(a[aRows[r] + aSteps[p]]) · b[bColumns[v] + bSteps[p] ..+ Vector&lt;T&gt;.Count]
/// </code>
/// where A broadcasts one element (<see cref="Broadcast{T}"/>: the GEMM micro-kernel's arithmetic,
/// <see cref="GemmMicroKernel"/>) or loads a vector too (<see cref="Load{T}"/>: lane-wise products, summed across
/// lanes by the caller afterwards). Unlike the GEMM it reads both operands in place through offset tables instead of
/// from packed strips. A convolution's column matrix is such a table over the image (column entry (tap, position)
/// is pixel tapOffset + positionOffset of a zero-padded image), so the same tile serves the forward pass with either
/// operand broadcast and the weight gradient, with no im2col and no packing (Chellapilla et al. 2006 build the
/// matrix; cuDNN's "implicit GEMM" indexes it, as here).
/// </summary>
/// <remarks>
/// Each accumulator sums its products in increasing p from its initial value, whatever the tile's position: the
/// order of summation depends on the problem alone. Twelve accumulators, two loaded vectors and the read of A fit
/// the sixteen vector registers of AVX2 (AArch64 has 32; see <see cref="Wide"/>).
/// </remarks>
internal static class ImplicitGemmKernel
{
    public const int Rows = 6;

    public const int Vectors = 2;

    /// <summary>
    /// acc[2r + v] += Σₚ A(a[aRows[r] + aSteps[p]]) · b[bColumns[v] + bSteps[p] ..] for r &lt; 6, v &lt; 2, p &lt; depth.
    /// The tables' entries are non-negative and at most <see cref="OffsetTable.Max"/>, so one check per call bounds
    /// every read of the unchecked loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TRead>(T[] a, ReadOnlySpan<int> aRows, OffsetTable aSteps, T[] b, int b0, int b1, OffsetTable bSteps, Span<Vector<T>> acc)
        where T : unmanaged, INumber<T> where TRead : struct, IRead<T>
    {
        int depth = aSteps.Count;
        if (bSteps.Count != depth || aRows.Length != Rows || acc.Length != Rows * Vectors)
            throw new ArgumentException($"ImplicitGemmKernel: {aSteps.Count} and {bSteps.Count} steps, {aRows.Length} rows, {acc.Length} accumulators.");
        foreach (int row in aRows) CheckRange(row, aSteps.Max + TRead.Width, a.Length, "a");
        CheckRange(Math.Min(b0, b1), Math.Max(b0, b1) - Math.Min(b0, b1) + bSteps.Max + Vector<T>.Count, b.Length, "b");

        ref T data = ref MemoryMarshal.GetArrayDataReference(a);
        ref T r0 = ref Unsafe.Add(ref data, aRows[0]);
        ref T r1 = ref Unsafe.Add(ref data, aRows[1]);
        ref T r2 = ref Unsafe.Add(ref data, aRows[2]);
        ref T r3 = ref Unsafe.Add(ref data, aRows[3]);
        ref T r4 = ref Unsafe.Add(ref data, aRows[4]);
        ref T r5 = ref Unsafe.Add(ref data, aRows[5]);
        ref T v0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(b), b0);
        ref T v1 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(b), b1);
        ref int sa = ref MemoryMarshal.GetArrayDataReference(aSteps.Offsets);
        ref int sb = ref MemoryMarshal.GetArrayDataReference(bSteps.Offsets);

        Vector<T> c00 = acc[0], c01 = acc[1], c10 = acc[2], c11 = acc[3], c20 = acc[4], c21 = acc[5];
        Vector<T> c30 = acc[6], c31 = acc[7], c40 = acc[8], c41 = acc[9], c50 = acc[10], c51 = acc[11];
        for (int p = 0; p < depth; p++)
        {
            nint ia = Unsafe.Add(ref sa, p), ib = Unsafe.Add(ref sb, p);
            var x0 = Vector.LoadUnsafe(ref Unsafe.Add(ref v0, ib));
            var x1 = Vector.LoadUnsafe(ref Unsafe.Add(ref v1, ib));
            var w = TRead.Read(ref Unsafe.Add(ref r0, ia));
            c00 = MultiplyAdd(w, x0, c00);
            c01 = MultiplyAdd(w, x1, c01);
            w = TRead.Read(ref Unsafe.Add(ref r1, ia));
            c10 = MultiplyAdd(w, x0, c10);
            c11 = MultiplyAdd(w, x1, c11);
            w = TRead.Read(ref Unsafe.Add(ref r2, ia));
            c20 = MultiplyAdd(w, x0, c20);
            c21 = MultiplyAdd(w, x1, c21);
            w = TRead.Read(ref Unsafe.Add(ref r3, ia));
            c30 = MultiplyAdd(w, x0, c30);
            c31 = MultiplyAdd(w, x1, c31);
            w = TRead.Read(ref Unsafe.Add(ref r4, ia));
            c40 = MultiplyAdd(w, x0, c40);
            c41 = MultiplyAdd(w, x1, c41);
            w = TRead.Read(ref Unsafe.Add(ref r5, ia));
            c50 = MultiplyAdd(w, x0, c50);
            c51 = MultiplyAdd(w, x1, c51);
        }
        acc[0] = c00; acc[1] = c01; acc[2] = c10; acc[3] = c11; acc[4] = c20; acc[5] = c21;
        acc[6] = c30; acc[7] = c31; acc[8] = c40; acc[9] = c41; acc[10] = c50; acc[11] = c51;
    }

    [ThreadStatic] private static bool? forcedWide;

    /// <summary>
    /// Whether convolution plans set up now on this thread tile with <see cref="RunWide{T}"/>
    /// (<see cref="ImplicitConvPlan.Wide"/>): 24 accumulators, four loaded vectors and the broadcast need 29 of the 32
    /// vector registers of AVX-512 (AVX2 has 16), or as a test forces it (<see cref="ForceWide"/>). AArch64 also has 32
    /// vector registers, but the wide tile stays off there: it has not been measured on an Arm core.
    /// </summary>
    public static bool Wide => forcedWide ?? System.Runtime.Intrinsics.X86.Avx512F.VL.IsSupported;

    /// <summary>
    /// Makes plans set up on this thread until the scope ends use the wide tile or not, on any CPU (the wide tile is
    /// plain <see cref="Vector{T}"/> code; without the registers it only spills); for tests.
    /// </summary>
    internal static WideScope ForceWide(bool wide)
    {
        var scope = new WideScope(forcedWide);
        forcedWide = wide;
        return scope;
    }

    internal readonly struct WideScope(bool? previous) : IDisposable
    {
        public void Dispose() => forcedWide = previous;
    }

    /// <summary>
    /// <see cref="Run{T, TRead}"/> with A broadcast and four adjacent vectors of B from <paramref name="b0"/>: acc[4r + v]
    /// += Σₚ a[aRows[r] + aSteps[p]] · b[b0 + v·V + bSteps[p] ..] for r &lt; 6, v &lt; 4. Each broadcast of A then feeds
    /// four multiply-adds rather than two: the tile of 6 positions × 2 vectors read 8 operands per 12 multiply-adds and
    /// ran ResNet-20's 32- and 64-channel layers at 60–70% of the FMA rate on a Zen 4 core (docs/performance.md, branch
    /// cnnstep2). Each accumulator still sums in increasing p from its initial value, so the bits are those of two
    /// <see cref="Run{T, TRead}"/> calls over the two halves. Used where <see cref="Wide"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunWide<T>(T[] a, ReadOnlySpan<int> aRows, OffsetTable aSteps, T[] b, int b0, OffsetTable bSteps, Span<Vector<T>> acc)
        where T : unmanaged, INumber<T>
    {
        int depth = aSteps.Count, lanes = Vector<T>.Count;
        if (bSteps.Count != depth || aRows.Length != Rows || acc.Length != Rows * 2 * Vectors)
            throw new ArgumentException($"ImplicitGemmKernel: {aSteps.Count} and {bSteps.Count} steps, {aRows.Length} rows, {acc.Length} accumulators.");
        foreach (int row in aRows) CheckRange(row, aSteps.Max + 1, a.Length, "a");
        CheckRange(b0, bSteps.Max + 4 * lanes, b.Length, "b");

        // A's six rows as offsets from its start (the narrow tile keeps six references; here registers are plentiful).
        ref T data = ref MemoryMarshal.GetArrayDataReference(a);
        nint o0 = aRows[0], o1 = aRows[1], o2 = aRows[2], o3 = aRows[3], o4 = aRows[4], o5 = aRows[5];
        ref T v0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(b), b0);
        ref int sa = ref MemoryMarshal.GetArrayDataReference(aSteps.Offsets), sb = ref MemoryMarshal.GetArrayDataReference(bSteps.Offsets);

        Vector<T> c00 = acc[0], c01 = acc[1], c02 = acc[2], c03 = acc[3], c10 = acc[4], c11 = acc[5], c12 = acc[6], c13 = acc[7];
        Vector<T> c20 = acc[8], c21 = acc[9], c22 = acc[10], c23 = acc[11], c30 = acc[12], c31 = acc[13], c32 = acc[14], c33 = acc[15];
        Vector<T> c40 = acc[16], c41 = acc[17], c42 = acc[18], c43 = acc[19], c50 = acc[20], c51 = acc[21], c52 = acc[22], c53 = acc[23];
        for (int p = 0; p < depth; p++)
        {
            nint ia = Unsafe.Add(ref sa, p);
            ref T column = ref Unsafe.Add(ref v0, Unsafe.Add(ref sb, p));
            var x0 = Vector.LoadUnsafe(ref column);
            var x1 = Vector.LoadUnsafe(ref column, (nuint)lanes);
            var x2 = Vector.LoadUnsafe(ref column, (nuint)(2 * lanes));
            var x3 = Vector.LoadUnsafe(ref column, (nuint)(3 * lanes));
            var w = new Vector<T>(Unsafe.Add(ref data, o0 + ia));
            (c00, c01, c02, c03) = (MultiplyAdd(w, x0, c00), MultiplyAdd(w, x1, c01), MultiplyAdd(w, x2, c02), MultiplyAdd(w, x3, c03));
            w = new Vector<T>(Unsafe.Add(ref data, o1 + ia));
            (c10, c11, c12, c13) = (MultiplyAdd(w, x0, c10), MultiplyAdd(w, x1, c11), MultiplyAdd(w, x2, c12), MultiplyAdd(w, x3, c13));
            w = new Vector<T>(Unsafe.Add(ref data, o2 + ia));
            (c20, c21, c22, c23) = (MultiplyAdd(w, x0, c20), MultiplyAdd(w, x1, c21), MultiplyAdd(w, x2, c22), MultiplyAdd(w, x3, c23));
            w = new Vector<T>(Unsafe.Add(ref data, o3 + ia));
            (c30, c31, c32, c33) = (MultiplyAdd(w, x0, c30), MultiplyAdd(w, x1, c31), MultiplyAdd(w, x2, c32), MultiplyAdd(w, x3, c33));
            w = new Vector<T>(Unsafe.Add(ref data, o4 + ia));
            (c40, c41, c42, c43) = (MultiplyAdd(w, x0, c40), MultiplyAdd(w, x1, c41), MultiplyAdd(w, x2, c42), MultiplyAdd(w, x3, c43));
            w = new Vector<T>(Unsafe.Add(ref data, o5 + ia));
            (c50, c51, c52, c53) = (MultiplyAdd(w, x0, c50), MultiplyAdd(w, x1, c51), MultiplyAdd(w, x2, c52), MultiplyAdd(w, x3, c53));
        }
        (acc[0], acc[1], acc[2], acc[3], acc[4], acc[5], acc[6], acc[7]) = (c00, c01, c02, c03, c10, c11, c12, c13);
        (acc[8], acc[9], acc[10], acc[11], acc[12], acc[13], acc[14], acc[15]) = (c20, c21, c22, c23, c30, c31, c32, c33);
        (acc[16], acc[17], acc[18], acc[19], acc[20], acc[21], acc[22], acc[23]) = (c40, c41, c42, c43, c50, c51, c52, c53);
    }

    /// <summary>How the tile reads its A operand; a struct, so each kind compiles to its own copy of the loop.</summary>
    internal interface IRead<T> where T : unmanaged
    {
        /// <summary>Elements read at each offset.</summary>
        static abstract int Width { get; }

        static abstract Vector<T> Read(ref T at);
    }

    /// <summary>One element, in every lane.</summary>
    internal readonly struct Broadcast<T> : IRead<T> where T : unmanaged
    {
        public static int Width => 1;

        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<T> Read(ref T at) => new(at);
    }

    /// <summary>A vector of adjacent elements, lane by lane against B's.</summary>
    internal readonly struct Load<T> : IRead<T> where T : unmanaged
    {
        public static int Width => Vector<T>.Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<T> Read(ref T at) => Vector.LoadUnsafe(ref at);
    }

    /// <summary>a·b + c, fused where the hardware fuses (as the GEMM's portable path, <see cref="Vector128Lanes{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> MultiplyAdd<T>(Vector<T> a, Vector<T> b, Vector<T> c) where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float)) return Vector.MultiplyAddEstimate(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector.MultiplyAddEstimate(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
        return a * b + c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckRange(int start, int length, int bufferLength, string name)
    {
        if (start < 0 || (long)start + length > bufferLength) OutOfRange(start, length, bufferLength, name);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OutOfRange(int start, int length, int bufferLength, string name)
        => throw new ArgumentException($"ImplicitGemmKernel: operand {name} reads [{start}, {(long)start + length}) of a buffer of {bufferLength}.");
}

/// <summary>Non-negative element offsets with their maximum: one step table of <see cref="ImplicitGemmKernel"/>.</summary>
internal sealed class OffsetTable
{
    public OffsetTable(int[] offsets)
    {
        if (offsets.Any(o => o < 0)) throw new ArgumentException("OffsetTable: offsets must be non-negative.");
        Offsets = offsets;
        Max = offsets.Length == 0 ? 0 : offsets.Max();
    }

    public int[] Offsets { get; }

    public int Count => Offsets.Length;

    public int Max { get; }
}
