namespace Sharpgrad.Backends.Reference;

/// <summary>
/// The coordinates of the element at row-major position <c>linear</c> of a shape (GBC §2.1: an element of a tensor is
/// named by one coordinate per dim), and back. The indexing loops read and write elements by their coordinates, because
/// gather and scatter are defined on them: "the element at p, with p[dim] replaced by index[p]".
/// </summary>
internal static class Coordinates
{
    /// <summary>Fills <paramref name="coordinates"/> with those of position <paramref name="linear"/> in <paramref name="shape"/>, last dim fastest.</summary>
    public static void Of(int linear, int[] shape, int[] coordinates)
    {
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            coordinates[d] = linear % shape[d];
            linear /= shape[d];
        }
    }

    /// <summary>The row-major position in <paramref name="shape"/> of the element at <paramref name="coordinates"/>.</summary>
    public static int Linear(int[] coordinates, int[] shape)
    {
        int linear = 0;
        for (int d = 0; d < shape.Length; d++) linear = linear * shape[d] + coordinates[d];
        return linear;
    }
}
