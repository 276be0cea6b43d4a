namespace Sharpgrad.NN;

/// <summary>3-D adaptive max pooling of [N, C, D, H, W] to <see cref="AdaptiveMaxPoolNd.OutputSize"/> (<see cref="Functional.AdaptiveMaxPool3d"/>).</summary>
public sealed class AdaptiveMaxPool3d(SpatialSize outputSize) : AdaptiveMaxPoolNd("AdaptiveMaxPool3d", 3, outputSize);
