using System.Runtime.InteropServices;

namespace Sharpgrad.IO;

/// <summary>
/// The element types of the safetensors format, named by their header codes ("F32", "BF16", ...), and how each
/// one's little-endian bytes become a Sharpgrad tensor. Sharpgrad writes its own six dtypes (F32, F64, I64, BF16,
/// F16, BOOL) byte for byte, so a half-precision checkpoint stays half the size, and reads these plus the narrow
/// integer types PyTorch users commonly save: I32, I16, I8 and U8 are widened to int64.
/// </summary>
/// <remarks>
/// Decoding runs element loops here rather than in Kernels because it is file-format translation, done once per
/// load, not tensor arithmetic that a compute backend would replace.
/// </remarks>
internal sealed class SafeTensorsDType
{
    private readonly Func<byte[], int[], Tensor> decode;

    private SafeTensorsDType(string code, int size, DType loadsAs, Func<byte[], int[], Tensor> decode)
    {
        Code = code;
        Size = size;
        LoadsAs = loadsAs;
        this.decode = decode;
    }

    /// <summary>The header code, e.g. "F32".</summary>
    public string Code { get; }

    /// <summary>Bytes per element.</summary>
    public int Size { get; }

    /// <summary>The dtype of the tensor this type loads into.</summary>
    public DType LoadsAs { get; }

    /// <summary>The tensor of <paramref name="shape"/> held in <paramref name="bytes"/> (exactly count × Size of them).</summary>
    public Tensor Decode(byte[] bytes, int[] shape) => decode(bytes, shape);

    /// <summary>
    /// The supported types, in the reference implementation's writing order: its Dtype enum descending
    /// (I64, F64, F32, ..., BOOL), which puts wider elements first so that every tensor stays aligned.
    /// </summary>
    public static readonly IReadOnlyList<SafeTensorsDType> All =
    [
        new("I64", 8, DType.Int64, Reinterpret<long>),
        new("F64", 8, DType.Float64, Reinterpret<double>),
        new("F32", 4, DType.Float32, Reinterpret<float>),
        new("I32", 4, DType.Int64, (b, s) => Convert<int, long>(b, s, v => v)),
        new("BF16", 2, DType.BFloat16, Reinterpret<BFloat16>),
        new("F16", 2, DType.Float16, Reinterpret<Half>),
        new("I16", 2, DType.Int64, (b, s) => Convert<short, long>(b, s, v => v)),
        new("I8", 1, DType.Int64, (b, s) => Convert<sbyte, long>(b, s, v => v)),
        new("U8", 1, DType.Int64, (b, s) => Convert<byte, long>(b, s, v => v)),
        // Any non-zero byte is true, so a stray 0xFF cannot produce an invalid .NET bool.
        new("BOOL", 1, DType.Bool, (b, s) => Convert<byte, bool>(b, s, v => v != 0)),
    ];

    /// <summary>Position in <see cref="All"/>: the reference writer stores tensors in ascending order of this.</summary>
    public int WriteOrder => ((IList<SafeTensorsDType>)All).IndexOf(this);

    /// <summary>The type with header code <paramref name="code"/>, or null when the format's code is not supported.</summary>
    public static SafeTensorsDType? FromCode(string code) => All.FirstOrDefault(t => t.Code == code);

    /// <summary>The code Sharpgrad writes for a tensor of <paramref name="dtype"/>.</summary>
    public static SafeTensorsDType ForSaving(DType dtype) => dtype switch
    {
        DType.Float32 => FromCode("F32")!,
        DType.Float64 => FromCode("F64")!,
        DType.Int64 => FromCode("I64")!,
        DType.Bool => FromCode("BOOL")!,
        DType.Float16 => FromCode("F16")!,
        DType.BFloat16 => FromCode("BF16")!,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    public static string SupportedCodes => string.Join(", ", All.Select(t => t.Code));

    /// <summary>The tensor's elements, row-major, as the little-endian bytes the format stores.</summary>
    public static ReadOnlySpan<byte> Encode(Tensor tensor)
    {
        // .NET stores bool as one byte, 0 or 1, as the format does.
        return tensor.Detach().ToHostBytes();
    }

    private static Tensor Reinterpret<T>(byte[] bytes, int[] shape) where T : unmanaged
        => Tensor.FromHostBytes(bytes, DTypeInfo.Of<T>(), shape);

    private static Tensor Convert<TFrom, TTo>(byte[] bytes, int[] shape, Func<TFrom, TTo> convert)
        where TFrom : unmanaged where TTo : unmanaged
    {
        var source = MemoryMarshal.Cast<byte, TFrom>(bytes);
        var values = new TTo[source.Length];
        for (int i = 0; i < values.Length; i++) values[i] = convert(source[i]);
        return Wrap(values, shape);
    }

    private static Tensor Wrap<T>(T[] values, int[] shape) where T : unmanaged => Tensor.FromHost<T>(values, shape);
}
