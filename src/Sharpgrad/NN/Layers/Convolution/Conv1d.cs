namespace Sharpgrad.NN;

/// <summary>
/// A 1-D convolution layer for sequences (GBC §9.1: a 1-D convolution over time, as in a time-delay network): cross-correlation of [N, C, L] inputs with <see cref="ConvNd.Weight"/>
/// [out, in/groups, kL] (<see cref="Functional.Conv1d"/>). Output size per dim ⌊(W + 2P − D·(F − 1) − 1)/S⌋ + 1.
/// </summary>
/// <example><c>new Conv1d(3, 16, kernelSize: 3, padding: "same")</c></example>
public sealed class Conv1d(int inChannels, int outChannels, SpatialSize kernelSize, SpatialSize? stride = null, ConvPadding? padding = null,
    SpatialSize? dilation = null, int groups = 1, bool bias = true, PaddingMode paddingMode = PaddingMode.Zeros,
    DType dtype = DType.Float32, Generator? generator = null)
    : ConvNd("Conv1d", 1, inChannels, outChannels, kernelSize, stride, padding, dilation, groups, bias, paddingMode, dtype, generator);
