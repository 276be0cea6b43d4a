using System.Buffers.Binary;
using Sharpgrad.IO;
using Sharpgrad.NN;

namespace Sharpgrad.Tests.IO;

/// <summary>
/// The defects of issue #11 in the safetensors reader, each reproduced: files that crashed the reader, were accepted
/// silently, or were reported misleadingly, and the data checksum Sharpgrad adds to the format.
/// </summary>
public class SafeTensorsHardeningTests : TempDirectory
{
    private static string LoadError(string path) => Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path)).Message;

    /// <summary>A file assembled from raw header bytes, which may be invalid UTF-8.</summary>
    private string Raw(string name, byte[] header, byte[] data)
    {
        var padded = header.Concat(Enumerable.Repeat((byte)' ', (8 - header.Length % 8) % 8)).ToArray();
        var path = PathOf(name);
        File.WriteAllBytes(path, [.. BitConverter.GetBytes((ulong)padded.Length), .. padded, .. data]);
        return path;
    }

    [Fact]
    public void ANonUtf8HeaderByteIsReportedWithItsOffset()
    {
        // {"w\xFF":...}: the name's second byte is 0xFF, which never occurs in UTF-8; it sits at file byte 8 + 3.
        var header = System.Text.Encoding.UTF8.GetBytes("""{"wX":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""");
        header[3] = 0xFF;
        var message = LoadError(Raw("latin1.safetensors", header, new byte[4]));
        Assert.Contains("is not valid UTF-8: byte 11 (0xFF) starts an invalid sequence", message);
    }

    [Fact]
    public void AFileThatIsNotSafetensorsIsCalledThat()
    {
        var path = PathOf("metrics.csv");
        File.WriteAllText(path, "epoch,train_loss,train_accuracy\n1,0.5,0.8\n");
        var message = LoadError(path);
        // "epoch,tr" read as a little-endian length, then byte 8 'a' (0x61) where '{' must be.
        ulong asLength = BinaryPrimitives.ReadUInt64LittleEndian("epoch,tr"u8);
        Assert.Contains($"not a safetensors file: byte 8 is 0x61 where the JSON header must start with '{{' (read as a safetensors file, bytes 0..8 would give a header length of {asLength})", message);
    }

    [Fact]
    public void ATenGibHeaderLengthInAnElevenGibFileIsOverTheLimitNotPastTheEnd()
    {
        var path = PathOf("huge.safetensors");
        using (var stream = new FileStream(path, FileMode.CreateNew))
        {
            stream.SetLength(11L << 30); // sparse: no disk blocks are written for the hole
            stream.Write(BitConverter.GetBytes(10UL << 30));
            stream.WriteByte((byte)'{');
        }
        var message = LoadError(path);
        Assert.Contains($"the header length {10UL << 30} (bytes 0..8) is over the safetensors limit of 100000000 bytes (100 MB)", message);
        Assert.DoesNotContain("past the end", message);
    }

    [Fact]
    public void AOneAndAHalfGigabyteHeaderLengthIsRejectedWithoutReadingIt()
    {
        var path = HandMade("big.safetensors", """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", new byte[4], declaredHeaderLength: 1_500_000_000);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Contains("is over the safetensors limit", LoadError(path));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }

    [Fact]
    public void SharpgradsChecksumCatchesABitFlipInTheData()
    {
        var path = PathOf("model.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = Tensor.FromArray(new[] { 1f, 2f, 3f }) }, checksum: true);
        var loaded = SafeTensors.LoadWithMetadata(path);
        Assert.Empty(loaded.Metadata); // the checksum entry is the reader's business, not the caller's
        Assert.Equal([1f, 2f, 3f], loaded.Tensors["w"].ToArray<float>());

        var bytes = File.ReadAllBytes(path);
        bytes[^5] ^= 0x01; // the lowest bit of the second float's last byte: 2f → another valid float
        File.WriteAllBytes(path, bytes);
        var message = LoadError(path);
        Assert.Contains($"the data (bytes {bytes.Length - 12}..{bytes.Length}) does not match the SHA-256 checksum 'sharpgrad.data_sha256'", message);
        Assert.Contains("damaged or modified", message);
    }

    [Fact]
    public void TheChecksumIsTheSha256OfTheDataRegion()
    {
        var path = PathOf("sum.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["x"] = Tensor.FromArray(new long[] { 7 }) }, checksum: true);
        var bytes = File.ReadAllBytes(path);
        int headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var header = System.Text.Json.JsonDocument.Parse(bytes.AsMemory(8, headerLength)).RootElement;
        string recorded = header.GetProperty("__metadata__").GetProperty("sharpgrad.data_sha256").GetString()!;
        // SHA-256 of the int64 7, little-endian: computed independently of the writer.
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(7L))), recorded);
    }

    [Fact]
    public void WithoutAChecksumTheBytesStayPyTorchs()
    {
        var path = PathOf("plain.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["x"] = Tensor.Ones(2) });
        Assert.DoesNotContain("sharpgrad.data_sha256", System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(path)));
    }

    [Fact]
    public void AModelRefusesAnIntegerTensorForAFloatParameter()
    {
        var model = new Linear(2, 1, generator: new Generator(0));
        var path = PathOf("linear.safetensors");
        model.Save(path);
        // F32 → I32 has the same width, so the layout still checks out: only the module can tell.
        var bytes = File.ReadAllBytes(path);
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        int at = text.IndexOf("\"weight\":{\"dtype\":\"F32\"", StringComparison.Ordinal) + "\"weight\":{\"dtype\":\"".Length;
        bytes[at] = (byte)'I';
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<InvalidDataException>(() => new Linear(2, 1).Load(path));
        Assert.Contains("tensor 'weight' holds int64 values but the module's 'weight' is float32", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void AModelLoadsItsOwnFileWithTheChecksum()
    {
        var model = new Linear(3, 2, generator: new Generator(1));
        var path = PathOf("roundtrip.safetensors");
        model.Save(path);
        var copy = new Linear(3, 2, generator: new Generator(2));
        copy.Load(path);
        Assert.Equal(model.Weight.ToArray<float>(), copy.Weight.ToArray<float>());
    }
}
