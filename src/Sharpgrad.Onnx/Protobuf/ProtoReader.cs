namespace Sharpgrad.Onnx.Protobuf;

/// <summary>
/// Reads the protobuf wire format field by field (the reverse of <see cref="ProtoWriter"/>): a key (field number × 8 +
/// wire type), then a varint, a fixed64, a length-delimited byte string (strings, bytes, packed arrays and embedded
/// messages) or a fixed32. A reader covers one message's bytes; an embedded message is read by a reader over its
/// slice. Offsets in errors are from the start of the file, so a corrupt file can be inspected at the right byte.
/// </summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> bytes, long fileOffset, string file)
{
    public const int VarintWire = 0, Fixed64Wire = 1, LengthDelimitedWire = 2, Fixed32Wire = 5;

    private readonly ReadOnlySpan<byte> bytes = bytes;
    private int position;

    /// <summary>The file offset of the next byte to be read.</summary>
    public readonly long Offset => fileOffset + position;

    public readonly bool AtEnd => position >= bytes.Length;

    /// <summary>The next field's number and wire type.</summary>
    public (int Field, int Wire) ReadKey()
    {
        ulong key = ReadVarint();
        int wire = (int)(key & 7);
        if (key >> 3 == 0 || key >> 3 > int.MaxValue || wire is not (VarintWire or Fixed64Wire or LengthDelimitedWire or Fixed32Wire))
            throw Malformed($"a field key with field {key >> 3} and wire type {wire}");
        return ((int)(key >> 3), wire);
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (position >= bytes.Length) throw Malformed("a varint that runs past the end of its message");
            byte b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw Malformed("a varint longer than ten bytes");
    }

    /// <summary>A length-delimited field's bytes; <paramref name="start"/> is the file offset where they begin.</summary>
    public ReadOnlySpan<byte> ReadLengthDelimited(out long start)
    {
        ulong length = ReadVarint();
        if (length > (ulong)(bytes.Length - position))
            throw Malformed($"a field of {length} bytes where only {bytes.Length - position} remain");
        var slice = bytes.Slice(position, (int)length);
        start = Offset;
        position += (int)length;
        return slice;
    }

    /// <summary>Skips a field of the given wire type that the caller does not need.</summary>
    public void Skip(int wire)
    {
        switch (wire)
        {
            case VarintWire: ReadVarint(); break;
            case LengthDelimitedWire: ReadLengthDelimited(out _); break;
            case Fixed64Wire: Advance(8); break;
            case Fixed32Wire: Advance(4); break;
        }
    }

    /// <summary>A reader over an embedded message (or a packed array) that this reader holds next.</summary>
    public ProtoReader ReadEmbedded()
    {
        var slice = ReadLengthDelimited(out long start);
        return new ProtoReader(slice, start, file);
    }

    /// <summary>An error that names the file, the byte offset and what was found there.</summary>
    public readonly InvalidDataException Malformed(string found) =>
        new($"{file}: byte {Offset}: malformed ONNX (protobuf) data: found {found}.");

    private void Advance(int count)
    {
        if (count > bytes.Length - position) throw Malformed($"a fixed-size field that runs past the end of its message");
        position += count;
    }
}
