namespace Sharpgrad.Data;

/// <summary>
/// Scales each image to mean 0 and standard deviation 1 over all its pixels and channels, as TensorFlow's
/// <c>tf.image.per_image_standardization</c>: (x − mean) / max(σ, 1/√n) with σ the population standard deviation
/// and n the number of values in the image. That is global contrast normalisation (GBC §12.2.1.1) with s = 1,
/// λ = 0 and ε = 1/√n, which is how it is computed; the floor 1/√n keeps uniform images finite.
/// </summary>
public sealed class PerImageStandardization : ImageTransform
{
    protected override Tensor ApplyToImages(Tensor images, Generator generator)
    {
        int valuesPerImage = images.Size(1) * images.Size(2) * images.Size(3);
        return GlobalContrastNormalization.Normalize(images, scale: 1, lambda: 0, epsilon: 1 / Math.Sqrt(Math.Max(1, valuesPerImage)));
    }
}
