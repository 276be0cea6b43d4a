namespace Sharpgrad.Data;

/// <summary>
/// Pads each image with <c>padding</c> zeros on every side and cuts a window of
/// <c>height</c>×<c>width</c> pixels at a random position, as torchvision's
/// <c>RandomCrop(size, padding)</c>: translation augmentation (GBC §7.4), e.g. <c>new RandomCrop(32, padding: 4)</c>
/// for CIFAR-10, which shifts every image by up to 4 pixels. The window's top row is drawn uniformly from
/// 0..H+2p−height, then its left column from 0..W+2p−width, image by image.
/// </summary>
public sealed class RandomCrop : ImageTransform
{
    /// <summary>A square <paramref name="size"/>×<paramref name="size"/> crop.</summary>
    public RandomCrop(int size, int padding = 0) : this(size, size, padding) { }

    public RandomCrop(int height, int width, int padding)
    {
        if (height < 1 || width < 1)
            throw new ArgumentOutOfRangeException(nameof(height), $"RandomCrop: the crop size must be positive, got {height}×{width}.");
        if (padding < 0)
            throw new ArgumentOutOfRangeException(nameof(padding), $"RandomCrop: padding must be non-negative, got {padding}.");
        (Height, Width, Padding) = (height, width, padding);
    }

    public int Height { get; }

    public int Width { get; }

    /// <summary>Zeros added on each of the four sides before cropping.</summary>
    public int Padding { get; }

    protected override Tensor ApplyToImages(Tensor images, Generator generator)
    {
        var padded = ZeroPad(images, Padding);
        int rows = padded.Size(2), columns = padded.Size(3);
        if (Height > rows || Width > columns)
            throw new ArgumentException(
                $"RandomCrop: a {Height}×{Width} crop does not fit in images of shape {images.ShapeText} padded by {Padding} to {rows}×{columns}.");
        var crops = new Tensor[images.Size(0)];
        for (int n = 0; n < crops.Length; n++)
        {
            int top = (int)generator.NextInt64(rows - Height + 1);
            int left = (int)generator.NextInt64(columns - Width + 1);
            crops[n] = padded[n].Narrow(1, top, Height).Narrow(2, left, Width); // a view; Stack copies once
        }
        return Tensor.Stack(crops);
    }

    /// <summary>Images [N, C, H, W] surrounded by <paramref name="padding"/> zeros on every side: [N, C, H+2p, W+2p].</summary>
    private static Tensor ZeroPad(Tensor images, int padding)
    {
        if (padding == 0) return images;
        int[] shape = images.Shape;
        var rowsOfZeros = Tensor.Zeros([shape[0], shape[1], padding, shape[3]], images.DType);
        var tall = Tensor.Cat([rowsOfZeros, images, rowsOfZeros], dim: 2);
        var columnsOfZeros = Tensor.Zeros([shape[0], shape[1], shape[2] + 2 * padding, padding], images.DType);
        return Tensor.Cat([columnsOfZeros, tall, columnsOfZeros], dim: 3);
    }
}
