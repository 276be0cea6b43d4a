namespace Sharpgrad.NN;

/// <summary>
/// A 2-D convolution layer for images (GBC §9.2): cross-correlation of [N, C, H, W] inputs with <see cref="ConvNd.Weight"/>
/// [out, in/groups, kH, kW] (<see cref="Functional.Conv2d"/>). Output size per dim ⌊(W + 2P − D·(F − 1) − 1)/S⌋ + 1.
/// </summary>
/// <example><c>new Conv2d(3, 16, kernelSize: 3, padding: "same")</c></example>
public sealed class Conv2d(int inChannels, int outChannels, SpatialSize kernelSize, SpatialSize? stride = null, ConvPadding? padding = null,
    SpatialSize? dilation = null, int groups = 1, bool bias = true, PaddingMode paddingMode = PaddingMode.Zeros,
    DType dtype = DType.Float32, Generator? generator = null)
    : ConvNd("Conv2d", 2, inChannels, outChannels, kernelSize, stride, padding, dilation, groups, bias, paddingMode, dtype, generator);
