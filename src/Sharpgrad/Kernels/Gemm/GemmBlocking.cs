namespace Sharpgrad.Kernels;

/// <summary>
/// Block sizes of the GEMM loop nest: a <see cref="Depth"/> × <see cref="Columns"/> block of B is packed once and
/// reused by every row block of A; a <see cref="Rows"/> × <see cref="Depth"/> block of A is packed and swept by every
/// micro-tile column of B. The sizes aim the packed blocks at cache levels (Goto &amp; van de Geijn 2008, §6; Low et
/// al. 2016, §4): one strip of B (depth × tile width) in L1 while the A block streams from L2, the B block in L3.
/// The depth block also fixes the order of summation (each element of C adds one partial sum per depth block, in
/// order), so it depends only on the element type and the path, never on the number of threads.
/// </summary>
internal readonly record struct GemmBlocking(int Rows, int Depth, int Columns)
{
    /// <summary>Measured on a Zen 4 core (docs/performance.md); sizes are in elements, so float64 halves the depth.</summary>
    public static GemmBlocking For<T>() where T : unmanaged
        => System.Runtime.CompilerServices.Unsafe.SizeOf<T>() == 4 ? new(Rows: 144, Depth: 256, Columns: 2048) : new(Rows: 96, Depth: 192, Columns: 1024);
}
