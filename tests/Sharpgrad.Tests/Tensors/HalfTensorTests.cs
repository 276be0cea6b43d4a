using Sharpgrad.Tests.Support;

namespace Sharpgrad.Tests.Tensors;

/// <summary>
/// float16 and bfloat16 tensors (issue #20): the dtypes, storage, conversion to and from every other dtype on both
/// backends (SIMD runs, scalar tails, strided views and parallel chunks), element access, printing and Item.
/// Expected values come from .NET's <see cref="Half"/>, PyTorch (Fixtures/half_conversions.json) and hand-worked cases.
/// </summary>
public class HalfTensorTests
{
    public static TheoryData<string> Devices => ["cpu", "reference"];

    [Fact]
    public void DTypesAreNamedAndSizedAsInPyTorch()
    {
        Assert.Equal("float16", DType.Float16.Name());
        Assert.Equal("bfloat16", DType.BFloat16.Name());
        Assert.Equal(2, DType.Float16.ElementSize());
        Assert.Equal(2, DType.BFloat16.ElementSize());
        Assert.True(DType.Float16.IsFloatingPoint() && DType.BFloat16.IsFloatingPoint());
        Assert.Equal(DType.Float16, Tensor.FromArray(new[] { (Half)1 }).DType);
        Assert.Equal(DType.BFloat16, Tensor.FromArray(new[] { (BFloat16)1f }).DType);
        Assert.Equal(DType.BFloat16, Tensor.Zeros([2, 3], DType.BFloat16).DType);
    }

    [Fact]
    public void ElementsRoundTripThroughArraysBitForBit()
    {
        var halves = Enumerable.Range(0, 1000).Select(i => BitConverter.UInt16BitsToHalf((ushort)(i * 65))).ToArray();
        var back = Tensor.FromArray(halves, 10, 100).ToArray<Half>();
        Assert.Equal(halves.Select(BitConverter.HalfToUInt16Bits), back.Select(BitConverter.HalfToUInt16Bits));
        var brains = Enumerable.Range(0, 1000).Select(i => BFloat16.FromBits((ushort)(i * 65))).ToArray();
        Assert.Equal(brains.Select(b => b.Bits), Tensor.FromArray(brains).ToArray<BFloat16>().Select(b => b.Bits));
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void EveryBitPatternWidensExactly(string device)
    {
        using var _ = Device.Use(Device.Parse(device));
        var patterns = Enumerable.Range(0, 65536).Select(i => (ushort)i).ToArray();
        var halves = Tensor.FromArray(patterns.Select(BitConverter.UInt16BitsToHalf).ToArray()).To(DType.Float32).ToArray<float>();
        var brains = Tensor.FromArray(patterns.Select(BFloat16.FromBits).ToArray()).To(DType.Float32).ToArray<float>();
        for (int i = 0; i < patterns.Length; i++)
        {
            float half = (float)BitConverter.UInt16BitsToHalf(patterns[i]), brain = BitConverter.UInt32BitsToSingle((uint)i << 16);
            if (!half.Equals(halves[i]) || !float.IsNaN(half) && BitConverter.SingleToInt32Bits(half) != BitConverter.SingleToInt32Bits(halves[i]))
                Assert.Fail($"float16 0x{i:X4}: expected {half}, got {halves[i]}");
            if (!brain.Equals(brains[i]) || !float.IsNaN(brain) && BitConverter.SingleToInt32Bits(brain) != BitConverter.SingleToInt32Bits(brains[i]))
                Assert.Fail($"bfloat16 0x{i:X4}: expected {brain}, got {brains[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void NarrowingMatchesPyTorchContiguousAndStrided(string device)
    {
        using var _ = Device.Use(Device.Parse(device));
        var fixture = Fixture.Load("half_conversions.json");
        float[] inputs = [.. fixture.GetProperty("float32_bits").EnumerateArray().Select(e => BitConverter.UInt32BitsToSingle(e.GetUInt32()))];
        int[] bfloat16 = [.. fixture.GetProperty("bfloat16_bits").EnumerateArray().Select(e => e.GetInt32())];
        int[] float16 = [.. fixture.GetProperty("float16_bits").EnumerateArray().Select(e => e.GetInt32())];
        var x = Tensor.FromArray(inputs);
        // The transposed copy walks the same values with a stride, through the kernels' element-by-element path.
        var strided = Tensor.Stack([x, x]).Transpose(0, 1);
        foreach (var (source, step) in new[] { (x, 1), (strided, 2) })
        {
            var b = source.To(DType.BFloat16).Flatten().ToArray<BFloat16>();
            var h = source.To(DType.Float16).Flatten().ToArray<Half>();
            for (int i = 0; i < inputs.Length; i++)
            {
                if (float.IsNaN(inputs[i]))
                {
                    Assert.True(b[i * step].IsNaN && Half.IsNaN(h[i * step]));
                    continue;
                }
                Assert.True(bfloat16[i] == b[i * step].Bits, $"bfloat16 of {inputs[i]}: PyTorch 0x{bfloat16[i]:X4}, got 0x{b[i * step].Bits:X4}");
                Assert.True(float16[i] == BitConverter.HalfToUInt16Bits(h[i * step]), $"float16 of {inputs[i]}: PyTorch 0x{float16[i]:X4}");
            }
        }
    }

    [Fact]
    public void LargeConversionsAgreeWithDotNetAndAcrossBackendsAndThreadCounts()
    {
        // 100003 elements: many SIMD runs, a scalar tail, and several parallel chunks on the CPU backend.
        var x = (Tensor.Randn([100_003], DType.Float32, new Generator(5)) * 3000).Detach();
        var values = x.ToArray<float>();
        var expected = values.Select(v => BitConverter.HalfToUInt16Bits((Half)v)).ToArray();
        var reference = x.To(Device.Reference).To(DType.BFloat16).ToArray<BFloat16>().Select(b => b.Bits).ToArray();
        foreach (int threads in new[] { 1, 3 })
        {
            using var _ = Threads.Use(threads);
            Assert.Equal(expected, x.To(DType.Float16).ToArray<Half>().Select(BitConverter.HalfToUInt16Bits));
            Assert.Equal(reference, x.To(DType.BFloat16).ToArray<BFloat16>().Select(b => b.Bits));
            var wide = x.To(DType.BFloat16).To(DType.Float32).ToArray<float>();
            Assert.Equal(reference.Select(b => BitConverter.UInt32BitsToSingle((uint)b << 16)), wide);
        }
    }

    [Fact]
    public void OtherDTypesConvertThroughFloat32AsInPyTorch()
    {
        // c10's Half and BFloat16 are made from a float, so a float64 or int64 source rounds twice (checked in PyTorch 1.13).
        // 1 + 2⁻¹¹ + 2⁻⁴⁰ is above the float16 tie 1 + 2⁻¹¹, but float32 drops the 2⁻⁴⁰ and the tie goes to even: 1.
        Assert.Equal(0x3C00, BitConverter.HalfToUInt16Bits(Tensor.Scalar(1 + Math.Pow(2, -11) + Math.Pow(2, -40), DType.Float64).To(DType.Float16).Item<Half>()));
        // 2³⁰ + 2²² + 1 → float32 2³⁰ + 2²² (the 1 is below its step of 128) → a bfloat16 tie, to even: 2³⁰ (0x4E80).
        Assert.Equal(0x4E80, Tensor.FromArray(new long[] { (1L << 30) + (1 << 22) + 1 }).To(DType.BFloat16).ToArray<BFloat16>()[0].Bits);
        var h = Tensor.FromArray(new[] { (Half)(-2.75f), (Half)0, (Half)3.5f, Half.NaN });
        var finite = h.Narrow(0, 0, 3);
        Assert.Equal([-2L, 0, 3], finite.To(DType.Int64).ToArray<long>());
        Assert.Equal([true, false, true, true], h.To(DType.Bool).ToArray<bool>());
        Assert.Equal([-2.75, 0, 3.5], finite.To(DType.Float64).ToArray<double>());
        Assert.Equal([1f, 0f], Tensor.FromArray(new[] { true, false }).To(DType.BFloat16).To(DType.Float32).ToArray<float>());
        // float16 → bfloat16 rounds 1 + 2⁻¹⁰ to 8 significand bits: 1.
        Assert.Equal(1f, (float)Tensor.FromArray(new[] { (Half)(1 + 1 / 1024f) }).To(DType.BFloat16).ToArray<BFloat16>()[0]);
    }

    [Fact]
    public void CreationFunctionsMakeHalfTensors()
    {
        // Sampling draws float64 values and rounds them through float32, as every conversion to a half type does.
        var expected = Tensor.Randn([5, 7], DType.Float32, new Generator(4)).To(DType.BFloat16);
        var sampled = Tensor.Randn([5, 7], DType.BFloat16, new Generator(4));
        Assert.Equal(DType.BFloat16, sampled.DType);
        Assert.Equal(expected.ToDoubleArray(), sampled.ToDoubleArray());
        Assert.Equal([0.0, 0, 0], Tensor.Zeros([3], DType.Float16).ToDoubleArray());
        Assert.Equal([1.0, 1], Tensor.Ones([2], DType.Float16).ToDoubleArray());
        Assert.Equal([65504.0, 65504], Tensor.Full([2], 65519, DType.Float16).ToDoubleArray());   // under the tie with 2¹⁶
        Assert.Equal([0.0, 1, 2], Tensor.Arange(0, 3, dtype: DType.BFloat16).ToDoubleArray());
    }

    [Fact]
    public void ItemPrintingAndGradientsWork()
    {
        var h = Tensor.FromArray(new[] { (Half)1, (Half)2.5f });
        Assert.Equal("tensor([1.0000, 2.5000], dtype=float16)", h.ToString());
        Assert.Equal("tensor([1., 2.], dtype=bfloat16)", Tensor.FromArray(new[] { 1f, 2f }).To(DType.BFloat16).ToString());
        Assert.Equal(2.5, h[1].Item());
        Assert.Equal((Half)2.5f, h[1].Item<Half>());
        Assert.Equal(2, h[1].Item<long>());
        Assert.Equal(0.1, Tensor.Scalar(0.1, DType.BFloat16).Item(), 1e-2);
        Assert.Equal(0.10009765625, Tensor.Scalar(0.1, DType.BFloat16).Item());   // 0x3DCD: 205/2048
        Assert.True(Tensor.Zeros([2], DType.Float16).RequireGrad().RequiresGrad);
    }

    [Fact]
    public void OpsThatDoNotComputeOnHalfTypesSaySoAndHowToProceed()
    {
        var h = Tensor.FromArray(new[] { (Half)1, (Half)2 });
        foreach (var (op, call) in new (string, Action)[] { ("Softmax", () => h.Softmax(0)), ("LogSumExp", () => h.LogSumExp(0)), ("Norm", () => h.Norm()) })
        {
            var e = Assert.Throws<NotSupportedException>(call);
            Assert.StartsWith(op + ":", e.Message);
            Assert.Contains("float16", e.Message);
            Assert.Contains("To(DType.Float32)", e.Message);
        }
    }
}
