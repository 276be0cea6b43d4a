namespace Sharpgrad.NN;

/// <summary>1-D adaptive average pooling of [N, C, L] to <see cref="AdaptiveAvgPoolNd.OutputSize"/> (<see cref="Functional.AdaptiveAvgPool1d"/>).</summary>
public sealed class AdaptiveAvgPool1d(SpatialSize outputSize) : AdaptiveAvgPoolNd("AdaptiveAvgPool1d", 1, outputSize);
