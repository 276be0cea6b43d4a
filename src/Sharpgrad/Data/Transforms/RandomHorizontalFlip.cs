namespace Sharpgrad.Data;

/// <summary>
/// Mirrors each image left to right with probability <paramref name="p"/> (torchvision's
/// <c>RandomHorizontalFlip</c>): the classic augmentation for photos, whose classes do not change under
/// reflection (GBC §7.4). One uniform draw per image decides.
/// </summary>
public sealed class RandomHorizontalFlip(double p = 0.5) : ImageTransform
{
    /// <summary>The probability that an image is mirrored.</summary>
    public double P { get; } = p >= 0 && p <= 1
        ? p
        : throw new ArgumentOutOfRangeException(nameof(p), $"RandomHorizontalFlip: p must lie in [0, 1], got {p}.");

    protected override Tensor ApplyToImages(Tensor images, Generator generator)
    {
        int width = images.Size(3);
        var flip = Tensor.Rand([images.Size(0), 1, 1, 1], DType.Float64, generator).Lt(P);
        var mirrored = images.IndexSelect(3, Tensor.Arange(width - 1, -1, -1)); // columns W−1, …, 0
        return Tensor.Where(flip, mirrored, images);
    }
}
