using System.Buffers.Binary;
using System.Text;

namespace Sharpgrad.Onnx.Protobuf;

/// <summary>
/// The protobuf wire format, as much of it as ONNX files need: each field is a key (field number × 8 + wire type)
/// followed by a varint, a little-endian fixed32, or a length-prefixed byte string; an embedded message is a byte
/// string holding the message's own fields (https://protobuf.dev/programming-guides/encoding/).
/// </summary>
internal sealed class ProtoWriter
{
    private const int VarintWire = 0;
    private const int LengthDelimitedWire = 2;
    private const int Fixed32Wire = 5;

    private readonly MemoryStream buffer = new();

    public byte[] ToArray() => buffer.ToArray();

    public void Int64(int field, long value)
    {
        Key(field, VarintWire);
        Varint(unchecked((ulong)value));   // negative numbers take ten bytes, as protobuf's int64 does
    }

    /// <summary>A repeated int64 written unpacked, one key per element: onnx.proto is proto2, whose default this is.</summary>
    public void Int64s(int field, IEnumerable<long> values)
    {
        foreach (long value in values) Int64(field, value);
    }

    public void Float(int field, float value)
    {
        Key(field, Fixed32Wire);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        buffer.Write(bytes);
    }

    public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Key(field, LengthDelimitedWire);
        Varint((ulong)value.Length);
        buffer.Write(value);
    }

    /// <summary>An embedded message: written into its own writer first, since its length prefix comes before it.</summary>
    public void Message(int field, Action<ProtoWriter> writeFields)
    {
        var inner = new ProtoWriter();
        writeFields(inner);
        Bytes(field, inner.ToArray());
    }

    private void Key(int field, int wireType) => Varint((ulong)((field << 3) | wireType));

    /// <summary>Seven bits per byte, least significant first; the high bit says another byte follows.</summary>
    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        buffer.WriteByte((byte)value);
    }
}
