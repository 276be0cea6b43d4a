namespace Sharpgrad.NN;

/// <summary>
/// Upsamples (or downsamples) the spatial dims of [N, C, spatial...] to <see cref="Size"/> or by
/// <see cref="ScaleFactor"/>, with nearest-neighbour or (bi/tri)linear interpolation (<see cref="Functional.Interpolate"/>),
/// e.g. in decoders and feature pyramids. <c>new Upsample(scaleFactor: 2)</c> doubles each side by repeating pixels.
/// </summary>
public sealed class Upsample : Module<Tensor, Tensor>
{
    public Upsample(SpatialSize? size = null, double? scaleFactor = null, InterpolationMode mode = InterpolationMode.Nearest, bool? alignCorners = null)
    {
        if ((size is null) == (scaleFactor is null))
            throw new ArgumentException($"Upsample: give either a size or a scale factor, not {(size is null ? "neither" : "both")}.");
        if (alignCorners is not null && mode == InterpolationMode.Nearest)
            throw new ArgumentException("Upsample: alignCorners can only be set with the linear modes (linear, bilinear, trilinear).");
        (Size, ScaleFactor, Mode, AlignCorners) = (size, scaleFactor, mode, alignCorners);
    }

    public SpatialSize? Size { get; }
    public double? ScaleFactor { get; }
    public InterpolationMode Mode { get; }
    public bool? AlignCorners { get; }

    protected override Tensor ForwardCore(Tensor input) => Functional.Interpolate(input, Size, ScaleFactor, Mode, AlignCorners);

    protected override string ExtraRepr() =>
        (Size is { } s ? $"size={s}" : $"scale_factor={PyRepr.Number(ScaleFactor!.Value)}") + $", mode='{Mode.ToString().ToLowerInvariant()}'";
}
