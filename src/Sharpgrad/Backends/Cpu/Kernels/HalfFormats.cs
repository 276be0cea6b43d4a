using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// A 16-bit floating-point format: how a float32 rounds to its 16 bits (to nearest, ties to even) and how the bits
/// widen back to float32 (always exactly: both formats' values are float32 values). Given, like the elementwise ops,
/// as a scalar form (the definition, used by the reference backend and <see cref="Sharpgrad.BFloat16"/>) and a SIMD form
/// over <see cref="Vector{T}"/> (the CPU backend's conversion loop), which the tests pin to the scalar form bit for bit.
/// </summary>
internal interface IHalfFormat
{
    ushort Narrow(float x);
    float Widen(ushort bits);

    /// <summary>The lanes of <paramref name="x"/> rounded, each in the low 16 bits of its lane.</summary>
    Vector<uint> Narrow(Vector<float> x);

    /// <summary>The values whose bits are the low 16 bits of each lane of <paramref name="bits"/>.</summary>
    Vector<float> Widen(Vector<uint> bits);
}

/// <summary>
/// bfloat16 (Google Brain's "brain float"): the top 16 bits of a float32, so the same 8-bit exponent range with 8 bits
/// of significand instead of 24. Widening shifts the bits back up; narrowing rounds away the low 16 bits to nearest
/// even, which is adding 0x7FFF plus the bit that will become the last one kept, then truncating (an overflow carries
/// into the exponent and gives ∞, as it should). NaN is the one input the carry could turn into ∞, so it is truncated
/// instead and made quiet, keeping its sign.
/// </summary>
internal readonly struct BFloat16Format : IHalfFormat
{
    public ushort Narrow(float x)
    {
        uint bits = BitConverter.SingleToUInt32Bits(x);
        if (float.IsNaN(x)) return (ushort)((bits >> 16) | 0x0040);
        return (ushort)((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16);
    }

    public float Widen(ushort bits) => BitConverter.UInt32BitsToSingle((uint)bits << 16);

    public Vector<uint> Narrow(Vector<float> x)
    {
        var bits = x.As<float, uint>();
        var rounded = (bits + new Vector<uint>(0x7FFF) + ((bits >> 16) & Vector<uint>.One)) >> 16;
        var quietNaN = (bits >> 16) | new Vector<uint>(0x0040);
        return Vector.ConditionalSelect(Vector.Equals(x, x).As<int, uint>(), rounded, quietNaN);
    }

    public Vector<float> Widen(Vector<uint> bits) => (bits << 16).As<uint, float>();
}

/// <summary>
/// IEEE 754 binary16 (<see cref="Half"/>): 5 exponent bits (bias 15) and 10 significand bits, finite up to 65504,
/// subnormal below 2⁻¹⁴. Both directions use F. Giesen's branch-free formulation ("float_to_half_fast3_rtne"), the
/// same one as PyTorch's c10 and .NET's own: the scalar and SIMD forms make the same three cases.
/// Narrowing: |x| ≥ 65520 (half-way between 65504 and 2¹⁶, rounded to even: up) gives ∞, NaN a quiet NaN; a normal half
/// re-biases the exponent and rounds away 13 significand bits to nearest even as bfloat16 does; below 2⁻¹⁴ the result
/// is subnormal, and adding 0.5 makes the float32 adder do the rounding: 0.5 + |x| has its last significand bit worth
/// 2⁻²⁴, the half subnormal step, so the low bits of the sum are the rounded half bits.
/// Widening is exact: re-bias a normal exponent; ∞/NaN keep an all-ones exponent; a subnormal m·2⁻²⁴ is made as the
/// float32 2⁻¹⁴·(1 + m/1024) minus 2⁻¹⁴.
/// </summary>
internal readonly struct Float16Format : IHalfFormat
{
    private const uint SignBit = 0x8000_0000;
    private const uint Overflow = 0x4780_0000;      // 2¹⁶: from here on, ∞ (65520..65536 reach it through the carry)
    private const uint SmallestNormal = 0x3880_0000;  // 2⁻¹⁴
    private const uint Rebias = (127u - 15) << 23;
    private const float SubnormalMagic = 0.5f;

    public ushort Narrow(float x)
    {
        uint bits = BitConverter.SingleToUInt32Bits(x);
        uint sign = (bits & SignBit) >> 16, magnitude = bits & ~SignBit;
        uint half;
        if (magnitude >= Overflow) half = magnitude > 0x7F80_0000 ? 0x7E00u : 0x7C00u;
        else if (magnitude < SmallestNormal)
            half = BitConverter.SingleToUInt32Bits(BitConverter.UInt32BitsToSingle(magnitude) + SubnormalMagic) - BitConverter.SingleToUInt32Bits(SubnormalMagic);
        else half = (magnitude - Rebias + 0xFFF + ((magnitude >> 13) & 1)) >> 13;
        return (ushort)(sign | half);
    }

    public float Widen(ushort bits)
    {
        uint sign = (uint)(bits & 0x8000) << 16, exponent = (uint)(bits >> 10) & 0x1F, significand = bits & 0x3FFu;
        if (exponent == 0x1F) return BitConverter.UInt32BitsToSingle(sign | 0x7F80_0000 | significand << 13);
        if (exponent != 0) return BitConverter.UInt32BitsToSingle(sign | (exponent + 112) << 23 | significand << 13);
        float subnormal = BitConverter.UInt32BitsToSingle(SmallestNormal | significand << 13) - BitConverter.UInt32BitsToSingle(SmallestNormal);
        return BitConverter.UInt32BitsToSingle(sign | BitConverter.SingleToUInt32Bits(subnormal));
    }

    public Vector<uint> Narrow(Vector<float> x)
    {
        var bits = x.As<float, uint>();
        var sign = (bits & new Vector<uint>(SignBit)) >> 16;
        var magnitude = bits & new Vector<uint>(~SignBit);
        var special = Vector.ConditionalSelect(Vector.GreaterThan(magnitude, new Vector<uint>(0x7F80_0000)), new Vector<uint>(0x7E00), new Vector<uint>(0x7C00));
        var magic = new Vector<float>(SubnormalMagic);
        var subnormal = (magnitude.As<uint, float>() + magic).As<float, uint>() - magic.As<float, uint>();
        var normal = (magnitude - new Vector<uint>(Rebias) + new Vector<uint>(0xFFF) + ((magnitude >> 13) & Vector<uint>.One)) >> 13;
        var finite = Vector.ConditionalSelect(Vector.LessThan(magnitude, new Vector<uint>(SmallestNormal)), subnormal, normal);
        return sign | Vector.ConditionalSelect(Vector.GreaterThanOrEqual(magnitude, new Vector<uint>(Overflow)), special, finite);
    }

    public Vector<float> Widen(Vector<uint> bits)
    {
        var sign = (bits & new Vector<uint>(0x8000)) << 16;
        var exponent = bits & new Vector<uint>(0x7C00);
        var shifted = (bits & new Vector<uint>(0x7FFF)) << 13;
        var special = shifted | new Vector<uint>(0x7F80_0000);
        var normal = shifted + new Vector<uint>(Rebias);
        var smallestNormal = new Vector<uint>(SmallestNormal);
        var subnormal = ((shifted | smallestNormal).As<uint, float>() - smallestNormal.As<uint, float>()).As<float, uint>();
        var finite = Vector.ConditionalSelect(Vector.Equals(exponent, Vector<uint>.Zero), subnormal, normal);
        return (sign | Vector.ConditionalSelect(Vector.Equals(exponent, new Vector<uint>(0x7C00)), special, finite)).As<uint, float>();
    }
}
