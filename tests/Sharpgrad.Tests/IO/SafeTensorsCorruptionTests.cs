using System.Buffers.Binary;
using Sharpgrad.IO;

namespace Sharpgrad.Tests.IO;

/// <summary>Every malformed file raises InvalidDataException naming the file and where in it the problem lies.</summary>
public class SafeTensorsCorruptionTests : TempDirectory
{
    private const string WeightHeader = """{"weight":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}}""";

    /// <summary>A valid file holding a [2, 3] float32 and a [2] int64; returns its bytes and header length.</summary>
    private (byte[] Bytes, int HeaderLength) ValidFile()
    {
        var path = PathOf("valid.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor>
        {
            ["weight"] = Tensor.Ones(2, 3),
            ["steps"] = Tensor.FromArray(new long[] { 1, 2 }),
        }, new Dictionary<string, string> { ["format"] = "pt" });
        var bytes = File.ReadAllBytes(path);
        return (bytes, (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes));
    }

    private string Write(string name, byte[] bytes)
    {
        var path = PathOf(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string LoadError(string path)
    {
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.StartsWith($"SafeTensors: {path}: ", e.Message);
        return e.Message;
    }

    [Fact]
    public void TruncationAnywhereIsReported()
    {
        var (bytes, n) = ValidFile();
        int dataStart = 8 + n;
        // Cuts inside the length prefix, inside the header, at the end of the header, and inside the data.
        foreach (int cut in new[] { 0, 3, 7, 8, 20, dataStart - 1, dataStart, dataStart + 5, bytes.Length - 1 })
        {
            var message = LoadError(Write($"cut{cut}.safetensors", bytes[..cut]));
            if (cut < 8) Assert.Contains($"the file is {cut} bytes long, too short for the 8-byte header length", message);
            else if (cut < dataStart)
                Assert.Contains($"the file is truncated: its header (bytes 8..{dataStart}) runs past the end of the file at byte {cut}; {dataStart - cut} bytes of the header", message);
            else Assert.Contains($"the file is truncated: its tensors need data up to byte {bytes.Length} but the file ends at byte {cut}; {bytes.Length - cut} bytes are missing", message);
        }
    }

    [Fact]
    public void HeaderLengthBeyondTheFileIsReported()
    {
        var (bytes, _) = ValidFile();
        var copy = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(copy, (ulong)bytes.Length);
        var message = LoadError(Write("long.safetensors", copy));
        Assert.Contains($"the file is truncated: its header (bytes 8..{8 + bytes.Length}) runs past the end of the file at byte {bytes.Length}; 8 bytes of the header", message);
        foreach (ulong bogus in new[] { 100_000_001UL, 1UL << 40, ulong.MaxValue })
        {
            BinaryPrimitives.WriteUInt64LittleEndian(copy, bogus);
            Assert.Contains($"the header length {bogus} (bytes 0..8) is over the safetensors limit of 100000000 bytes (100 MB)", LoadError(Write("long.safetensors", copy)));
        }
    }

    [Fact]
    public void InvalidJsonIsReportedWithItsByteOffset()
    {
        var (bytes, n) = ValidFile();
        var copy = (byte[])bytes.Clone();
        int colon = Array.IndexOf(copy, (byte)':', 8); // the first key's colon, as a byte position in the file
        copy[colon] = (byte)'#';
        var message = LoadError(Write("json.safetensors", copy));
        Assert.Contains($"the header (bytes 8..{8 + n}) is not valid JSON: error at byte {colon}:", message);

        var text = LoadError(HandMade("trunc.safetensors", """{"weight":{"dtype":"F32",""", []));
        Assert.Contains("not valid JSON", text);
    }

    [Fact]
    public void OffsetsPastTheDataGiveTheAbsoluteByte()
    {
        var path = HandMade("model.safetensors", WeightHeader, new byte[20]);
        int n = PaddedLength(WeightHeader);
        Assert.Equal(
            $"SafeTensors: {path}: the file is truncated: its tensors need data up to byte {8 + n + 24} but the file ends at byte {8 + n + 20}; 4 bytes are missing.",
            LoadError(path));
    }

    [Theory]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 12,
        "tensor 'b' data_offsets [4, 12] overlap tensor 'a' [0, 8]")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[12,16]}}""", 16,
        "belong to no tensor (before tensor 'b' data_offsets [12, 16])")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 12,
        "holds 12 bytes but the tensors use 8")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,20]}}""", 20,
        "tensor 'a' (header key at byte 9) data_offsets [0, 20] span 20 bytes, but shape [2, 3] of F32 needs 24")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}}""", 8,
        "tensor 'a' (header key at byte 9) data_offsets [8, 4] must be two numbers [begin, end] with begin ≤ end")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0]}}""", 4,
        "data_offsets [0] must be two numbers")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[-4,0]}}""", 4,
        "'data_offsets' holds -4, expected a non-negative integer")]
    [InlineData("""{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}""", 4,
        "'shape' holds -1, expected a non-negative integer")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}""", 4,
        "'shape' holds 1.5")]
    [InlineData("""{"a":{"dtype":"F8_E4M3","shape":[4],"data_offsets":[0,4]}}""", 4,
        "tensor 'a' (header key at byte 9) has unknown dtype 'F8_E4M3'; supported: I64, F64, F32")]
    [InlineData("""{"a":{"shape":[1],"data_offsets":[0,4]}}""", 4, "tensor 'a' (header key at byte 9) has no string 'dtype'")]
    [InlineData("""{"a":{"dtype":"F32","data_offsets":[0,4]}}""", 4, "tensor 'a' (header key at byte 9) has no 'shape' array")]
    [InlineData("""{"a":[1,2]}""", 0, "tensor 'a' (header key at byte 9) must be an object")]
    [InlineData("""[1,2]""", 0, "not a safetensors file: byte 8 is 0x5B where the JSON header must start with '{'")]
    [InlineData("""{"a":{"dtype":"F32","dtype":"I32","shape":[1],"data_offsets":[0,4]}}""", 4,
        "tensor 'a' (header key at byte 9) has the field 'dtype' twice")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"shape":[1],"data_offsets":[0,4]}}""", 4, "has the field 'shape' twice")]
    [InlineData("""{"__metadata__":{"epoch":3}}""", 0, "'__metadata__' (header key at byte 9) entry 'epoch' must be a string")]
    [InlineData("""{"__metadata__":"pt"}""", 0, "'__metadata__' (header key at byte 9) must be an object of strings")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8,
        "the header names 'a' (header key at byte 62) twice")]
    [InlineData("""{"a":{"dtype":"F32","shape":[65536,65536],"data_offsets":[0,4]}}""", 4,
        "shape [65536, 65536] has more elements than one tensor can hold")]
    public void BadHeadersAreReported(string header, int dataLength, string problem)
    {
        var message = LoadError(HandMade("bad.safetensors", header, new byte[dataLength]));
        Assert.Contains(problem, message);
    }

    [Fact]
    public void AbsoluteBytePositionsAppearInLayoutErrors()
    {
        const string header = """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[12,16]}}""";
        int start = 8 + PaddedLength(header);
        var message = LoadError(HandMade("gap.safetensors", header, new byte[16]));
        Assert.Contains($"bytes {start + 8}..{start + 12} belong to no tensor", message);
    }

    [Fact]
    public void NullMetadataMeansNone()
    {
        var path = HandMade("null.safetensors", """{"__metadata__":null,"a":{"dtype":"I64","shape":[],"data_offsets":[0,8]}}""", BitConverter.GetBytes(42L));
        var file = SafeTensors.LoadWithMetadata(path);
        Assert.Empty(file.Metadata);
        Assert.Equal(42L, file.Tensors["a"].Item<long>());
    }

    [Fact]
    public void AMissingFileIsTheUsualFileNotFound()
        => Assert.Throws<FileNotFoundException>(() => SafeTensors.Load(PathOf("nope.safetensors")));
}
