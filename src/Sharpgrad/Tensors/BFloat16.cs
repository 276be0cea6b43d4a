using System.Globalization;
using Sharpgrad.Kernels;

namespace Sharpgrad;

/// <summary>
/// A bfloat16 ("brain float") number: the top 16 bits of a float32, with float32's range (to about 3.4e38) and 8 bits of
/// significand (about 2–3 decimal digits). .NET 10 has no such type (it has <see cref="Half"/>, IEEE float16), so this
/// is the element type of <see cref="DType.BFloat16"/> tensors: a 16-bit pattern with conversions to and from float32.
/// Converting from float32 rounds to nearest, ties to even, as PyTorch does; NaN stays a (quiet) NaN. Arithmetic is
/// done by widening to float32 (GBC §12.1.6 on reduced precision: store narrow, compute wide).
/// </summary>
public readonly struct BFloat16 : IEquatable<BFloat16>, IFormattable
{
    private BFloat16(ushort bits) => Bits = bits;

    /// <summary>The 16-bit pattern: sign, 8 exponent bits, 7 significand bits.</summary>
    public ushort Bits { get; }

    public static BFloat16 FromBits(ushort bits) => new(bits);

    public static explicit operator BFloat16(float value) => new(default(BFloat16Format).Narrow(value));

    /// <summary>Rounds through float32, as PyTorch's conversion does (two roundings, which can differ from one in rare ties).</summary>
    public static explicit operator BFloat16(double value) => (BFloat16)(float)value;

    /// <summary>Exact: every bfloat16 is a float32.</summary>
    public static explicit operator float(BFloat16 value) => default(BFloat16Format).Widen(value.Bits);

    public static explicit operator double(BFloat16 value) => (float)value;

    public bool IsNaN => float.IsNaN((float)this);

    /// <summary>IEEE comparison, as for float: NaN equals nothing, +0 equals −0.</summary>
    public static bool operator ==(BFloat16 a, BFloat16 b) => (float)a == (float)b;

    public static bool operator !=(BFloat16 a, BFloat16 b) => (float)a != (float)b;

    /// <summary>As <see cref="float.Equals(float)"/>: NaN equals NaN (so it can be found in collections), +0 equals −0.</summary>
    public bool Equals(BFloat16 other) => ((float)this).Equals((float)other);

    public override bool Equals(object? obj) => obj is BFloat16 other && Equals(other);

    public override int GetHashCode() => ((float)this).GetHashCode();

    /// <summary>The value printed as the float32 it equals (the shortest text that reads back to that float32).</summary>
    public override string ToString() => ((float)this).ToString(CultureInfo.InvariantCulture);

    public string ToString(string? format, IFormatProvider? formatProvider) => ((float)this).ToString(format, formatProvider);
}
