namespace Sharpgrad.NN;

/// <summary>
/// Forward-pass FLOPs of the built-in layers, from their hyper-parameters and the shapes seen in a forward pass,
/// by the conventions listed on <see cref="ModelSummary"/>.
/// </summary>
internal static class FlopCounter
{
    public static long? Count(Module layer, int[] input, int[] output)
    {
        long outputs = Volume(output), inputs = Volume(input);
        return layer switch
        {
            Linear l => 2L * (inputs / Math.Max(1, l.InFeatures)) * l.InFeatures * l.OutFeatures + (l.Bias is null ? 0 : outputs),
            ConvNd c => outputs * (2L * (c.InChannels / c.Groups) * Volume(c.KernelSize) + (c.Bias is null ? 0 : 1)),
            ConvTransposeNd t => 2L * inputs * (t.OutChannels / t.Groups) * Volume(t.KernelSize) + (t.Bias is null ? 0 : outputs),
            LocallyConnected2d l => outputs * (2L * l.InChannels * Volume(l.KernelSize) + (l.Bias is null ? 0 : 1)),
            TiledConv2d t => outputs * (2L * t.InChannels * Volume(t.KernelSize) + (t.Bias is null ? 0 : 1)),
            MaxPoolNd m => outputs * Volume(m.KernelSize),
            AvgPoolNd a => outputs * Volume(a.KernelSize),
            LPPoolNd p => outputs * Volume(p.KernelSize) + 2 * inputs,
            AdaptiveAvgPoolNd or AdaptiveMaxPoolNd or GlobalAvgPool => inputs,
            NormBase b => outputs * (b.Weight is null ? 2 : 4),
            LayerNorm l => outputs * (l.Weight is null ? 2 : 4),
            GroupNorm g => outputs * (g.Weight is null ? 2 : 4),
            LocalResponseNorm r => outputs * (r.Size + 3),
            ReLU or LeakyReLU or PReLU or ELU or Sigmoid or Tanh or Softplus or Hardtanh or Softmax or LogSoftmax => outputs,
            GELU or SiLU or Mish or Hardswish or Hardsigmoid or ReLU6 or SELU or CELU or Softsign or Tanhshrink or Hardshrink
                or Softshrink or GLU or Softmin => outputs,
            PixelShuffle or PixelUnshuffle => 0,
            Dropout or Dropout2d or Flatten or Unflatten or Identity or MaxUnpoolNd => 0,
            IRecurrentModule r => r.Flops(inputs / r.InputSize),
            Upsample u => u.Mode == InterpolationMode.Nearest ? 0 : 3L * outputs * (output.Length - 2),
            _ => null,
        };
    }

    private static long Volume(int[] sizes) => sizes.Aggregate(1L, (p, s) => p * s);
}
