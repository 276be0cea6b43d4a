namespace Sharpgrad.Kernels;

/// <summary>
/// Which way round a convolution tile's product runs on the GEMM: y [O/G, positions] = W·cols, or its transpose
/// yᵀ [positions, O/G] = colsᵀ·Wᵀ. The micro-kernel computes tiles of 6 rows by nr columns (two registers: 32 float32
/// on AVX-512), and a partial column strip is computed whole (its B strip is zero-padded), so the side that runs as
/// columns should be the one that fills strips of nr. At batch 1 a tile's positions often do not: ResNet-18's 7×7
/// maps have 49 positions, padded to 64 (23% of the multiply-adds on zeros), its 14×14 maps 196 → 224 (12.5%), while
/// the output channels, 64 to 512, are whole strips. Transposed, the positions become rows in strips of 6 (49 → 54,
/// 196 → 198) and the channels the columns. The register tile mr × nr (6 × nr here) is Goto &amp; van de Geijn 2008's
/// (§6, as GemmMicroKernel cites it); choosing which side of the product runs along mr by the padding each wastes is this
/// project's rule, measured rather than taken from the paper.
/// <para>The rule: count each orientation's multiply-adds per unit of depth with both sides padded to their strips —
/// rows to 6, columns to nr — over the plan's tiles, and take the transposed product where that count is at least
/// <see cref="Margin"/> smaller. Rows are counted padded although a partial row strip runs a kernel for its own rows
/// only (it saves fewer cycles than its count suggests: its loads of B are the full strip's); the margin pays for what
/// the transposed product adds — im2col into strips of 6 positions rather than nr, and the move of yᵀ into the NCHW
/// planes — measured in docs/performance.md, "ResNet-18 inference: the transposed product for narrow maps (branch
/// rn18o, issue #21)".</para>
/// </summary>
internal static class ProductOrientation
{
    /// <summary>
    /// How much fewer padded multiply-adds the transposed product must run to be chosen. On a Zen 4 core (float32,
    /// batch 1) ResNet-18's stem, 56×56 and 28×28 layers save 4.5–5.1% by the count and ran 7–32% slower transposed;
    /// its layers with 14×14 and 7×7 outputs save 12.3% and 16.3% and ran 1–18% faster. Provisional: no shape between
    /// 5.1% and 12.3% was measured at batch 1, and the one batch-64 shape in that range (512→512 7², 8.8%) was timed
    /// under a load that does not resolve a few per cent.
    /// </summary>
    internal const double Margin = 0.08;

    /// <summary>
    /// Whether yᵀ = colsᵀ·Wᵀ wastes at least <see cref="Margin"/> less on padding than y = W·cols, over tiles of the
    /// given widths (positions) and counts, with <paramref name="outChannels"/> output channels per group.
    /// </summary>
    public static bool TransposedWastesLess(IEnumerable<(int Width, long Count)> tiles, int outChannels, int elementSize)
    {
        int nr = StripWidth(elementSize);
        double weightsLeft = 0, weightsRight = 0;
        foreach (var (width, count) in tiles)
        {
            weightsLeft += count * (double)Padded(outChannels, GemmMicroKernel.Rows) * Padded(width, nr);
            weightsRight += count * (double)Padded(width, GemmMicroKernel.Rows) * Padded(outChannels, nr);
        }
        return weightsRight <= (1 - Margin) * weightsLeft;
    }

    /// <summary>nr: the micro-kernel's columns on the selected path for float32 (4 bytes) or float64 elements.</summary>
    private static int StripWidth(int elementSize) => elementSize == sizeof(float)
        ? GemmPackedB<float>.StripWidthOf(SimdPaths.Selected)
        : GemmPackedB<double>.StripWidthOf(SimdPaths.Selected);

    private static long Padded(long size, int strip) => (size + strip - 1) / strip * strip;
}
