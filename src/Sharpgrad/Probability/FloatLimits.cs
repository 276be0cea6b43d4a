namespace Sharpgrad.Probability;

/// <summary>The limits of each float dtype that the distributions clamp with, as torch.finfo.</summary>
internal static class FloatLimits
{
    /// <summary>Machine epsilon: the gap between 1 and the next representable number.</summary>
    public static double Epsilon(DType dtype) => dtype == DType.Float32 ? float.BitIncrement(1f) - 1f : double.BitIncrement(1.0) - 1.0;

    /// <summary>The smallest positive normal number (torch.finfo.tiny); samples are clamped to it so their log is finite.</summary>
    public static double Tiny(DType dtype) => dtype == DType.Float32 ? 1.17549435e-38 : 2.2250738585072014e-308;

    /// <summary>The most negative finite number (torch.finfo.min).</summary>
    public static double Lowest(DType dtype) => dtype == DType.Float32 ? float.MinValue : double.MinValue;
}
