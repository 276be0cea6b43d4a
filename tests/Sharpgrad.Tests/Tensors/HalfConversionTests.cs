using System.Numerics;
using Sharpgrad.Kernels;
using Sharpgrad.Tests.Support;

namespace Sharpgrad.Tests.Tensors;

/// <summary>
/// float32 ↔ float16 and float32 ↔ bfloat16 (issue #20): exact round trips on every 16-bit pattern, rounding to
/// nearest even on hand-worked ties, overflow and subnormal boundaries, .NET's own <see cref="Half"/> conversion and
/// PyTorch's conversions (Fixtures/half_conversions.json, made by make_half_fixtures.py) as independent references, and
/// the SIMD forms pinned to the scalar forms bit for bit.
/// </summary>
public class HalfConversionTests
{
    private static readonly BFloat16Format BFloat16 = default;
    private static readonly Float16Format Float16 = default;

    private static float FromBits(uint bits) => BitConverter.UInt32BitsToSingle(bits);

    public static TheoryData<string> Formats => ["bfloat16", "float16"];

    private static IHalfFormat Format(string name) => name == "bfloat16" ? BFloat16 : Float16;

    [Theory]
    [MemberData(nameof(Formats))]
    public void EveryBitPatternRoundTripsExactly(string name)
    {
        var format = Format(name);
        for (int bits = 0; bits <= ushort.MaxValue; bits++)
        {
            float wide = format.Widen((ushort)bits);
            ushort back = format.Narrow(wide);
            if (float.IsNaN(wide)) Assert.True(float.IsNaN(format.Widen(back)), "a NaN came back as a number");
            else if (back != bits) Assert.Fail($"{name} 0x{bits:X4} = {wide} came back as 0x{back:X4}");
        }
    }

    [Fact]
    public void Float16WideningAgreesWithDotNetOnEveryPattern()
    {
        for (int bits = 0; bits <= ushort.MaxValue; bits++)
        {
            float expected = (float)BitConverter.UInt16BitsToHalf((ushort)bits), actual = Float16.Widen((ushort)bits);
            if (!expected.Equals(actual) || !float.IsNaN(expected) && BitConverter.SingleToUInt32Bits(expected) != BitConverter.SingleToUInt32Bits(actual))
                Assert.Fail($"0x{bits:X4}: .NET gives {expected}, we give {actual}");
        }
    }

    [Fact]
    public void BFloat16WideningIsTheTopHalfOfAFloat32()
    {
        Assert.Equal(1f, BFloat16.Widen(0x3F80));
        Assert.Equal(-2f, BFloat16.Widen(0xC000));
        Assert.Equal(float.PositiveInfinity, BFloat16.Widen(0x7F80));
        Assert.Equal(3.3895314e38f, BFloat16.Widen(0x7F7F));        // the largest finite bfloat16: (2 − 2⁻⁷)·2¹²⁷
        Assert.Equal(MathF.Pow(2, -133), BFloat16.Widen(0x0001));  // the smallest subnormal: 2⁻¹²⁶·2⁻⁷
    }

    [Theory]
    // Ties (the dropped 16 bits are exactly 0x8000) go to the even neighbour; a hair either side goes to the nearer.
    [InlineData(0x3F80_8000u, 0x3F80)]  // 1 + 2⁻⁸, between 1 (even) and 1 + 2⁻⁷: down
    [InlineData(0x3F81_8000u, 0x3F82)]  // between 0x3F81 (odd) and 0x3F82 (even): up
    [InlineData(0x3F80_8001u, 0x3F81)]
    [InlineData(0x3F81_7FFFu, 0x3F81)]
    [InlineData(0xBF81_8000u, 0xBF82)]  // the sign does not change the rule
    [InlineData(0x7F7F_7FFFu, 0x7F7F)]  // just under the tie above the largest finite: stays finite
    [InlineData(0x7F7F_8000u, 0x7F80)]  // the tie rounds to even, which is ∞
    [InlineData(0x7F7F_FFFFu, 0x7F80)]  // float.MaxValue overflows to ∞
    [InlineData(0x7F80_0000u, 0x7F80)]  // ∞ stays ∞
    [InlineData(0x8000_0000u, 0x8000)]  // −0 stays −0
    [InlineData(0x0001_8000u, 0x0002)]  // subnormal tie, up to even
    [InlineData(0x0000_8000u, 0x0000)]  // half the smallest subnormal: down to even (zero)
    [InlineData(0x0000_0001u, 0x0000)]  // float32's smallest subnormal vanishes
    [InlineData(0x007F_FFFFu, 0x0080)]  // float32's largest subnormal rounds up to bfloat16's smallest normal
    public void BFloat16RoundsToNearestEven(uint float32, int expected)
    {
        Assert.Equal(expected, BFloat16.Narrow(FromBits(float32)));
        Assert.Equal(expected, ((Sharpgrad.BFloat16)FromBits(float32)).Bits);
    }

    [Theory]
    // A half has 10 significand bits: 1 + k·2⁻¹¹ for odd k is a tie between two halves 2⁻¹⁰ apart.
    [InlineData(1 + 1 / 2048.0, 0x3C00)]      // between 1 (even) and 1 + 2⁻¹⁰: down
    [InlineData(1 + 3 / 2048.0, 0x3C02)]      // between 0x3C01 (odd) and 0x3C02: up
    [InlineData(1 + 1 / 2048.0 + 1 / 1048576.0, 0x3C01)]
    [InlineData(-1 - 3 / 2048.0, 0xBC02)]
    [InlineData(65504.0, 0x7BFF)]             // the largest finite half
    [InlineData(65519.99, 0x7BFF)]            // under the tie with 2¹⁶: stays finite
    [InlineData(65520.0, 0x7C00)]             // the tie goes to even, which is ∞
    [InlineData(1e5, 0x7C00)]
    [InlineData(-3e38, 0xFC00)]
    [InlineData(double.PositiveInfinity, 0x7C00)]
    [InlineData(-0.0, 0x8000)]
    [InlineData(1 / 16384.0, 0x0400)]         // 2⁻¹⁴, the smallest normal
    [InlineData(1 / 16777216.0, 0x0001)] // 2⁻²⁴, the smallest subnormal
    [InlineData(1 / 33554432.0, 0x0000)] // 2⁻²⁵: a tie between 0 (even) and 2⁻²⁴: zero
    [InlineData(3 / 67108864.0, 0x0001)]  // 1.5·2⁻²⁵: up
    [InlineData(3 / 33554432.0, 0x0002)]  // 1.5·2⁻²⁴: a tie between 1 and 2 steps: even, 2
    [InlineData(2047 / 33554432.0, 0x0400)]  // 2⁻¹⁴ − 2⁻²⁵: a tie between the largest subnormal (odd) and 2⁻¹⁴
    [InlineData(1e-10, 0x0000)]
    public void Float16RoundsToNearestEven(double value, int expected)
    {
        Assert.Equal(expected, Float16.Narrow((float)value));
    }

    [Fact]
    public void NaNStaysAQuietNaN()
    {
        foreach (uint nan in new[] { 0x7FC0_0000u, 0xFFC0_0000u, 0x7F80_0001u, 0x7FA0_1234u })
        {
            ushort b = BFloat16.Narrow(FromBits(nan)), h = Float16.Narrow(FromBits(nan));
            Assert.True(float.IsNaN(BFloat16.Widen(b)) && (b & 0x0040) != 0, $"bfloat16 of 0x{nan:X8} is 0x{b:X4}");
            Assert.True(float.IsNaN(Float16.Widen(h)) && (h & 0x0200) != 0, $"float16 of 0x{nan:X8} is 0x{h:X4}");
        }
    }

    [Fact]
    public void Float16NarrowingAgreesWithDotNetAcrossFloat32()
    {
        // .NET 10's (Half)float rounds to nearest even; every 257th float32 pattern covers every exponent and rounding case.
        foreach (uint bits in Sweep())
        {
            float x = FromBits(bits);
            ushort expected = BitConverter.HalfToUInt16Bits((Half)x), actual = Float16.Narrow(x);
            if (float.IsNaN(x)) Assert.True(Half.IsNaN(BitConverter.UInt16BitsToHalf(actual)));
            else if (expected != actual) Assert.Fail($"{x} (0x{bits:X8}): .NET gives 0x{expected:X4}, we give 0x{actual:X4}");
        }
    }

    [Fact]
    public void ConversionsMatchPyTorch()
    {
        var fixture = Fixture.Load("half_conversions.json");
        uint[] inputs = [.. fixture.GetProperty("float32_bits").EnumerateArray().Select(e => e.GetUInt32())];
        int[] bfloat16 = [.. fixture.GetProperty("bfloat16_bits").EnumerateArray().Select(e => e.GetInt32())];
        int[] float16 = [.. fixture.GetProperty("float16_bits").EnumerateArray().Select(e => e.GetInt32())];
        Assert.True(inputs.Length > 300);
        for (int i = 0; i < inputs.Length; i++)
        {
            float x = FromBits(inputs[i]);
            // PyTorch's NaN patterns differ between its own code paths (0x7FC0, 0xFFFF); only NaN-ness is specified.
            if (float.IsNaN(x))
            {
                Assert.True(float.IsNaN(BFloat16.Widen(BFloat16.Narrow(x))) && float.IsNaN(BFloat16.Widen((ushort)bfloat16[i])));
                continue;
            }
            Assert.True(bfloat16[i] == BFloat16.Narrow(x), $"bfloat16 of {x} (0x{inputs[i]:X8}): PyTorch 0x{bfloat16[i]:X4}, ours 0x{BFloat16.Narrow(x):X4}");
            Assert.True(float16[i] == Float16.Narrow(x), $"float16 of {x} (0x{inputs[i]:X8}): PyTorch 0x{float16[i]:X4}, ours 0x{Float16.Narrow(x):X4}");
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void SimdFormsEqualTheScalarForms(string name)
    {
        var format = Format(name);
        var patterns = new uint[ushort.MaxValue + 1];
        for (uint i = 0; i < patterns.Length; i++) patterns[i] = i;
        for (int start = 0; start < patterns.Length; start += Vector<uint>.Count)
        {
            var widened = format.Widen(new Vector<uint>(patterns, start));
            for (int k = 0; k < Vector<uint>.Count; k++)
                Assert.Equal(BitConverter.SingleToUInt32Bits(format.Widen((ushort)patterns[start + k])), BitConverter.SingleToUInt32Bits(widened[k]));
        }
        var floats = Sweep().Select(FromBits).ToArray();
        for (int start = 0; start + Vector<float>.Count <= floats.Length; start += Vector<float>.Count)
        {
            var narrowed = format.Narrow(new Vector<float>(floats, start));
            for (int k = 0; k < Vector<float>.Count; k++)
                if (format.Narrow(floats[start + k]) != narrowed[k])
                    Assert.Fail($"{name}: {floats[start + k]} gives 0x{format.Narrow(floats[start + k]):X4} scalar, 0x{narrowed[k]:X4} SIMD");
        }
    }

    [Fact]
    public void BFloat16StructConvertsComparesAndPrints()
    {
        var x = (Sharpgrad.BFloat16)3.14159265f;
        Assert.Equal(0x4049, x.Bits);
        Assert.Equal(3.140625f, (float)x);
        Assert.Equal("3.140625", x.ToString());
        Assert.True((Sharpgrad.BFloat16)(-0f) == (Sharpgrad.BFloat16)0f);
        var nan = (Sharpgrad.BFloat16)float.NaN;
        var same = nan;
        Assert.True(nan.IsNaN && nan != same && nan.Equals(same));
        Assert.Equal(x, Sharpgrad.BFloat16.FromBits(0x4049));
    }

    /// <summary>Every 257th float32 bit pattern (257 is odd, so the low bits take every value), plus the boundaries.</summary>
    private static IEnumerable<uint> Sweep()
    {
        for (ulong bits = 0; bits <= uint.MaxValue; bits += 257) yield return (uint)bits;
        foreach (uint edge in new[] { 0x477F_F000u, 0x477F_EFFFu, 0x3880_0000u, 0x387F_FFFFu, 0x3300_0000u, 0x3300_0001u, 0x7F7F_8000u, 0xFFFF_FFFFu })
            yield return edge;
    }
}
