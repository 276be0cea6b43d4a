using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Tests.Convolution;

/// <summary>
/// im2col and col2im over a tile of several whole images at once (<see cref="Im2Col.ImageRowsToColumns{T}"/> and
/// <see cref="Im2Col.ColumnsToImageRows{T}"/> with an image count, as <c>GemmConvolution</c> calls them for small output
/// maps): every column entry against the index map written out here (GBC §9.5, eq. 9.8 with stride, zero padding and
/// dilation), and col2im against im2col by the adjoint identity ⟨cols, im2col(x)⟩ = ⟨col2im(cols), x⟩ and against the
/// whole-batch walk, bit for bit (each pixel receives its taps in the same order). The maps are 4×4 to 9×9, so runs
/// are 3 to 9 elements long: shorter than a vector, half a vector or more, and longer. Each column row is wider than
/// the tile, as a scratch may be, and the entries past the tile must stay zero.
/// </summary>
public class Im2ColTileTests
{
    /// <summary>(images, channels, input height, width, kernel, stride, padding, dilation)</summary>
    private static readonly (int Images, int Channels, int Height, int Width, int Kernel, int Stride, int Padding, int Dilation)[] Shapes =
    [
        (5, 3, 4, 4, 3, 1, 1, 1),    // VGG-11's 4×4 maps: runs of 3 and 4
        (3, 2, 5, 5, 3, 1, 1, 1),    // 5×5: runs of 4 and 5 (two overlapping 128-bit copies of floats)
        (3, 2, 8, 8, 3, 1, 1, 1),    // 8×8: runs of 7 and 8
        (4, 3, 7, 9, 3, 1, 1, 1),    // 7×9: runs of 8 and 9
        (3, 2, 9, 7, 3, 2, 1, 1),    // strided runs
        (2, 3, 6, 6, 3, 1, 2, 2),    // dilated, padded past one tap
    ];

    public static TheoryData<int> ShapeIndices() => [.. Enumerable.Range(0, Shapes.Length)];

    [Theory]
    [MemberData(nameof(ShapeIndices))]
    public void ColumnsOfSeveralImagesFollowTheIndexMap(int shape)
    {
        var (images, channels, height, width, kernel, stride, padding, dilation) = Shapes[shape];
        Check<float>(Geometry(shape));
        Check<double>(Geometry(shape));

        void Check<T>(ConvGeometry g) where T : unmanaged, INumber<T>
        {
            var x = Values<T>(g.Batch * g.Channels * g.InputVolume, 1);
            int positions = g.OutputVolume, rowStride = images * positions + 3;   // wider than the tile, as a scratch may be
            var columns = new T[g.Rows * rowStride];
            Im2Col.ImageRowsToColumns(x, 0, images, g, 0, g.OutputRows, columns, 0, rowStride);
            for (int n = 0; n < images; n++)
                for (int c = 0; c < channels; c++)
                    for (int kh = 0; kh < kernel; kh++)
                        for (int kw = 0; kw < kernel; kw++)
                            for (int oh = 0; oh < g.Output[1]; oh++)
                                for (int ow = 0; ow < g.Output[2]; ow++)
                                {
                                    int ih = oh * stride - padding + kh * dilation, iw = ow * stride - padding + kw * dilation;
                                    var expected = ih < 0 || ih >= height || iw < 0 || iw >= width ? T.Zero : x[((n * channels + c) * height + ih) * width + iw];
                                    var actual = columns[((c * kernel + kh) * kernel + kw) * rowStride + n * positions + oh * g.Output[2] + ow];
                                    Assert.True(expected == actual, $"{typeof(T).Name} image {n} channel {c} tap ({kh}, {kw}) position ({oh}, {ow}): {actual}, expected {expected}");
                                }
            for (int row = 0; row < g.Rows; row++)
                for (int extra = images * positions; extra < rowStride; extra++)
                    Assert.True(columns[row * rowStride + extra] == T.Zero, $"{typeof(T).Name} row {row}: entry {extra} past the tile's {images * positions} is {columns[row * rowStride + extra]}, expected 0");
        }
    }

    [Theory]
    [MemberData(nameof(ShapeIndices))]
    public void Col2ImOfSeveralImagesIsTheAdjointAndTheWholeBatchWalk(int shape)
    {
        int images = Shapes[shape].Images;
        Check<float>(Geometry(shape));
        Check<double>(Geometry(shape));

        void Check<T>(ConvGeometry g) where T : unmanaged, INumber<T>
        {
            int length = g.Batch * g.Channels * g.InputVolume, columnsLength = g.Rows * g.Columns;
            var columns = Values<T>(columnsLength, 2);
            var tile = new T[length];
            Im2Col.ColumnsToImageRows(columns, 0, g, 0, g.OutputRows, tile, 0, images, g.Columns);
            var whole = new T[length];
            Im2Col.ColumnsToImage(columns, 0, g, whole);
            Assert.Equal(whole, tile);

            var x = Values<T>(length, 3);
            var ofX = new T[columnsLength];
            Im2Col.ImageToColumns(x, 0, g, ofX);
            double left = 0, right = 0;
            for (int i = 0; i < columnsLength; i++) left += double.CreateTruncating(columns[i]) * double.CreateTruncating(ofX[i]);
            for (int i = 0; i < length; i++) right += double.CreateTruncating(tile[i]) * double.CreateTruncating(x[i]);
            Assert.True(Math.Abs(left - right) <= 1e-9 * Math.Max(1, Math.Abs(left)), $"{typeof(T).Name}: ⟨cols, im2col(x)⟩ = {left}, ⟨col2im(cols), x⟩ = {right}");
        }
    }

    private static ConvGeometry Geometry(int shape)
    {
        var (images, channels, height, width, kernel, stride, padding, dilation) = Shapes[shape];
        int Out(int size) => (size + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1;
        return new ConvGeometry(images, channels, [1, height, width], [1, kernel, kernel], [1, stride, stride], [0, padding, padding],
            [1, dilation, dilation], [1, Out(height), Out(width)]);
    }

    /// <summary>Distinct small values (exact in float32), so a misplaced entry cannot match by accident.</summary>
    private static T[] Values<T>(int length, int seed) where T : unmanaged, INumber<T>
        => [.. Enumerable.Range(0, length).Select(i => T.CreateTruncating((i * 37 + seed * 11) % 1009 - 504) / T.CreateTruncating(64))];
}
