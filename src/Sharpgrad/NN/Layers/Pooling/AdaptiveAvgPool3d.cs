namespace Sharpgrad.NN;

/// <summary>3-D adaptive average pooling of [N, C, D, H, W] to <see cref="AdaptiveAvgPoolNd.OutputSize"/> (<see cref="Functional.AdaptiveAvgPool3d"/>).</summary>
public sealed class AdaptiveAvgPool3d(SpatialSize outputSize) : AdaptiveAvgPoolNd("AdaptiveAvgPool3d", 3, outputSize);
