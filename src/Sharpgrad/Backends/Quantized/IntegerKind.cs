namespace Sharpgrad.Backends;

/// <summary>
/// The integer element types of quantised inference (GBC §12.1.6; PyTorch's fbgemm scheme): unsigned 8-bit codes for
/// activations, signed 8-bit codes for weights, and the 32-bit sums their products accumulate into.
/// </summary>
internal enum IntegerKind
{
    /// <summary>Activation codes, 0…255 (PyTorch's quint8).</summary>
    UInt8,

    /// <summary>Weight codes, −128…127 (PyTorch's qint8).</summary>
    Int8,

    /// <summary>Accumulators of int8 products (PyTorch's qint32).</summary>
    Int32,
}

internal static class IntegerKinds
{
    public static string Name(this IntegerKind kind) => kind switch
    {
        IntegerKind.UInt8 => "uint8",
        IntegerKind.Int8 => "int8",
        _ => "int32",
    };

    public static (long Min, long Max) Range(this IntegerKind kind) => kind switch
    {
        IntegerKind.UInt8 => (byte.MinValue, byte.MaxValue),
        IntegerKind.Int8 => (sbyte.MinValue, sbyte.MaxValue),
        _ => (int.MinValue, int.MaxValue),
    };
}
