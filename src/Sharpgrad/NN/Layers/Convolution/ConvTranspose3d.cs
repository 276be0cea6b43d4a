namespace Sharpgrad.NN;

/// <summary>
/// A 3-D transposed convolution layer (GBC §9.5), the adjoint of a <see cref="Conv3d"/> with the same
/// hyper-parameters: it maps [N, C, D, H, W] back up to the convolution's input size, (W − 1)·S − 2P + D·(F − 1) +
/// outputPadding + 1, e.g. in decoders and generators. Weight [in, out/groups, kD, kH, kW] (<see cref="Functional.ConvTranspose3d"/>).
/// </summary>
public sealed class ConvTranspose3d(int inChannels, int outChannels, SpatialSize kernelSize, SpatialSize? stride = null,
    SpatialSize? padding = null, SpatialSize? outputPadding = null, int groups = 1, bool bias = true, SpatialSize? dilation = null,
    DType dtype = DType.Float32, Generator? generator = null)
    : ConvTransposeNd("ConvTranspose3d", 3, inChannels, outChannels, kernelSize, stride, padding, outputPadding, groups, bias, dilation, dtype, generator);
