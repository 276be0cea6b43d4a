namespace Sharpgrad.Data;

/// <summary>
/// Per-channel standardisation x′[c] = (x[c] − mean[c]) / std[c], as torchvision's <c>Normalize</c>, usually with
/// the training set's channel means and standard deviations so that every input channel has mean 0 and
/// variance 1 (GBC §8.7.1 and §12.2.1.1: features on a common scale speed up gradient descent). One value for
/// all channels may be given instead of one per channel.
/// </summary>
public sealed class Normalize : ImageTransform
{
    private readonly double[] mean;
    private readonly double[] std;

    public Normalize(double[] mean, double[] std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Length == 0 || mean.Length != std.Length)
            throw new ArgumentException(
                $"Normalize: expected one mean and one std per channel, got {mean.Length} means and {std.Length} stds.");
        if (mean.Any(m => !double.IsFinite(m)) || std.Any(s => !(s > 0) || !double.IsFinite(s)))
            throw new ArgumentException(
                $"Normalize: means must be finite and stds positive and finite, got mean [{string.Join(", ", mean)}] and std [{string.Join(", ", std)}].");
        this.mean = (double[])mean.Clone();
        this.std = (double[])std.Clone();
    }

    /// <summary>The per-channel means subtracted.</summary>
    public IReadOnlyList<double> Mean => mean;

    /// <summary>The per-channel standard deviations divided by.</summary>
    public IReadOnlyList<double> Std => std;

    protected override Tensor ApplyToImages(Tensor images, Generator generator)
    {
        int channels = images.Size(1);
        if (mean.Length != 1 && mean.Length != channels)
            throw new ArgumentException(
                $"Normalize: images of shape {images.ShapeText} have {channels} channels, but {mean.Length} means and stds were given; expected {channels} (or 1 for all).");
        var m = Tensor.FromArray(mean).To(images.DType).View(1, -1, 1, 1);
        var s = Tensor.FromArray(std).To(images.DType).View(1, -1, 1, 1);
        return (images - m) / s;
    }
}
