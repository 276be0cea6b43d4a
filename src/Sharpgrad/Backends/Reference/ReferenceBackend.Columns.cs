using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Reference;

// im2col and col2im (Chellapilla et al. 2006), the index map of a convolution written out as a matrix: one row per
// (channel, tap), one column per (image, output position). A convolution is then W [O, C·K] times this matrix. The two
// walk the same map, one copying pixels into the matrix, the other adding entries back onto their pixels: they are
// each other's transpose as linear maps.
internal sealed partial class ReferenceBackend
{
    public override void ImageToColumns(Tensor columns, Tensor image, ConvGeometry geometry)
    {
        RequireOwn("ImageToColumns", columns, image);
        if (image.DType == DType.Float32) ImageToColumns<float>(columns, image, geometry);
        else ImageToColumns<double>(columns, image, geometry);
    }

    public override void ColumnsToImage(Tensor image, Tensor columns, ConvGeometry geometry)
    {
        RequireOwn("ColumnsToImage", image, columns);
        if (columns.DType == DType.Float32) ColumnsToImage<float>(image, columns, geometry);
        else ColumnsToImage<double>(image, columns, geometry);
    }

    /// <summary>columns[c·K + k, n·L + p] = image[n, c, the pixel p reads through tap k].</summary>
    private static void ImageToColumns<T>(Tensor columns, Tensor image, ConvGeometry g) where T : unmanaged, INumber<T>
    {
        T[] columnsData = columns.Data<T>(), imageData = image.Data<T>();
        EachColumnEntry(columns, image, g, (entry, pixel) => columnsData[entry] = imageData[pixel]);
    }

    /// <summary>image[n, c, i] += columns[c·K + k, n·L + p] for every (k, p) that reads pixel i.</summary>
    private static void ColumnsToImage<T>(Tensor image, Tensor columns, ConvGeometry g) where T : unmanaged, INumber<T>
    {
        T[] imageData = image.Data<T>(), columnsData = columns.Data<T>();
        EachColumnEntry(columns, image, g, (entry, pixel) => imageData[pixel] += columnsData[entry]);
    }

    /// <summary>
    /// Calls <paramref name="visit"/>(entry, pixel) with the storage positions of every column-matrix entry that reads a
    /// pixel inside the image and of that pixel, row by row of the matrix. Entries that read padding are skipped.
    /// </summary>
    private static void EachColumnEntry(Tensor columns, Tensor image, ConvGeometry g, Action<int, int> visit)
    {
        var columnsAt = new DenseIndex(columns.offset, 1, g.Columns);
        var imageAt = new DenseIndex(image.offset, g.Channels, g.InputVolume);
        for (int c = 0; c < g.Channels; c++)
            for (int k = 0; k < g.KernelVolume; k++)
                for (int n = 0; n < g.Batch; n++)
                    for (int p = 0; p < g.OutputVolume; p++)
                    {
                        int pixel = ConvolutionTaps.InputPixel(g, p, k);
                        if (pixel >= 0) visit(columnsAt[c * g.KernelVolume + k, 0, n * g.OutputVolume + p], imageAt[n, c, pixel]);
                    }
    }
}
