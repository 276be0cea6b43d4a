using System.Buffers.Binary;
using System.IO.Compression;
using Sharpgrad.Data;
using Sharpgrad.Tests.IO;

namespace Sharpgrad.Tests.Data;

/// <summary>
/// IDX files written byte by byte from the format's published description (LeCun et al., "FILE FORMATS FOR THE
/// TRAINING AND TEST SET FILES": magic 0x00000801/0x00000803, big-endian int32 dims, unsigned-byte values),
/// independently of the reader.
/// </summary>
public class IdxReaderTests : TempDirectory
{
    /// <summary>The bytes of an IDX file: magic, dims, values.</summary>
    internal static byte[] Idx(int magic, int[] dims, byte[] values)
    {
        var bytes = new byte[4 + 4 * dims.Length + values.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int d = 0; d < dims.Length; d++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), dims[d]);
        values.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    internal static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Fastest)) gz.Write(content);
        return buffer.ToArray();
    }

    /// <summary>n images of rows×cols whose pixel values run 0, 37, 74, … (mod 256), all different for up to 256 pixels.</summary>
    internal static byte[] Pixels(int n, int rows, int cols)
        => Enumerable.Range(0, n * rows * cols).Select(i => (byte)(i * 37 % 256)).ToArray();

    internal static byte[] ImagesFile(int n, int rows, int cols) => Idx(0x00000803, [n, rows, cols], Pixels(n, rows, cols));

    internal static byte[] LabelsFile(params byte[] labels) => Idx(0x00000801, [labels.Length], labels);

    private string Write(string name, byte[] content)
    {
        File.WriteAllBytes(PathOf(name), content);
        return PathOf(name);
    }

    private InvalidDataException ImagesError(string name, byte[] content)
        => Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(Write(name, content)));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ImagesAndLabelsRoundTrip(bool gzipped)
    {
        var images = ImagesFile(3, 2, 4);
        var labels = LabelsFile(7, 0, 255);
        string imagesPath = Write("images", gzipped ? Gzip(images) : images);
        string labelsPath = Write("labels", gzipped ? Gzip(labels) : labels);

        var x = IdxReader.ReadImages(imagesPath);
        Assert.Equal([3, 1, 2, 4], x.Shape);
        Assert.Equal(DType.Float32, x.DType);
        // ToTensor's scaling: each byte b becomes the float32 quotient b / 255.
        Assert.Equal(Pixels(3, 2, 4).Select(b => b / 255f), x.ToArray<float>());
        var y = IdxReader.ReadLabels(labelsPath);
        Assert.Equal(DType.Int64, y.DType);
        Assert.Equal([7L, 0, 255], y.ToArray<long>());

        var dataset = IdxReader.ReadDataset(imagesPath, labelsPath);
        Assert.Equal(3, dataset.Count);
        Assert.Equal(255L, dataset[2].Target.Item<long>());
        Assert.Equal([1, 2, 4], dataset[2].Input.Shape);
    }

    [Fact]
    public void CompressionIsRecognisedByTheGzipHeaderNotTheName()
    {
        var images = ImagesFile(2, 3, 3);
        var plainNamedGz = IdxReader.ReadImages(Write("plain.gz", images));
        var gzNamedPlain = IdxReader.ReadImages(Write("compressed-idx3-ubyte", Gzip(images)));
        Assert.True(plainNamedGz.Eq(gzNamedPlain).All());
        Assert.Equal(Pixels(2, 3, 3).Select(b => b / 255f), gzNamedPlain.ToArray<float>());
    }

    [Fact]
    public void EmptyFilesOfZeroItemsAreValid()
    {
        Assert.Equal([0, 1, 28, 28], IdxReader.ReadImages(Write("none", Idx(0x803, [0, 28, 28], []))).Shape);
        Assert.Equal([0], IdxReader.ReadLabels(Write("nolabels", LabelsFile())).Shape);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedValuesReportTheByteOffsetAndTheDeclaredLength(bool gzipped)
    {
        // Header 16 bytes + 3·2·4 = 24 values: the file should be 40 bytes; keep 30.
        var cut = ImagesFile(3, 2, 4)[..30];
        var e = ImagesError("train-images-idx3-ubyte" + (gzipped ? ".gz" : ""), gzipped ? Gzip(cut) : cut);
        Assert.StartsWith($"IdxReader: train-images-idx3-ubyte{(gzipped ? ".gz" : "")}: truncated at byte 30 of 40", e.Message);
        Assert.Contains("[3, 2, 4]", e.Message);
        Assert.Equal(gzipped, e.Message.Contains("decompressed"));
    }

    [Fact]
    public void TruncatedHeaderAndMagicAreReported()
    {
        var images = ImagesFile(3, 2, 4);
        Assert.Contains("images: truncated at byte 10 of 16 (in the 16-byte header)", ImagesError("images", images[..10]).Message);
        Assert.Contains("truncated at byte 2 of 4 (in the magic number)", ImagesError("images", images[..2]).Message);
        Assert.Contains("truncated at byte 0 of 4", ImagesError("empty", []).Message);
    }

    [Fact]
    public void WrongMagicSaysWhatWasExpectedAndWhatWasFound()
    {
        var e = ImagesError("labels-not-images", LabelsFile(1, 2));
        Assert.Contains("IdxReader: labels-not-images: wrong magic number at byte 0", e.Message);
        Assert.Contains("expected 0x00000803 (unsigned byte, 3 dims: images)", e.Message);
        Assert.Contains("got 0x00000801 (unsigned byte, 1 dim)", e.Message);

        var l = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(Write("images-not-labels", ImagesFile(1, 2, 2))));
        Assert.Contains("expected 0x00000801 (unsigned byte, 1 dim: labels), got 0x00000803", l.Message);

        var zip = ImagesError("archive.zip", [0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0]);
        Assert.Contains("got 0x504B0304 (not an IDX file)", zip.Message);
    }

    [Fact]
    public void OtherIdxDataTypesAreRejectedByName()
    {
        // 0x0D = float32 in the IDX type table, 3 dims.
        var e = ImagesError("floats", Idx(0x00000D03, [1, 1, 1], [0, 0, 0, 0]));
        Assert.Contains("IdxReader: floats: unsupported data type 0x0D (float32) at byte 2", e.Message);
        Assert.Contains("0x08 (unsigned byte)", e.Message);
        Assert.Contains("0x09 (signed byte)", ImagesError("sbytes", Idx(0x00000903, [1, 1, 1], [0])).Message);
    }

    [Fact]
    public void TrailingBytesAndNegativeDimsAreRejected()
    {
        var e = ImagesError("long", [.. ImagesFile(1, 2, 2), 9, 9]);
        Assert.Contains("IdxReader: long: the file goes on after byte 20", e.Message);
        var n = ImagesError("negative", Idx(0x803, [1, -2, 2], [0, 0]));
        Assert.Contains("dim 1 (bytes 8..12) is negative (-2)", n.Message);
    }

    [Fact]
    public void ImageAndLabelCountsMustMatch()
    {
        string images = Write("train-images-idx3-ubyte", ImagesFile(3, 2, 2));
        string labels = Write("train-labels-idx1-ubyte", LabelsFile(1, 2));
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadDataset(images, labels));
        Assert.Contains("IdxReader: train-images-idx3-ubyte holds 3 images but train-labels-idx1-ubyte holds 2 labels", e.Message);
    }

    [Fact]
    public void CorruptGzipDataIsReportedAsSuchWithTheFileName()
    {
        var gz = Gzip(ImagesFile(4, 8, 8));
        for (int i = 12; i < gz.Length - 8; i++) gz[i] ^= 0x5A; // scramble the deflate stream, keep the gzip header
        var e = ImagesError("scrambled.gz", gz);
        Assert.StartsWith("IdxReader: scrambled.gz: ", e.Message);
    }

    [Fact]
    public void DamageInTheDeflateStreamGivesTheCompressedRangeAndNoMisleadingCause()
    {
        var gz = Gzip(ImagesFile(4, 8, 8));
        for (int i = 12; i < gz.Length - 8; i++) gz[i] ^= 0x5A;
        var e = ImagesError("scrambled.gz", gz);
        Assert.Matches($@"the gzip data is corrupt: decompression failed in compressed bytes \d+\.\.\d+ of {gz.Length}", e.Message);
        Assert.DoesNotContain("unsupported compression method", e.Message);
    }

    [Fact]
    public void AnUnknownGzipCompressionMethodIsNamedAtByteTwo()
    {
        var gz = Gzip(ImagesFile(1, 2, 2));
        gz[2] = 0x07; // RFC 1952: only 8 (deflate) is defined
        var e = ImagesError("method.gz", gz);
        Assert.Equal("IdxReader: method.gz: the gzip header's compression method (byte 2) is 0x07; expected 0x08 (deflate), the only method gzip defines.", e.Message);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(255)]
    public void ALabelOutOfRangeIsRejectedWithItsByteOffset(byte bad)
    {
        string path = Write("labels", LabelsFile(0, 9, bad, 1));
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path, classes: 10));
        // header: 4 magic bytes + one 4-byte dim, so item 2 is at byte 10
        Assert.Equal($"IdxReader: labels: label {bad} of item 2 (byte 10) is out of range; expected 0..9 (10 classes).", e.Message);
        Assert.Equal([0L, 9, bad, 1], IdxReader.ReadLabels(path).ToArray<long>()); // without a class count, bytes as stored
    }

    [Fact]
    public void ADatasetWithImagesOfTheWrongSizeIsRejected()
    {
        // [2, 14, 56] holds as many bytes as [2, 28, 28]: only the expected size can catch it.
        string images = Write("train-images", ImagesFile(2, 14, 56));
        string labels = Write("train-labels", LabelsFile(1, 2));
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadDataset(images, labels, classes: 10, imageSize: (28, 28)));
        Assert.Equal("IdxReader: train-images: the header's dims (bytes 8..16) give 14×56 images; expected 28×28.", e.Message);
    }

    [Fact]
    public void FashionMnistChecksTheImageSizeAndTheLabels()
    {
        Write("train-images-idx3-ubyte", ImagesFile(2, 14, 56));
        Write("train-labels-idx1-ubyte", LabelsFile(1, 2));
        Assert.Contains("expected 28×28", Assert.Throws<InvalidDataException>(() => Datasets.FashionMnist(Dir)).Message);
        Write("t10k-images-idx3-ubyte", ImagesFile(2, 28, 28));
        Write("t10k-labels-idx1-ubyte", LabelsFile(3, 10));
        Assert.Contains("label 10 of item 1 (byte 9) is out of range", Assert.Throws<InvalidDataException>(() => Datasets.FashionMnist(Dir, train: false)).Message);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        var e = Assert.Throws<FileNotFoundException>(() => IdxReader.ReadImages(PathOf("absent")));
        Assert.Contains("IdxReader", e.Message);
        Assert.Contains("absent", e.Message);
    }
}
