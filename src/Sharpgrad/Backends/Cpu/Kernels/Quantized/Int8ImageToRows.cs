namespace Sharpgrad.Kernels;

/// <summary>
/// im2col transposed, on uint8 codes: rows[n·L + p, c·K + k] = image[n, c, position p through tap k], or the padding
/// code outside the image. One row is one receptive field, contiguous along c·K + k, the layout <see cref="Int8Gemm"/>
/// reads. Images are the unit of parallel work. Along the innermost dim a kernel line of taps reads a run of pixels
/// <c>dilation</c> apart; a run wholly inside the image at dilation 1 is one block copy, which is nearly every run
/// of a 5×5 filter on a 28×28 image.
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
        var (depth, height, widthIn) = (g.Input[0], g.Input[1], g.Input[2]);
        var (kernelDepth, kernelHeight, kernelWidth) = (g.Kernel[0], g.Kernel[1], g.Kernel[2]);
        int dilation = g.Dilation[2], first = g.InputPosition(2, ow, 0);
        bool runInside = dilation == 1 && first >= 0 && first + kernelWidth <= widthIn;
        int column = 0;
        for (int c = 0; c < g.Channels; c++)
            for (int kd = 0; kd < kernelDepth; kd++)
            {
                int id = g.InputPosition(0, od, kd);
                for (int kh = 0; kh < kernelHeight; kh++, column += kernelWidth)
                {
                    int ih = g.InputPosition(1, oh, kh);
                    var taps = row.Slice(column, kernelWidth);
                    if (id < 0 || id >= depth || ih < 0 || ih >= height)
                    {
                        taps.Fill(padding);
                        continue;
                    }
                    int line = imageAt + ((c * depth + id) * height + ih) * widthIn;
                    if (runInside)
                    {
                        image.AsSpan(line + first, kernelWidth).CopyTo(taps);
                        continue;
                    }
                    for (int kw = 0, iw = first; kw < kernelWidth; kw++, iw += dilation)
                        taps[kw] = iw >= 0 && iw < widthIn ? image[line + iw] : padding;
                }
            }
    }
}
