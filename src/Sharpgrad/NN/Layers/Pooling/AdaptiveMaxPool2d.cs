namespace Sharpgrad.NN;

/// <summary>2-D adaptive max pooling of [N, C, H, W] to <see cref="AdaptiveMaxPoolNd.OutputSize"/> (<see cref="Functional.AdaptiveMaxPool2d"/>).</summary>
public sealed class AdaptiveMaxPool2d(SpatialSize outputSize) : AdaptiveMaxPoolNd("AdaptiveMaxPool2d", 2, outputSize);
