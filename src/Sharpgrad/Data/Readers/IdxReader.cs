using System.Buffers.Binary;

namespace Sharpgrad.Data;

/// <summary>
/// Reads the IDX files of MNIST and Fashion-MNIST (LeCun et al., "THE MNIST DATABASE of handwritten digits",
/// section "FILE FORMATS"), gzip-compressed or plain:
/// <list type="bullet">
/// <item>bytes 0–3, the magic number: two zero bytes, the data type (0x08 = unsigned byte) and the number of
/// dims, so a labels file starts 0x00000801 and an images file 0x00000803;</item>
/// <item>one big-endian int32 per dim (images: count, rows, columns; labels: count);</item>
/// <item>the values, row-major, one byte each.</item>
/// </list>
/// Images come back as float32 [N, 1, rows, cols] scaled to [0, 1] (÷255, as torchvision's <c>ToTensor</c>),
/// labels as int64 [N]. Every defect is reported with the file name and the byte offset where it shows, e.g.
/// <c>IdxReader: train-images-idx3-ubyte.gz: truncated at byte 1234 of 47040016</c>; offsets in a gzipped file
/// count decompressed bytes. Only unsigned-byte data is supported, the type every MNIST-format file uses.
/// </summary>
public static class IdxReader
{
    private const string Name = "IdxReader";
    private const byte UnsignedByte = 0x08;
    private const int LabelsMagic = 0x00000801;
    private const int ImagesMagic = 0x00000803;

    /// <summary>An images file (magic 0x00000803) as float32 [N, 1, rows, cols] with values in [0, 1].</summary>
    public static Tensor ReadImages(string path)
    {
        var (dims, pixels) = ReadUnsignedBytes(path, ImagesMagic, "images");
        return PixelBytes.ToTensor(pixels, [dims[0], 1, dims[1], dims[2]]);
    }

    /// <summary>
    /// A labels file (magic 0x00000801) as int64 [N], each label the byte value as stored. With
    /// <paramref name="classes"/>, a label outside 0..classes−1 is rejected naming its byte offset, rather than
    /// failing later inside a loss.
    /// </summary>
    public static Tensor ReadLabels(string path, int? classes = null)
    {
        if (classes is < 1 or > 256)
            throw new ArgumentOutOfRangeException(nameof(classes), $"{Name}.ReadLabels: classes must be in 1..256 (labels are bytes), got {classes}.");
        var (dims, bytes) = ReadUnsignedBytes(path, LabelsMagic, "labels");
        var values = new long[bytes.Length];
        const int headerLength = 8; // magic and one dim
        for (int i = 0; i < bytes.Length; i++) // decoding file bytes, not a tensor loop
        {
            if (bytes[i] >= classes)
                throw new InvalidDataException(
                    $"{Name}: {Path.GetFileName(path)}: label {bytes[i]} of item {i} (byte {headerLength + i}) is out of range; expected 0..{classes - 1} ({classes} classes).");
            values[i] = bytes[i];
        }
        return Tensor.FromHost<long>(values, [dims[0]]);
    }

    /// <summary>
    /// An images file and its labels file as one dataset of (image [1, rows, cols], label) samples; the two files
    /// must hold the same number of items. With <paramref name="imageSize"/>, images of another size are rejected (an
    /// IDX file whose dims were changed so that the byte count still fits, e.g. [60000, 14, 56], would otherwise load
    /// as scrambled images); with <paramref name="classes"/>, labels out of range are (see <see cref="ReadLabels"/>).
    /// </summary>
    public static TensorDataset ReadDataset(string imagesPath, string labelsPath, int? classes = null, (int Rows, int Columns)? imageSize = null)
        => ReadByteDataset(imagesPath, labelsPath, classes, imageSize).ToTensorDataset();

    /// <summary>
    /// The same files and checks as <see cref="ReadDataset"/>, with the images kept as their bytes and converted to
    /// float32 one batch at a time (<see cref="ByteImageDataset"/>): a quarter of the memory, the same batches.
    /// </summary>
    public static ByteImageDataset ReadByteDataset(string imagesPath, string labelsPath, int? classes = null, (int Rows, int Columns)? imageSize = null)
    {
        var (dims, pixels) = ReadUnsignedBytes(imagesPath, ImagesMagic, "images");
        if (imageSize is { } size && (dims[1] != size.Rows || dims[2] != size.Columns))
            throw new InvalidDataException(
                $"{Name}: {Path.GetFileName(imagesPath)}: the header's dims (bytes 8..16) give {dims[1]}×{dims[2]} images; expected {size.Rows}×{size.Columns}.");
        var labels = ReadLabels(labelsPath, classes);
        if (dims[0] != labels.Size(0))
            throw new InvalidDataException(
                $"{Name}: {Path.GetFileName(imagesPath)} holds {dims[0]} images but {Path.GetFileName(labelsPath)} holds {labels.Size(0)} labels; expected one label per image.");
        return new ByteImageDataset(pixels, [1, dims[1], dims[2]], labels);
    }

    /// <summary>Checks the header against <paramref name="expectedMagic"/> and returns the dims and the raw values.</summary>
    private static (int[] Dims, byte[] Values) ReadUnsignedBytes(string path, int expectedMagic, string content)
    {
        using var input = BinaryInput.Open(path, Name);
        Span<byte> magicBytes = stackalloc byte[4];
        input.ReadExactly(magicBytes, 4, "in the magic number");
        int magic = BinaryPrimitives.ReadInt32BigEndian(magicBytes);
        CheckMagic(input, magic, expectedMagic, content);

        int rank = expectedMagic & 0xFF;
        int headerLength = 4 + 4 * rank;
        var dimBytes = new byte[4 * rank];
        input.ReadExactly(dimBytes, headerLength, $"in the {headerLength}-byte header");
        var dims = new int[rank];
        long count = 1;
        for (int d = 0; d < rank; d++)
        {
            dims[d] = BinaryPrimitives.ReadInt32BigEndian(dimBytes.AsSpan(4 * d));
            if (dims[d] < 0)
                throw input.Error($"dim {d} (bytes {4 + 4 * d}..{8 + 4 * d}) is negative ({dims[d]})");
            count *= dims[d];
            if (count > Array.MaxLength)
                throw input.Error($"the header's dims [{string.Join(", ", dims[..(d + 1)])}] hold more than {Array.MaxLength} values, more than one array can");
        }

        long total = headerLength + count;
        var values = new byte[count];
        string declared = $"the header declares [{string.Join(", ", dims)}] {content}";
        input.ReadExactly(values, total, declared);
        input.ExpectEnd(total, $"the {content} [{string.Join(", ", dims)}] declared by the header");
        return (dims, values);
    }

    private static void CheckMagic(BinaryInput input, int magic, int expected, string content)
    {
        byte type = (byte)(magic >> 8);
        if ((magic & unchecked((int)0xFFFF0000)) == 0 && type != UnsignedByte && TypeName(type) is { } typeName)
            throw input.Error($"unsupported data type 0x{type:X2} ({typeName}) at byte 2; only 0x08 (unsigned byte), the type of MNIST-format {content}, is supported");
        if (magic != expected)
            throw input.Error($"wrong magic number at byte 0: expected 0x{expected:X8} ({Describe(expected)}: {content}), got 0x{magic:X8}{DescribeIfIdx(magic)}");
    }

    private static string Describe(int magic)
    {
        int rank = magic & 0xFF;
        return $"{TypeName((byte)(magic >> 8))}, {rank} dim{(rank == 1 ? "" : "s")}";
    }

    private static string DescribeIfIdx(int magic)
        => (magic & unchecked((int)0xFFFF0000)) == 0 && TypeName((byte)(magic >> 8)) is not null
            ? $" ({Describe(magic)})"
            : " (not an IDX file)";

    /// <summary>The IDX data types (LeCun's table), or null for a byte that names none.</summary>
    private static string? TypeName(byte type) => type switch
    {
        0x08 => "unsigned byte",
        0x09 => "signed byte",
        0x0B => "int16",
        0x0C => "int32",
        0x0D => "float32",
        0x0E => "float64",
        _ => null,
    };
}
