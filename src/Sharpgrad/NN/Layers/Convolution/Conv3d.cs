namespace Sharpgrad.NN;

/// <summary>
/// A 3-D convolution layer for volumes or video: cross-correlation of [N, C, D, H, W] inputs with <see cref="ConvNd.Weight"/>
/// [out, in/groups, kD, kH, kW] (<see cref="Functional.Conv3d"/>). Output size per dim ⌊(W + 2P − D·(F − 1) − 1)/S⌋ + 1.
/// </summary>
/// <example><c>new Conv3d(3, 16, kernelSize: 3, padding: "same")</c></example>
public sealed class Conv3d(int inChannels, int outChannels, SpatialSize kernelSize, SpatialSize? stride = null, ConvPadding? padding = null,
    SpatialSize? dilation = null, int groups = 1, bool bias = true, PaddingMode paddingMode = PaddingMode.Zeros,
    DType dtype = DType.Float32, Generator? generator = null)
    : ConvNd("Conv3d", 3, inChannels, outChannels, kernelSize, stride, padding, dilation, groups, bias, paddingMode, dtype, generator);
