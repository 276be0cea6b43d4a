namespace Sharpgrad.Data;

/// <summary>
/// Converts any input to float32 and multiplies it by <paramref name="scale"/>: e.g. <c>new ToFloat(1 / 255.0)</c>
/// for int64 pixel counts 0..255, or <c>new ToFloat()</c> for float64 data. The image readers already return
/// float32 in [0, 1], so their data need no ToFloat.
/// </summary>
public sealed class ToFloat(double scale = 1) : Transform
{
    /// <summary>The factor applied after the conversion.</summary>
    public double Scale { get; } = double.IsFinite(scale)
        ? scale
        : throw new ArgumentOutOfRangeException(nameof(scale), $"ToFloat: scale must be finite, got {scale}.");

    protected override Tensor ApplyCore(Tensor input, Generator generator)
    {
        var values = input.Float();
        return Scale == 1 ? values : values * Scale;
    }
}
