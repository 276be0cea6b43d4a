namespace Sharpgrad.Data;

/// <summary>
/// Randomly changes the brightness, contrast and saturation of each image, as torchvision's
/// <c>ColorJitter(brightness, contrast, saturation)</c>: photometric augmentation (GBC §7.4) for classes that
/// do not depend on lighting. Each enabled adjustment (strength &gt; 0) draws a factor f uniformly from
/// [max(0, 1 − strength), 1 + strength] and blends the image with a reference, clamping the result to [0, 1]:
/// <list type="bullet">
/// <item>brightness: f·x (blend with black);</item>
/// <item>contrast: f·x + (1 − f)·m, with m the mean grey level of the image;</item>
/// <item>saturation: f·x + (1 − f)·grey(x), per pixel.</item>
/// </list>
/// Grey is ITU-R 601 luma, 0.2989 R + 0.587 G + 0.114 B, as in torchvision; a one-channel image is its own
/// grey (so saturation leaves it unchanged). As in torchvision, every image applies the enabled adjustments in
/// a random order: per image, a permutation is drawn first, then one factor per enabled adjustment (brightness,
/// contrast, saturation). Inputs should be float images in [0, 1] with 1 or 3 channels.
/// </summary>
public sealed class ColorJitter : ImageTransform
{
    private static readonly double[] LumaWeights = [0.2989, 0.587, 0.114];

    private readonly (double Strength, Func<Tensor, double, Tensor> Adjust)[] enabled;

    public ColorJitter(double brightness = 0, double contrast = 0, double saturation = 0)
    {
        (Brightness, Contrast, Saturation) = (Check(brightness, nameof(brightness)), Check(contrast, nameof(contrast)), Check(saturation, nameof(saturation)));
        enabled = new (double, Func<Tensor, double, Tensor>)[]
            {
                (Brightness, AdjustBrightness),
                (Contrast, AdjustContrast),
                (Saturation, AdjustSaturation),
            }
            .Where(a => a.Item1 > 0).ToArray();
    }

    /// <summary>How far the brightness factor may stray from 1.</summary>
    public double Brightness { get; }

    /// <summary>How far the contrast factor may stray from 1.</summary>
    public double Contrast { get; }

    /// <summary>How far the saturation factor may stray from 1.</summary>
    public double Saturation { get; }

    protected override Tensor ApplyToImages(Tensor images, Generator generator)
    {
        if (enabled.Length == 0) return images;
        int channels = images.Size(1);
        if (channels != 1 && channels != 3)
            throw new ArgumentException($"ColorJitter: expected images with 1 (grey) or 3 (RGB) channels, got shape {images.ShapeText}.");

        var jittered = new Tensor[images.Size(0)];
        for (int n = 0; n < jittered.Length; n++)
        {
            int[] order = generator.Permutation(enabled.Length);
            var factors = enabled.Select(a => Uniform.Draw(generator, Math.Max(0, 1 - a.Strength), 1 + a.Strength)).ToArray();
            var image = images.Narrow(0, n, 1);
            foreach (int a in order) image = enabled[a].Adjust(image, factors[a]);
            jittered[n] = image;
        }
        return Tensor.Cat(jittered, dim: 0);
    }

    private static Tensor AdjustBrightness(Tensor image, double factor) => Blend(image, Tensor.ZerosLike(image), factor);

    private static Tensor AdjustContrast(Tensor image, double factor) => Blend(image, Grey(image).Mean(), factor);

    private static Tensor AdjustSaturation(Tensor image, double factor)
        => image.Size(1) == 1 ? image : Blend(image, Grey(image), factor);

    /// <summary>f·x + (1 − f)·reference, clamped to the valid range [0, 1] of float images.</summary>
    private static Tensor Blend(Tensor image, Tensor reference, double factor)
        => (image * factor + reference * (1 - factor)).Clamp(0, 1);

    /// <summary>The grey level of each pixel, [1, 1, H, W]: the image itself when it has one channel.</summary>
    private static Tensor Grey(Tensor image)
        => image.Size(1) == 1 ? image : (image * Tensor.FromArray(LumaWeights).To(image.DType).View(1, 3, 1, 1)).Sum(1, keepdim: true);

    private static double Check(double strength, string name)
        => strength >= 0 && double.IsFinite(strength)
            ? strength
            : throw new ArgumentOutOfRangeException(name, $"ColorJitter: {name} must be non-negative and finite, got {strength}.");
}
