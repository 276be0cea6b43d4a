namespace Sharpgrad.NN;

/// <summary>
/// Global average pooling (Lin et al. 2013; GBC §9.3): each channel's mean over all spatial positions, turning
/// [N, C, spatial...] feature maps into [N, C] — or [N, C, 1, ...] with <see cref="KeepDims"/>, which equals
/// <c>AdaptiveAvgPool2d(1)</c> — so a classifier needs no large fully connected layer (NIN, ResNet).
/// </summary>
public sealed class GlobalAvgPool(bool keepDims = false) : Module<Tensor, Tensor>
{
    public bool KeepDims { get; } = keepDims;

    protected override Tensor ForwardCore(Tensor input) => Functional.GlobalAvgPool(input, KeepDims);

    protected override string ExtraRepr() => KeepDims ? "keep_dims=True" : "";
}
