namespace Sharpgrad.NN;

/// <summary>[N, C·r², H, W] → [N, C, H·r, W·r] (<see cref="Functional.PixelShuffle"/>; Shi et al., 2016's sub-pixel convolution).</summary>
public sealed class PixelShuffle(int upscaleFactor) : Module<Tensor, Tensor>
{
    public int UpscaleFactor { get; } = upscaleFactor;

    protected override Tensor ForwardCore(Tensor input) => Functional.PixelShuffle(input, UpscaleFactor);

    protected override string ExtraRepr() => $"upscale_factor={UpscaleFactor}";
}

/// <summary>The inverse of <see cref="PixelShuffle"/>: [N, C, H·r, W·r] → [N, C·r², H, W].</summary>
public sealed class PixelUnshuffle(int downscaleFactor) : Module<Tensor, Tensor>
{
    public int DownscaleFactor { get; } = downscaleFactor;

    protected override Tensor ForwardCore(Tensor input) => Functional.PixelUnshuffle(input, DownscaleFactor);

    protected override string ExtraRepr() => $"downscale_factor={DownscaleFactor}";
}
