namespace Sharpgrad.Kernels;

/// <summary>
/// The affine map between reals and integer codes (GBC §12.1.6; Jacob et al. 2018, eq. 1): r = s·(q − z), and back
/// q = clamp(round(r·(1/s)) + z, qmin, qmax) with round-half-to-even, as PyTorch's quantize_per_tensor and
/// quantize_per_channel compute it. Per-tensor quantisation has one (s, z); per-channel quantisation one per slice
/// along dim 0 of a contiguous tensor (a weight's output channels). Both backends evaluate these two formulas, so
/// they agree bit for bit.
/// </summary>
internal sealed record AffineQuantizer(float[] Scales, int[] ZeroPoints, int QuantMin, int QuantMax)
{
    // 1/s once per channel rather than per element; both backends read it, so they still agree bit for bit.
    private readonly float[] inverseScales = [.. Scales.Select(s => 1f / s)];

    public int Channels => Scales.Length;

    public static AffineQuantizer PerTensor(float scale, int zeroPoint, int quantMin, int quantMax)
        => new([scale], [zeroPoint], quantMin, quantMax);

    /// <summary>The code of <paramref name="value"/> in <paramref name="channel"/>.</summary>
    public int Code(float value, int channel)
    {
        float scaled = MathF.Round(value * inverseScales[channel], MidpointRounding.ToEven);
        // Clamp in float first: a NaN or a huge value must not overflow the conversion to int.
        float code = Math.Clamp(scaled + ZeroPoints[channel], QuantMin, QuantMax);
        return float.IsNaN(code) ? ZeroPoints[channel] : (int)code;
    }

    /// <summary>The real number that <paramref name="code"/> stands for in <paramref name="channel"/>.</summary>
    public float Value(int code, int channel) => (code - ZeroPoints[channel]) * Scales[channel];
}
