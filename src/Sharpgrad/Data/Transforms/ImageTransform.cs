namespace Sharpgrad.Data;

/// <summary>
/// A <see cref="Transform"/> on float images laid out as in PyTorch: one image [C, H, W] or a batch
/// [N, C, H, W]. Subclasses implement the batch case only; a single image is treated as a batch of one, so an
/// image and a batch holding it come out alike for the same generator state.
/// </summary>
public abstract class ImageTransform : Transform
{
    protected sealed override Tensor ApplyCore(Tensor input, Generator generator)
    {
        string name = GetType().Name;
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException(
                $"{name}: expected float32 or float64 images, got {input.DType.Name()} of shape {input.ShapeText}; convert them with ToFloat first.");
        return input.Rank switch
        {
            3 => ApplyToImages(input.Unsqueeze(0), generator).Squeeze(0),
            4 => ApplyToImages(input, generator),
            _ => throw new ArgumentException(
                $"{name}: expected an image [C, H, W] or a batch of images [N, C, H, W], got shape {input.ShapeText}."),
        };
    }

    /// <summary>The step on a batch of images [N, C, H, W] of a floating-point dtype.</summary>
    protected abstract Tensor ApplyToImages(Tensor images, Generator generator);
}
