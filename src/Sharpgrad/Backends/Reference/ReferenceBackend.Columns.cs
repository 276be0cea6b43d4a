using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Reference;

// im2col and col2im (Chellapilla et al. 2006), the index map of a convolution written out as a matrix: one row per
// (channel, tap), one column per (image, output position). A convolution is then W [O, C·K] times this matrix.
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

    /// <summary>columns[c·K + k, n·L + p] = image[n, c, the pixel p reads through tap k], where that pixel is inside the image.</summary>
    private static void ImageToColumns<T>(Tensor columns, Tensor image, ConvGeometry g) where T : unmanaged, INumber<T>
    {
        T[] columnsData = columns.Data<T>(), imageData = image.Data<T>();
        var columnsAt = new DenseIndex(columns.offset, 1, g.Columns);
        var imageAt = new DenseIndex(image.offset, g.Channels, g.InputVolume);
        for (int c = 0; c < g.Channels; c++)
            for (int k = 0; k < g.KernelVolume; k++)
                for (int n = 0; n < g.Batch; n++)
                    for (int p = 0; p < g.OutputVolume; p++)
                    {
                        int pixel = ConvolutionTaps.InputPixel(g, p, k);
                        if (pixel >= 0) columnsData[columnsAt[c * g.KernelVolume + k, 0, n * g.OutputVolume + p]] = imageData[imageAt[n, c, pixel]];
                    }
    }

    /// <summary>
    /// The transpose of <see cref="ImageToColumns{T}"/>: image[n, c, i] = Σ_k columns[c·K + k, n·L + p] over the taps k
    /// and positions p that read pixel i, the same gather as the convolution's adjoint.
    /// </summary>
    private static void ColumnsToImage<T>(Tensor image, Tensor columns, ConvGeometry g) where T : unmanaged, INumber<T>
    {
        T[] imageData = image.Data<T>(), columnsData = columns.Data<T>();
        var columnsAt = new DenseIndex(columns.offset, 1, g.Columns);
        var imageAt = new DenseIndex(image.offset, g.Channels, g.InputVolume);
        for (int n = 0; n < g.Batch; n++)
            for (int c = 0; c < g.Channels; c++)
                for (int pixel = 0; pixel < g.InputVolume; pixel++)
                {
                    T sum = T.Zero;
                    for (int k = 0; k < g.KernelVolume; k++)
                    {
                        int p = ConvolutionTaps.OutputPosition(g, pixel, k);
                        if (p >= 0) sum += columnsData[columnsAt[c * g.KernelVolume + k, 0, n * g.OutputVolume + p]];
                    }
                    imageData[imageAt[n, c, pixel]] = sum;
                }
    }
}
