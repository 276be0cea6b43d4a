namespace Sharpgrad.Kernels;

/// <summary>
/// Block sizes of the GEMM loop nest, in elements: a <see cref="Depth"/> × <see cref="Columns"/> block of B is packed
/// once and reused by every row block of A; a <see cref="Rows"/> × <see cref="Depth"/> block of A is packed and each of
/// its 6-row strips is multiplied by every strip of the B block. The sizes aim the packed data at cache levels
/// (Goto &amp; van de Geijn 2008, §6; Low et al. 2016, §4): an A strip (6 × 256 floats, 6 KB) in L1, the A block
/// (144 × 256, 144 KB) in L2, the B block (256 × 2048, 2 MB) in L3 while its strips stream through L2.
/// The depth block also fixes the order of summation (each element of C adds one partial sum per depth block, in
/// order), so it depends on nothing but these constants: never on the thread count.
/// </summary>
internal readonly record struct GemmBlocking(int Rows, int Depth, int Columns)
{
    /// <summary>
    /// The sizes that measured best on a Zen 4 core (docs/performance.md), for float32 and float64 alike: halving the
    /// depth for float64 (to keep the A strip's bytes) measured slower.
    /// </summary>
    public static GemmBlocking Default { get; } = new(Rows: 144, Depth: 256, Columns: 2048);
}
