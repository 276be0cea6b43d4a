namespace Sharpgrad.NN;

/// <summary>1-D adaptive max pooling of [N, C, L] to <see cref="AdaptiveMaxPoolNd.OutputSize"/> (<see cref="Functional.AdaptiveMaxPool1d"/>).</summary>
public sealed class AdaptiveMaxPool1d(SpatialSize outputSize) : AdaptiveMaxPoolNd("AdaptiveMaxPool1d", 1, outputSize);
