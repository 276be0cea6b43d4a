using Sharpgrad.Data;

namespace Sharpgrad.Cli.Training;

/// <summary>
/// Flattens images for an MLP after image augmentation: one image [C, H, W] becomes [C·H·W], a batch
/// [N, C, H, W] becomes [N, C·H·W] (row-major, as <c>Flatten</c> in the models). Augmentation has to crop and
/// flip images, so for an MLP it runs on the image and this step comes last.
/// </summary>
public sealed class FlattenImages : Transform
{
    protected override Tensor ApplyCore(Tensor input, Generator generator) => input.Rank switch
    {
        3 => input.Reshape(-1),
        4 => input.Flatten(1),
        _ => throw new ArgumentException(
            $"FlattenImages: expected an image [C, H, W] or a batch of images [N, C, H, W], got shape [{string.Join(", ", input.Shape)}]."),
    };
}
