namespace Sharpgrad.NN;

/// <summary>2-D adaptive average pooling of [N, C, H, W] to <see cref="AdaptiveAvgPoolNd.OutputSize"/> (<see cref="Functional.AdaptiveAvgPool2d"/>).</summary>
public sealed class AdaptiveAvgPool2d(SpatialSize outputSize) : AdaptiveAvgPoolNd("AdaptiveAvgPool2d", 2, outputSize);
