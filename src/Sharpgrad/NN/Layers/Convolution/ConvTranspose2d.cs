namespace Sharpgrad.NN;

/// <summary>
/// A 2-D transposed convolution layer (GBC §9.5), the adjoint of a <see cref="Conv2d"/> with the same
/// hyper-parameters: it maps [N, C, H, W] back up to the convolution's input size, (W − 1)·S − 2P + D·(F − 1) +
/// outputPadding + 1, e.g. in decoders and generators. Weight [in, out/groups, kH, kW] (<see cref="Functional.ConvTranspose2d"/>).
/// </summary>
public sealed class ConvTranspose2d(int inChannels, int outChannels, SpatialSize kernelSize, SpatialSize? stride = null,
    SpatialSize? padding = null, SpatialSize? outputPadding = null, int groups = 1, bool bias = true, SpatialSize? dilation = null,
    DType dtype = DType.Float32, Generator? generator = null)
    : ConvTransposeNd("ConvTranspose2d", 2, inChannels, outChannels, kernelSize, stride, padding, outputPadding, groups, bias, dilation, dtype, generator);
