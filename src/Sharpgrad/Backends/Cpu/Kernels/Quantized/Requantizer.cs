namespace Sharpgrad.Kernels;

/// <summary>
/// Turns the int32 sums of an int8 layer into the uint8 codes of its output (Jacob et al. 2018, §2.2–2.4; fbgemm's
/// ReQuantizeOutput with a float bias). With input codes x (scale sₓ, zero point zₓ) and symmetric weight codes w
/// (scale s_w[j] per output channel, zero point 0), the sum acc[i, j] = Σₗ x[i, l]·w[j, l] gives the layer's real output
/// y = sₓ·s_w[j]·(acc − zₓ·Σₗ w[j, l]) + b[j], since Σₗ (x − zₓ)·w = acc − zₓ·Σₗ w. That is then quantised to the
/// output's scale and zero point: q = clamp(round(y·(1/s_y)) + z_y, lo, 255), where lo = z_y when a ReLU is fused
/// (the codes below z_y are the negative reals ReLU removes) and 0 otherwise.
/// </summary>
/// <param name="InputZeroPoint">zₓ.</param>
/// <param name="WeightRowSums">Σₗ w[j, l] per output channel j.</param>
/// <param name="Multipliers">sₓ·s_w[j] per output channel.</param>
/// <param name="Bias">b[j] per output channel (zeros when the layer has none).</param>
/// <param name="OutputScale">s_y.</param>
/// <param name="OutputZeroPoint">z_y.</param>
/// <param name="FusedRelu">Whether codes are clamped at z_y from below (a ReLU after the layer).</param>
internal sealed record Requantizer(int InputZeroPoint, int[] WeightRowSums, float[] Multipliers, float[] Bias,
    float OutputScale, int OutputZeroPoint, bool FusedRelu)
{
    private readonly float inverseOutputScale = 1f / OutputScale;

    public int Channels => Multipliers.Length;

    /// <summary>The output code of the sum <paramref name="accumulator"/> in output channel <paramref name="channel"/>.</summary>
    public byte Code(int accumulator, int channel)
    {
        int centred = accumulator - InputZeroPoint * WeightRowSums[channel];
        float real = centred * Multipliers[channel] + Bias[channel];
        float code = MathF.Round(real * inverseOutputScale, MidpointRounding.ToEven) + OutputZeroPoint;
        return (byte)Math.Clamp(code, FusedRelu ? OutputZeroPoint : 0, byte.MaxValue);
    }
}
