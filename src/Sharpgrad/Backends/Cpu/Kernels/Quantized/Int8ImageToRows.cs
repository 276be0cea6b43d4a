namespace Sharpgrad.Kernels;

/// <summary>
/// im2col transposed, on uint8 codes: rows[n·L + p, c·K + k] = image[n, c, position p through tap k], or the padding
/// code outside the image. One row is one receptive field, contiguous along c·K + k, the layout <see cref="Int8Gemm"/>
/// reads. Images are the unit of parallel work; within a row the taps of one kernel line are found by stepping.
/// </summary>
internal static class Int8ImageToRows
{
    public static void Fill(byte[] rows, byte[] image, ConvGeometry g, byte padding)
    {
        int positions = g.OutputVolume, width = g.Rows;
        ParallelRange.For(g.Batch, 1, (begin, end) =>
        {
            for (int n = (int)begin; n < end; n++)
                for (int od = 0, p = 0; od < g.Output[0]; od++)
                    for (int oh = 0; oh < g.Output[1]; oh++)
                        for (int ow = 0; ow < g.Output[2]; ow++, p++)
                            FillRow(rows.AsSpan((n * positions + p) * width, width), image, n * g.Channels * g.InputVolume, g, od, oh, ow, padding);
        });
    }

    private static void FillRow(Span<byte> row, byte[] image, int imageAt, ConvGeometry g, int od, int oh, int ow, byte padding)
    {
        int column = 0;
        for (int c = 0; c < g.Channels; c++)
            for (int kd = 0; kd < g.Kernel[0]; kd++)
            {
                int id = g.InputPosition(0, od, kd);
                for (int kh = 0; kh < g.Kernel[1]; kh++)
                {
                    int ih = g.InputPosition(1, oh, kh);
                    bool rowInside = id >= 0 && id < g.Input[0] && ih >= 0 && ih < g.Input[1];
                    int line = imageAt + ((c * g.Input[0] + id) * g.Input[1] + ih) * g.Input[2];
                    for (int kw = 0; kw < g.Kernel[2]; kw++, column++)
                    {
                        int iw = g.InputPosition(2, ow, kw);
                        row[column] = rowInside && iw >= 0 && iw < g.Input[2] ? image[line + iw] : padding;
                    }
                }
            }
    }
}
