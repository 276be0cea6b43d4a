using System.Buffers.Binary;
using System.Text;
using Sharpgrad.IO;
using Sharpgrad.NN;
using Sharpgrad.Tests.IO;

namespace Sharpgrad.Tests.Fuzz;

/// <summary>
/// Seeded damage to safetensors files written in a temp folder: truncation at every byte, bit flips in the header and
/// the data, dtype swaps, duplicated fields, huge header lengths and non-UTF-8 bytes. Every case must load the correct
/// tensors or raise InvalidDataException naming the file.
/// </summary>
public class SafeTensorsFuzzTests : TempDirectory
{
    private static readonly Dictionary<string, Tensor> Original = new()
    {
        ["weight"] = Tensor.FromArray(new[] { 1.5f, -2f, 3.25f, 0f, 7f, -0.5f }, 2, 3),
        ["bias"] = Tensor.FromArray(new[] { 0.5, -1.0 }),
        ["steps"] = Tensor.FromArray(new long[] { 3, 1, 4 }),
    };

    private byte[] ValidBytes(bool checksum)
    {
        var path = PathOf("valid.safetensors");
        SafeTensors.Save(path, Original, new Dictionary<string, string> { ["format"] = "pt" }, checksum);
        return File.ReadAllBytes(path);
    }

    private string WriteCase(string name, byte[] bytes)
    {
        var path = PathOf(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A successful load must give back exactly the original tensors.</summary>
    private static void AssertOriginal(Dictionary<string, Tensor> loaded)
    {
        Assert.Equal(Original.Keys.Order(), loaded.Keys.Order());
        foreach (var (name, tensor) in Original)
        {
            Assert.Equal(tensor.Shape, loaded[name].Shape);
            Assert.Equal(tensor.Double().ToArray<double>(), loaded[name].Double().ToArray<double>());
        }
    }

    private static void Load(string caseName, string path, Action<Dictionary<string, Tensor>> check)
        => FuzzOutcome.Expect<InvalidDataException, Dictionary<string, Tensor>>(caseName, () => SafeTensors.Load(path), check, $"SafeTensors: {path}: ");

    [Fact]
    public void TruncationAtEveryByte()
    {
        var bytes = ValidBytes(checksum: true);
        for (int cut = 0; cut < bytes.Length; cut++)
            Load($"cut {cut}", WriteCase("cut.safetensors", bytes[..cut]), _ => Assert.Fail($"cut {cut}: a truncated file loaded"));
        Assert.True(bytes.Length > 150);
    }

    [Fact]
    public void BitFlipsInTheHeaderAreRejectedOrHarmless()
    {
        var bytes = ValidBytes(checksum: true);
        int headerEnd = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var random = new Random(11);
        for (int i = 0; i < 150; i++)
        {
            var copy = (byte[])bytes.Clone();
            int at = random.Next(0, headerEnd);
            copy[at] ^= (byte)(1 << random.Next(8));
            // A flip that keeps the file valid (say, in a name or the "format" string) may load, but then every tensor
            // must hold its original values: data the checksum covers cannot change unnoticed.
            Load($"flip {i} at byte {at}", WriteCase("flip.safetensors", copy), loaded =>
            {
                var expected = Original.Values.Select(t => t.Double().ToArray<double>()).OrderBy(v => v.Length).ThenBy(v => v[0]).ToList();
                var actual = loaded.Values.Select(t => t.Double().ToArray<double>()).OrderBy(v => v.Length).ThenBy(v => v[0]).ToList();
                Assert.Equal(expected, actual);
            });
        }
    }

    [Fact]
    public void BitFlipsInTheDataFailTheChecksum()
    {
        var bytes = ValidBytes(checksum: true);
        int dataStart = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var random = new Random(12);
        for (int i = 0; i < 60; i++)
        {
            var copy = (byte[])bytes.Clone();
            copy[random.Next(dataStart, copy.Length)] ^= (byte)(1 << random.Next(8));
            var path = WriteCase("data.safetensors", copy);
            Load($"data flip {i}", path, _ => Assert.Fail($"data flip {i} loaded"));
            Assert.Contains("does not match the SHA-256 checksum", Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path)).Message);
        }
    }

    [Fact]
    public void HugeHeaderLengths()
    {
        var bytes = ValidBytes(checksum: false);
        var random = new Random(13);
        for (int i = 0; i < 60; i++)
        {
            var copy = (byte[])bytes.Clone();
            ulong length = (ulong)random.NextInt64(bytes.Length - 7, long.MaxValue) << random.Next(0, 2);
            BinaryPrimitives.WriteUInt64LittleEndian(copy, length);
            Load($"length {length}", WriteCase("long.safetensors", copy), _ => Assert.Fail($"header length {length} loaded"));
        }
    }

    [Fact]
    public void NonUtf8BytesInTheHeader()
    {
        var bytes = ValidBytes(checksum: false);
        string text = Encoding.Latin1.GetString(bytes);
        int name = text.IndexOf("\"weight\"", StringComparison.Ordinal) + 1;
        var random = new Random(14);
        for (int i = 0; i < 40; i++)
        {
            var copy = (byte[])bytes.Clone();
            int at = name + random.Next(0, 6);
            copy[at] = (byte)random.Next(0x80, 0x100); // a lone byte ≥ 0x80 never forms a valid UTF-8 sequence here
            var path = WriteCase("utf8.safetensors", copy);
            Load($"non-UTF-8 {i}", path, _ => Assert.Fail("a non-UTF-8 header loaded"));
            Assert.Contains($"is not valid UTF-8: byte {at}", Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path)).Message);
        }
    }

    [Fact]
    public void DuplicatedFieldsAndKeys()
    {
        int cases = 0;
        foreach (var field in new[] { "dtype", "shape", "data_offsets" })
            foreach (var (first, second) in new[] { ("F32", "I32"), ("F32", "F32"), ("I32", "F32") })
                foreach (int position in new[] { 0, 1, 2 })
                {
                    var parts = new List<string> { "\"dtype\":\"F32\"", "\"shape\":[2]", "\"data_offsets\":[0,8]" };
                    string duplicate = field switch
                    {
                        "dtype" => $"\"dtype\":\"{second}\"",
                        "shape" => "\"shape\":[2]",
                        _ => "\"data_offsets\":[0,8]",
                    };
                    if (field == "dtype") parts[0] = $"\"dtype\":\"{first}\"";
                    parts.Insert(position, duplicate);
                    string header = "{\"w\":{" + string.Join(",", parts) + "}}";
                    var path = HandMade("dup.safetensors", header, new byte[8]);
                    Load($"duplicate {field} {first}/{second} at {position}", path, _ => Assert.Fail($"{header} loaded"));
                    Assert.Contains($"has the field '{field}' twice", Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path)).Message);
                    cases++;
                }
        var keys = HandMade("keys.safetensors", """{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", new byte[8]);
        Assert.Contains("the header names 'w'", Assert.Throws<InvalidDataException>(() => SafeTensors.Load(keys)).Message);
        Assert.Equal(27, cases);
    }

    [Fact]
    public void DtypeSwapsAreCaughtWhereDetectable()
    {
        var model = new Sequential(new Linear(3, 2, generator: new Generator(0)), new ReLU(), new Linear(2, 2, generator: new Generator(1)));
        var path = PathOf("model.safetensors");
        model.Save(path);
        var bytes = File.ReadAllBytes(path);
        string text = Encoding.Latin1.GetString(bytes);
        int cases = 0;
        foreach (var name in new[] { "0.weight", "0.bias", "2.weight", "2.bias" })
            foreach (var code in new[] { "I32", "U8", "I8", "I16", "F16", "F64", "I64", "BF16", "BOOL" })
            {
                int at = text.IndexOf($"\"{name}\":{{\"dtype\":\"F32\"", StringComparison.Ordinal) + $"\"{name}\":{{\"dtype\":\"".Length;
                var swapped = Encoding.Latin1.GetBytes(text[..at] + code + text[(at + 3)..]);
                // A code of another length shifts the header: rewrite the length so that only the dtype differs.
                BinaryPrimitives.WriteUInt64LittleEndian(swapped, (ulong)(swapped.Length - bytes.Length) + BinaryPrimitives.ReadUInt64LittleEndian(bytes));
                var file = WriteCase("swap.safetensors", swapped);
                var copy = new Sequential(new Linear(3, 2), new ReLU(), new Linear(2, 2));
                // Same width (I32): only the module can tell; another width: the layout check does.
                FuzzOutcome.Expect<InvalidDataException, LoadResult>($"{name} as {code}", () => copy.Load(file),
                    _ => Assert.Fail($"{name} stored as {code} loaded into a float32 parameter"), file);
                cases++;
            }
        Assert.Equal(36, cases);
    }
}
