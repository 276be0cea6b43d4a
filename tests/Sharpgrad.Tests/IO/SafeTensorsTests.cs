using System.Buffers.Binary;
using System.Text.Json;
using Sharpgrad.IO;
using Sharpgrad.Tests.Support;

namespace Sharpgrad.Tests.IO;

public class SafeTensorsTests : TempDirectory
{
    private static void AssertSame(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.DType, actual.DType);
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.Equal(expected.ToDoubleArray(), actual.ToDoubleArray());
    }

    private Dictionary<string, Tensor> RoundTrip(Dictionary<string, Tensor> tensors)
    {
        var path = PathOf("t.safetensors");
        SafeTensors.Save(path, tensors);
        return SafeTensors.Load(path);
    }

    [Fact]
    public void EveryDTypeRoundTripsExactly()
    {
        var g = new Generator(0);
        var tensors = new Dictionary<string, Tensor>
        {
            ["f32"] = Tensor.Randn([3, 4], DType.Float32, g),
            ["f64"] = Tensor.Randn([2, 3, 2], DType.Float64, g),
            ["i64"] = Tensor.FromArray(new long[] { long.MinValue, -1, 0, 1L << 40, long.MaxValue }),
            ["bool"] = Tensor.FromArray(new[] { true, false, false, true }, 2, 2),
            ["special"] = Tensor.FromArray(new[] { float.NaN, float.PositiveInfinity, -0.0f, float.Epsilon }),
        };
        var loaded = RoundTrip(tensors);
        Assert.Equal(tensors.Keys.Order(), loaded.Keys.Order());
        foreach (var (name, t) in tensors) AssertSame(t, loaded[name]);
        // NaN and −0 are preserved bit for bit.
        Assert.Equal(BitConverter.SingleToInt32Bits(-0.0f), BitConverter.SingleToInt32Bits(loaded["special"].ToArray<float>()[2]));
    }

    [Fact]
    public void ZeroDimAndEmptyTensorsRoundTrip()
    {
        var tensors = new Dictionary<string, Tensor>
        {
            ["scalar"] = Tensor.Scalar(2.5, DType.Float64),
            ["scalar_long"] = Tensor.Scalar(-7, DType.Int64),
            ["empty"] = Tensor.Zeros([0], DType.Float32),
            ["empty_rows"] = Tensor.Zeros([2, 0, 3], DType.Bool),
        };
        var loaded = RoundTrip(tensors);
        foreach (var (name, t) in tensors) AssertSame(t, loaded[name]);
        Assert.Equal(0, loaded["scalar"].Rank);
        Assert.Equal(2.5, loaded["scalar"].Item());
    }

    [Fact]
    public void AnEmptyDictionaryRoundTrips()
    {
        Assert.Empty(RoundTrip([]));
        // 8-byte length + "{}" padded to 8 bytes, no data.
        Assert.Equal(16, new FileInfo(PathOf("t.safetensors")).Length);
    }

    [Fact]
    public void ViewsAreSavedAsTheValuesTheyShow()
    {
        var x = Tensor.Arange(6).Float().Reshape(2, 3);
        var loaded = RoundTrip(new() { ["t"] = x.T, ["col"] = x[.., 1], ["grad"] = x.Double().RequireGrad() });
        Assert.Equal([3, 2], loaded["t"].Shape);
        Assert.Equal([0.0, 3, 1, 4, 2, 5], loaded["t"].ToDoubleArray());
        Assert.Equal([1.0, 4], loaded["col"].ToDoubleArray());
        Assert.False(loaded["grad"].RequiresGrad);
    }

    [Fact]
    public void MetadataRoundTrips()
    {
        var path = PathOf("m.safetensors");
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["epoch"] = "12", ["note"] = "ünïcode \"quoted\"" };
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = Tensor.Ones(2) }, metadata);
        var file = SafeTensors.LoadWithMetadata(path);
        Assert.Equal(metadata, file.Metadata);
        AssertSame(Tensor.Ones(2), file.Tensors["w"]);

        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = Tensor.Ones(2) });
        Assert.Empty(SafeTensors.LoadWithMetadata(path).Metadata);
    }

    [Fact]
    public void TheFileFollowsThePublishedLayout()
    {
        var path = PathOf("layout.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor>
        {
            ["b"] = Tensor.FromArray(new[] { 1f, 2f, 3f }),
            ["a"] = Tensor.FromArray(new long[] { 5 }),
            ["m"] = Tensor.FromArray(new[] { true, false }),
        });
        var bytes = File.ReadAllBytes(path);
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0UL, n % 8);
        var header = JsonDocument.Parse(bytes.AsMemory(8, (int)n)).RootElement;
        // Wider dtypes first (I64, F32, BOOL), so each tensor is aligned to its element size.
        Assert.Equal("""{"dtype":"I64","shape":[1],"data_offsets":[0,8]}""", header.GetProperty("a").GetRawText());
        Assert.Equal("""{"dtype":"F32","shape":[3],"data_offsets":[8,20]}""", header.GetProperty("b").GetRawText());
        Assert.Equal("""{"dtype":"BOOL","shape":[2],"data_offsets":[20,22]}""", header.GetProperty("m").GetRawText());
        Assert.Equal(8 + (int)n + 22, bytes.Length);
        var data = bytes.AsSpan(8 + (int)n);
        Assert.Equal(5L, BinaryPrimitives.ReadInt64LittleEndian(data));
        Assert.Equal(2f, BinaryPrimitives.ReadSingleLittleEndian(data[12..]));
        Assert.Equal([1, 0], data[20..].ToArray());
    }

    [Fact]
    public void ThePyTorchFixtureLoadsExactly()
    {
        var expected = Fixture.Load("safetensors_pytorch.json");
        var path = Fixture.PathOf("safetensors_pytorch.safetensors");
        var file = SafeTensors.LoadWithMetadata(path);

        Assert.Equal((ulong)expected.GetProperty("header_size").GetInt32(), BinaryPrimitives.ReadUInt64LittleEndian(File.ReadAllBytes(path)));
        Assert.Equal(expected.GetProperty("metadata").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!), file.Metadata);
        var names = expected.GetProperty("tensors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(names.Order(), file.Tensors.Keys.Order());
        foreach (var (name, spec) in expected.GetProperty("tensors").EnumerateObject().Select(p => (p.Name, p.Value)))
            AssertSame(FixtureTensor(spec), file.Tensors[name]);
    }

    [Fact]
    public void SavingTheFixtureTensorsReproducesPyTorchsBytes()
    {
        var expected = Fixture.Load("safetensors_pytorch.json");
        var tensors = expected.GetProperty("tensors").EnumerateObject().ToDictionary(p => p.Name, p => FixtureTensor(p.Value));
        var metadata = expected.GetProperty("metadata").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        var path = PathOf("again.safetensors");
        SafeTensors.Save(path, tensors, metadata);
        Assert.Equal(File.ReadAllBytes(Fixture.PathOf("safetensors_pytorch.safetensors")), File.ReadAllBytes(path));
    }

    /// <summary>A tensor from the fixture's {"dtype","shape","data"}, parsing integers as int64 so none lose precision.</summary>
    private static Tensor FixtureTensor(JsonElement spec)
    {
        var shape = spec.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var data = spec.GetProperty("data");
        return spec.GetProperty("dtype").GetString() switch
        {
            "F32" => Tensor.FromArray(data.EnumerateArray().Select(e => (float)e.GetDouble()).ToArray()).Reshape(shape),
            "F64" => Tensor.FromArray(data.EnumerateArray().Select(e => e.GetDouble()).ToArray()).Reshape(shape),
            "I64" => Tensor.FromArray(data.EnumerateArray().Select(e => e.GetInt64()).ToArray()).Reshape(shape),
            var code => throw new InvalidOperationException($"fixture dtype {code} not expected"),
        };
    }

    [Fact]
    public void HalfAndBFloat16LoadWithoutWidening()
    {
        // IEEE binary16: 0x3C00 = 1, 0xC000 = −2, 0x7BFF = 65504 (largest finite), 0x0001 = 2⁻²⁴ (smallest subnormal),
        // 0x3555 = 1365/4096, 0x7C00 = +∞. bfloat16: 0x3F80 = 1, 0xC040 = −3, 0x4049 = 3.140625, 0x0001 = 2⁻¹³³.
        ushort[] half = [0x3C00, 0xC000, 0x7BFF, 0x0001, 0x3555, 0x7C00];
        ushort[] bf16 = [0x3F80, 0xC040, 0x4049, 0x0001];
        var data = half.Concat(bf16).SelectMany(BitConverter.GetBytes).ToArray();
        var path = HandMade("half.safetensors",
            """{"h":{"dtype":"F16","shape":[2,3],"data_offsets":[0,12]},"b":{"dtype":"BF16","shape":[4],"data_offsets":[12,20]}}""", data);
        var loaded = SafeTensors.Load(path);
        Assert.Equal(DType.Float16, loaded["h"].DType);
        Assert.Equal([2, 3], loaded["h"].Shape);
        Assert.Equal([1f, -2f, 65504f, MathF.Pow(2, -24), 1365f / 4096, float.PositiveInfinity], loaded["h"].Float().ToArray<float>());
        Assert.Equal(DType.BFloat16, loaded["b"].DType);
        Assert.Equal([1f, -3f, 3.140625f, MathF.Pow(2, -133)], loaded["b"].Float().ToArray<float>());
    }

    [Fact]
    public void NarrowIntegersLoadAsInt64AndBoolBytesAsBool()
    {
        byte[] data = [
            .. BitConverter.GetBytes(-5), .. BitConverter.GetBytes(int.MaxValue),
            .. BitConverter.GetBytes((short)-32768),
            0x80, 0x7F,   // I8: −128, 127
            0x00, 0xFF,   // U8: 0, 255
            0x00, 0x01, 0x02, // BOOL: any non-zero byte is true
        ];
        var path = HandMade("ints.safetensors", """
            {"i32":{"dtype":"I32","shape":[2],"data_offsets":[0,8]},
             "i16":{"dtype":"I16","shape":[1],"data_offsets":[8,10]},
             "i8":{"dtype":"I8","shape":[2],"data_offsets":[10,12]},
             "u8":{"dtype":"U8","shape":[2],"data_offsets":[12,14]},
             "mask":{"dtype":"BOOL","shape":[3],"data_offsets":[14,17]}}
            """, data);
        var loaded = SafeTensors.Load(path);
        Assert.Equal([-5L, int.MaxValue], loaded["i32"].ToArray<long>());
        Assert.Equal([-32768L], loaded["i16"].ToArray<long>());
        Assert.Equal([-128L, 127], loaded["i8"].ToArray<long>());
        Assert.Equal([0L, 255], loaded["u8"].ToArray<long>());
        Assert.Equal([false, true, true], loaded["mask"].ToArray<bool>());
        Assert.True(loaded["mask"].Eq(Tensor.FromArray(new[] { false, true, true })).All());
    }

    [Fact]
    public void LoadReturnsTensorsInFileOrder()
    {
        var path = PathOf("order.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["z"] = Tensor.Ones(1), ["a"] = Tensor.Ones(1), ["m"] = Tensor.Ones(1) });
        Assert.Equal(["a", "m", "z"], SafeTensors.Load(path).Keys);
    }

    [Fact]
    public void SaveRejectsReservedAndEmptyNames()
    {
        var path = PathOf("bad.safetensors");
        Assert.Contains("reserved", Assert.Throws<ArgumentException>(() =>
            SafeTensors.Save(path, new Dictionary<string, Tensor> { ["__metadata__"] = Tensor.Ones(1) })).Message);
        Assert.Throws<ArgumentException>(() => SafeTensors.Save(path, new Dictionary<string, Tensor> { [""] = Tensor.Ones(1) }));
        Assert.Empty(Files());
    }
}
