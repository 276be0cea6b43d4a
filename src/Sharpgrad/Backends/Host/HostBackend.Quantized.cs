using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends;

// The int8 primitives' checks and element-type switch, shared by the host backends: each implements the array forms.
internal abstract partial class HostBackend
{
    public sealed override IntegerStorage AllocateIntegers(IntegerKind kind, int length) => kind switch
    {
        IntegerKind.UInt8 => new HostIntegerStorage<byte>(kind, Rent<byte>(length), Device),
        IntegerKind.Int8 => new HostIntegerStorage<sbyte>(kind, Rent<sbyte>(length), Device),
        _ => new HostIntegerStorage<int>(kind, Rent<int>(length), Device),
    };

    public sealed override void ReleaseIntegers(IntegerStorage storage)
    {
        RequireOwn("ReleaseIntegers", storage);
        switch (storage)
        {
            case HostIntegerStorage<byte> b: BufferPool.Shared.Return(b.Data); break;
            case HostIntegerStorage<sbyte> s: BufferPool.Shared.Return(s.Data); break;
            default: BufferPool.Shared.Return(Integers<int>(storage)); break;
        }
    }

    /// <summary>A zeroed array from the pool: the buffers of an int8 pass are the same sizes batch after batch.</summary>
    private static T[] Rent<T>(int length) where T : unmanaged
    {
        var array = BufferPool.Shared.Rent<T>(length);
        Array.Clear(array);
        return array;
    }

    public sealed override void UploadIntegers(IntegerStorage destination, ReadOnlySpan<int> values)
    {
        RequireOwn("UploadIntegers", destination);
        if (values.Length != destination.Length)
            throw new ArgumentException($"UploadIntegers: expected {destination.Length} values for the {destination.Kind.Name()} buffer, got {values.Length}.");
        var (min, max) = destination.Kind.Range();
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] < min || values[i] > max)
                throw new ArgumentOutOfRangeException(nameof(values), $"UploadIntegers: value {values[i]} at {i} is outside the {destination.Kind.Name()} range [{min}, {max}].");
            switch (destination)
            {
                case HostIntegerStorage<byte> b: b.Data[i] = (byte)values[i]; break;
                case HostIntegerStorage<sbyte> s: s.Data[i] = (sbyte)values[i]; break;
                default: Integers<int>(destination)[i] = values[i]; break;
            }
        }
    }

    public sealed override int[] DownloadIntegers(IntegerStorage source)
    {
        RequireOwn("DownloadIntegers", source);
        return source switch
        {
            HostIntegerStorage<byte> b => [.. b.Data.Select(v => (int)v)],
            HostIntegerStorage<sbyte> s => [.. s.Data.Select(v => (int)v)],
            _ => (int[])Integers<int>(source).Clone(),
        };
    }

    public sealed override void Quantize(IntegerStorage codes, Tensor x, AffineQuantizer quantizer)
    {
        CheckCodes("Quantize", codes, x, quantizer);
        if (codes.Kind == IntegerKind.UInt8) Quantize(Integers<byte>(codes), x.Data<float>(), x.offset, x.Count, quantizer);
        else Quantize(Integers<sbyte>(codes), x.Data<float>(), x.offset, x.Count, quantizer);
    }

    public sealed override void Dequantize(Tensor x, IntegerStorage codes, AffineQuantizer quantizer)
    {
        CheckCodes("Dequantize", codes, x, quantizer);
        if (codes.Kind == IntegerKind.UInt8) Dequantize(x.Data<float>(), x.offset, x.Count, Integers<byte>(codes), quantizer);
        else Dequantize(x.Data<float>(), x.offset, x.Count, Integers<sbyte>(codes), quantizer);
    }

    public sealed override void IntegerMatMul(IntegerStorage c, IntegerStorage a, IntegerStorage b, int m, int n, int k)
    {
        RequireOwn("IntegerMatMul", c, a, b);
        RequireKind("IntegerMatMul", "a", a, IntegerKind.UInt8, (long)m * k);
        RequireKind("IntegerMatMul", "b", b, IntegerKind.Int8, (long)n * k);
        RequireKind("IntegerMatMul", "c", c, IntegerKind.Int32, (long)m * n);
        IntegerMatMul(Integers<int>(c), Integers<byte>(a), Integers<sbyte>(b), m, n, k);
    }

    public sealed override void Requantize(IntegerStorage output, IntegerStorage sums, Requantizer requantizer, int rows, int positions)
    {
        RequireOwn("Requantize", output, sums);
        long count = (long)rows * requantizer.Channels;
        if (positions < 1 || rows % positions != 0)
            throw new ArgumentException($"Requantize: {rows} rows are not whole images of {positions} positions.");
        RequireKind("Requantize", "sums", sums, IntegerKind.Int32, count);
        RequireKind("Requantize", "output", output, IntegerKind.UInt8, count);
        Requantize(Integers<byte>(output), Integers<int>(sums), requantizer, rows, positions);
    }

    public sealed override void ImageToRows(IntegerStorage rows, IntegerStorage image, ConvGeometry geometry, byte padding)
    {
        RequireOwn("ImageToRows", rows, image);
        RequireKind("ImageToRows", "image", image, IntegerKind.UInt8, (long)geometry.Batch * geometry.Channels * geometry.InputVolume);
        RequireKind("ImageToRows", "rows", rows, IntegerKind.UInt8, (long)geometry.Columns * geometry.Rows);
        ImageToRows(Integers<byte>(rows), Integers<byte>(image), geometry, padding);
    }

    /// <summary>codes[i] = quantizer.Code(x[offset + i], channel of i) for i &lt; count.</summary>
    protected abstract void Quantize<T>(T[] codes, float[] x, int offset, int count, AffineQuantizer quantizer) where T : unmanaged, IBinaryInteger<T>;

    /// <summary>x[offset + i] = quantizer.Value(codes[i], channel of i) for i &lt; count.</summary>
    protected abstract void Dequantize<T>(float[] x, int offset, int count, T[] codes, AffineQuantizer quantizer) where T : unmanaged, IBinaryInteger<T>;

    /// <summary>The array form of <see cref="IntegerMatMul(IntegerStorage, IntegerStorage, IntegerStorage, int, int, int)"/>.</summary>
    protected abstract void IntegerMatMul(int[] c, byte[] a, sbyte[] b, int m, int n, int k);

    /// <summary>The array form of <see cref="Requantize(IntegerStorage, IntegerStorage, Requantizer, int, int)"/>.</summary>
    protected abstract void Requantize(byte[] output, int[] sums, Requantizer requantizer, int rows, int positions);

    /// <summary>The array form of <see cref="ImageToRows(IntegerStorage, IntegerStorage, ConvGeometry, byte)"/>.</summary>
    protected abstract void ImageToRows(byte[] rows, byte[] image, ConvGeometry geometry, byte padding);

    /// <summary>The channel of element <paramref name="index"/> of a tensor of <paramref name="count"/> elements in <paramref name="channels"/> equal slices.</summary>
    protected static int ChannelOf(int index, int count, int channels) => channels == 1 ? 0 : index / (count / channels);

    private void CheckCodes(string op, IntegerStorage codes, Tensor x, AffineQuantizer quantizer)
    {
        RequireOwn(op, x);
        RequireOwn(op, codes);
        if (x.DType != DType.Float32 || !x.IsContiguous)
            throw new ArgumentException($"{op}: expected a contiguous float32 tensor, got {x.DType.Name()} {x.ShapeText}{(x.IsContiguous ? "" : " (strided)")}.");
        if (codes.Kind == IntegerKind.Int32 || codes.Length != x.Count)
            throw new ArgumentException($"{op}: expected {x.Count} uint8 or int8 codes for {x.ShapeText}, got {codes.Length} {codes.Kind.Name()}.");
        var (min, max) = codes.Kind.Range();
        if (quantizer.QuantMin < min || quantizer.QuantMax > max || quantizer.QuantMin > quantizer.QuantMax)
            throw new ArgumentException($"{op}: the code range [{quantizer.QuantMin}, {quantizer.QuantMax}] does not fit {codes.Kind.Name()} [{min}, {max}].");
        if (quantizer.Channels < 1 || x.Count % quantizer.Channels != 0 || (quantizer.Channels > 1 && (x.Rank == 0 || x.Size(0) != quantizer.Channels)))
            throw new ArgumentException($"{op}: {quantizer.Channels} channel scales do not match dim 0 of {x.ShapeText}.");
    }

    private static void RequireKind(string op, string name, IntegerStorage s, IntegerKind kind, long length)
    {
        if (s.Kind != kind || s.Length < length)
            throw new ArgumentException($"{op}: expected {name} to hold at least {length} {kind.Name()} values, got {s.Length} {s.Kind.Name()}.");
    }

    private static T[] Integers<T>(IntegerStorage s) where T : unmanaged => ((HostIntegerStorage<T>)s).Data;
}
