namespace Sharpgrad.Quantized;

/// <summary>
/// The scale and zero point of a per-tensor affine quantisation, r = Scale·(q − ZeroPoint) with uint8 codes q
/// (GBC §12.1.6; Jacob et al. 2018, eq. 1). The real 0 is exactly the code ZeroPoint, so zero padding and ReLU's
/// cut-off are exact.
/// </summary>
public readonly record struct QuantParams(float Scale, int ZeroPoint)
{
    /// <summary>Activation codes use the full uint8 range (see docs: our int8 kernels never saturate, so fbgemm's reduce_range is not needed).</summary>
    public const int QuantMin = 0;

    /// <summary>The largest activation code.</summary>
    public const int QuantMax = 255;

    /// <summary>
    /// PyTorch's MinMaxObserver rule for quint8, per_tensor_affine: the range is widened to contain 0, then
    /// s = (max − min)/(qmax − qmin), at least float32's ε, and z = qmin − round(min/s), clamped to [qmin, qmax].
    /// </summary>
    public static QuantParams FromRange(float min, float max)
    {
        if (!float.IsFinite(min) || !float.IsFinite(max) || min > max)
            throw new ArgumentException($"QuantParams.FromRange: expected a finite range min ≤ max, got [{min}, {max}].");
        float low = Math.Min(min, 0f), high = Math.Max(max, 0f);
        float scale = Math.Max((high - low) / (QuantMax - QuantMin), MachineEpsilon);
        int zeroPoint = QuantMin - (int)MathF.Round(low / scale, MidpointRounding.ToEven);
        return new QuantParams(scale, Math.Clamp(zeroPoint, QuantMin, QuantMax));
    }

    /// <summary>float32's machine ε, 2⁻²³, the smallest scale PyTorch's observers give (torch.finfo(torch.float32).eps).</summary>
    internal const float MachineEpsilon = 1.1920929e-07f;

    internal Kernels.AffineQuantizer Quantizer => Kernels.AffineQuantizer.PerTensor(Scale, ZeroPoint, QuantMin, QuantMax);

    public override string ToString() => $"scale={Scale:G6}, zero_point={ZeroPoint}";
}
