namespace Sharpgrad.Data;

/// <summary>
/// Global contrast normalisation (GBC §12.2.1.1, Eq. 12.3): each image X is centred on its own mean and scaled
/// so that its contrast, the standard deviation over all its pixels and channels, becomes <c>scale</c>:
/// <code>X′ = s · (X − mean(X)) / max(ε, √(λ + mean((X − mean(X))²)))</code>
/// This removes differences in overall brightness and contrast between images, which rarely matter for the
/// class. λ (<c>lambda</c>) regularises the contrast of nearly uniform images, and ε
/// (<c>epsilon</c>) keeps the division finite; the book suggests λ = 0 with a tiny ε such as 1e-8
/// (the defaults), or λ &gt; 0 with ε = 0. A constant image becomes all zeros.
/// </summary>
public sealed class GlobalContrastNormalization : ImageTransform
{
    public GlobalContrastNormalization(double scale = 1, double lambda = 0, double epsilon = 1e-8)
    {
        if (!(scale > 0) || !double.IsFinite(scale))
            throw new ArgumentOutOfRangeException(nameof(scale), $"GlobalContrastNormalization: scale s must be positive and finite, got {scale}.");
        if (!(lambda >= 0) || !double.IsFinite(lambda))
            throw new ArgumentOutOfRangeException(nameof(lambda), $"GlobalContrastNormalization: lambda must be non-negative and finite, got {lambda}.");
        if (!(epsilon >= 0) || !double.IsFinite(epsilon) || lambda == 0 && epsilon == 0)
            throw new ArgumentOutOfRangeException(nameof(epsilon),
                $"GlobalContrastNormalization: epsilon must be non-negative and finite, and lambda and epsilon cannot both be 0 (a constant image would divide by 0); got lambda {lambda}, epsilon {epsilon}.");
        (Scale, Lambda, Epsilon) = (scale, lambda, epsilon);
    }

    /// <summary>s, the contrast every image ends with.</summary>
    public double Scale { get; }

    /// <summary>λ, added to the variance under the square root.</summary>
    public double Lambda { get; }

    /// <summary>ε, the smallest contrast divided by.</summary>
    public double Epsilon { get; }

    protected override Tensor ApplyToImages(Tensor images, Generator generator) => Normalize(images, Scale, Lambda, Epsilon);

    /// <summary>Eq. 12.3 for every image of a batch [N, C, H, W]; shared with <see cref="PerImageStandardization"/>.</summary>
    internal static Tensor Normalize(Tensor images, double scale, double lambda, double epsilon)
    {
        int[] perImage = [1, 2, 3];
        var centred = images - images.Mean(perImage, keepdim: true);
        var contrast = (centred.Square().Mean(perImage, keepdim: true) + lambda).Sqrt();
        return centred * scale / contrast.Clamp(min: epsilon);
    }
}
