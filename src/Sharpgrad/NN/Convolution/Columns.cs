using Sharpgrad.Kernels;

namespace Sharpgrad.NN;

/// <summary>
/// im2col and col2im as recorded tensor ops over a whole batch (backend primitives), for
/// <see cref="Functional.Unfold"/>, <see cref="Functional.Fold"/> and the locally connected layers. They are each
/// other's adjoint, so each one's backward is the other, and both are differentiable again. Convolutions do not use
/// them: the CPU backend builds one image's columns at a time inside its convolution kernels.
/// </summary>
internal static class Columns
{
    /// <summary>The column matrix [C·K, N·L] of a batch of images [N, C, spatial...] (see <see cref="ConvGeometry"/>).</summary>
    public static Tensor FromImage(Tensor image, ConvGeometry g)
    {
        var x = image.Contiguous();
        var columns = Tensor.Empty(x.DType, [g.Rows, g.Columns], x.Device);
        columns.Backend.ImageToColumns(columns, x, g);
        int[] shape = image.Shape;
        return columns.Record("Im2Col", [image], grad => [ToImage(grad, g, shape)]);
    }

    /// <summary>Adds every entry of a column matrix [C·K, N·L] onto the image pixel it stands for; the result has <paramref name="imageShape"/>.</summary>
    public static Tensor ToImage(Tensor columns, ConvGeometry g, int[] imageShape)
    {
        var c = columns.Contiguous();
        var image = Tensor.Empty(c.DType, imageShape, c.Device);
        image.Backend.ColumnsToImage(image, c, g);
        return image.Record("Col2Im", [columns], grad => [FromImage(grad, g)]);
    }
}
