using Sharpgrad.Backends;
using Sharpgrad.Kernels;

namespace Sharpgrad.Tests.Backends;

/// <summary>
/// The int8 primitives (<c>Backend.Quantized.cs</c>) on both backends. Integer arithmetic is exact, so the cpu backend
/// (SIMD GEMM, threads) must give the reference backend's plain loops bit for bit, on odd sizes that leave vector
/// tails, and with the extreme codes 255 and −128 that would saturate an int16 intermediate.
/// </summary>
public class QuantizedConformanceTests
{
    private static Backend Cpu => Device.Cpu.Backend;
    private static Backend Reference => Device.Reference.Backend;

    public static TheoryData<int, int, int> Sizes() => new()
    {
        { 1, 1, 1 }, { 3, 5, 7 }, { 2, 4, 31 }, { 5, 3, 33 }, { 17, 6, 25 }, { 33, 13, 150 }, { 7, 9, 401 }, { 130, 11, 64 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void IntegerMatMulAgreesBitForBit(int m, int n, int k)
    {
        var random = new Random(m * 1000 + n * 10 + k);
        int[] a = [.. Enumerable.Range(0, m * k).Select(_ => random.Next(0, 256))];
        int[] b = [.. Enumerable.Range(0, n * k).Select(_ => random.Next(-128, 128))];
        a[0] = 255;
        b[0] = -128;
        Assert.Equal(Product(Reference, a, b, m, n, k), Product(Cpu, a, b, m, n, k));
    }

    [Fact]
    public void TheReferenceProductIsTheHandWorkedOne()
    {
        // [[1, 2, 3], [255, 0, 7]]·[[4, −5, 6], [−128, 1, 2]]ᵀ = [[1·4 − 2·5 + 3·6, −128 + 2 + 6], [255·4 + 7·6, −255·128 + 14]].
        Assert.Equal([12, -120, 1062, -32626], Product(Reference, [1, 2, 3, 255, 0, 7], [4, -5, 6, -128, 1, 2], 2, 2, 3));
    }

    [Fact]
    public void ExtremeCodesDoNotSaturate()
    {
        // 255·(−128)·k: a u8×s8 pair sum of −65,280 overflows int16 (vpmaddubsw would saturate at −32,768).
        const int m = 3, n = 5, k = 1000;
        int[] a = [.. Enumerable.Repeat(255, m * k)], b = [.. Enumerable.Repeat(-128, n * k)];
        Assert.All(Product(Cpu, a, b, m, n, k), s => Assert.Equal(255 * -128 * k, s));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void EveryGemmPathGivesTheScalarSums(int m, int n, int k)
    {
        var random = new Random(k);
        byte[] a = [.. Enumerable.Range(0, m * k).Select(_ => (byte)random.Next(0, 256))];
        sbyte[] b = [.. Enumerable.Range(0, n * k).Select(_ => (sbyte)random.Next(-128, 128))];
        var expected = new int[m * n];
        Int8Gemm.Multiply(expected, a, b, m, n, k, Int8GemmPath.Scalar);
        foreach (var path in Enum.GetValues<Int8GemmPath>().Where(Int8GemmPaths.IsAvailable))
        {
            var c = new int[m * n];
            Int8Gemm.Multiply(c, a, b, m, n, k, path);
            Assert.True(expected.SequenceEqual(c), $"{path} differs from the scalar path at m={m}, n={n}, k={k}");
        }
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 3)]
    public void QuantizeAndDequantizeAgreeBitForBit(bool signed, int channels)
    {
        var kind = signed ? IntegerKind.Int8 : IntegerKind.UInt8;
        var x = Tensor.Randn([channels, 7, 5], DType.Float32, new Generator(3)) * 2;
        var quantizer = kind == IntegerKind.UInt8
            ? AffineQuantizer.PerTensor(0.031f, 97, 0, 255)
            : new AffineQuantizer([0.02f, 0.05f, 0.013f], [0, 0, 0], -128, 127);
        var codes = Enumerable.Range(0, 2).Select(_ => (int[]?)null).ToArray();
        var values = new float[2][];
        foreach (var (backend, i) in new[] { (Cpu, 0), (Reference, 1) })
        {
            var input = x.To(backend.Device);
            var storage = backend.AllocateIntegers(kind, input.Count);
            backend.Quantize(storage, input, quantizer);
            codes[i] = backend.DownloadIntegers(storage);
            var back = Tensor.Zeros([channels, 7, 5]).To(backend.Device);
            backend.Dequantize(back, storage, quantizer);
            values[i] = back.ToArray<float>();
        }
        Assert.Equal(codes[1], codes[0]);
        Assert.Equal(values[1], values[0]);
    }

    [Fact]
    public void RequantizeAgreesBitForBitInNchwOrder()
    {
        const int images = 3, positions = 5, channels = 4, rows = images * positions;
        var random = new Random(7);
        int[] sums = [.. Enumerable.Range(0, rows * channels).Select(_ => random.Next(-40000, 40000))];
        var requantizer = new Requantizer(11, [3, -7, 0, 100], [1e-4f, 2e-4f, 3e-5f, 1e-4f], [0.1f, -0.2f, 0, 0.05f], 0.01f, 9, FusedRelu: true);
        var results = new[] { Cpu, Reference }.Select(backend =>
        {
            var input = backend.AllocateIntegers(IntegerKind.Int32, rows * channels);
            backend.UploadIntegers(input, sums);
            var output = backend.AllocateIntegers(IntegerKind.UInt8, rows * channels);
            backend.Requantize(output, input, requantizer, rows, positions);
            return backend.DownloadIntegers(output);
        }).ToArray();
        Assert.Equal(results[1], results[0]);
        // Row 1·5 + 2 (image 1, position 2), channel 3 lands at (1·4 + 3)·5 + 2, its value worked from the formula.
        int accumulator = sums[(1 * positions + 2) * channels + 3];
        float real = (accumulator - 11 * 100) * 1e-4f + 0.05f;
        int expected = Math.Clamp((int)MathF.Round(real * (1f / 0.01f), MidpointRounding.ToEven) + 9, 9, 255);
        Assert.Equal(expected, results[1][(1 * channels + 3) * positions + 2]);
        Assert.All(results[1], q => Assert.True(q >= 9, "a fused ReLU keeps every code at or above the zero point"));
    }

    [Theory]
    [InlineData(2, 3, 7, 6, 3, 2, 1, 1, 1)]
    [InlineData(1, 1, 28, 28, 5, 5, 1, 2, 1)]
    [InlineData(2, 2, 9, 8, 3, 3, 2, 1, 2)]
    public void ImageToRowsAgreesWithTheReferenceAndWithFloatIm2Col(int batch, int channels, int h, int w, int kh, int kw, int stride, int pad, int dilation)
    {
        int oh = (h + 2 * pad - dilation * (kh - 1) - 1) / stride + 1, ow = (w + 2 * pad - dilation * (kw - 1) - 1) / stride + 1;
        var g = new ConvGeometry(batch, channels, [1, h, w], [1, kh, kw], [1, stride, stride], [0, pad, pad], [1, dilation, dilation], [1, oh, ow]);
        var random = new Random(h * w);
        int[] image = [.. Enumerable.Range(0, batch * channels * h * w).Select(_ => random.Next(1, 256))];
        var rows = new[] { Cpu, Reference }.Select(backend =>
        {
            var codes = backend.AllocateIntegers(IntegerKind.UInt8, image.Length);
            backend.UploadIntegers(codes, image);
            var result = backend.AllocateIntegers(IntegerKind.UInt8, g.Columns * g.Rows);
            backend.ImageToRows(result, codes, g, padding: 0);
            return backend.DownloadIntegers(result);
        }).ToArray();
        Assert.Equal(rows[1], rows[0]);
        // The float im2col of the same image (as exact small floats) is the transpose: columns[c·K + k, n·L + p] = rows[n·L + p, c·K + k].
        var columns = Tensor.Zeros(g.Rows, g.Columns);
        Cpu.ImageToColumns(columns, Tensor.FromArray(image.Select(v => (float)v).ToArray(), batch, channels, h, w), g);
        Assert.Equal(columns.T.Contiguous().ToArray<float>().Select(v => (int)v), rows[1]);
    }

    [Fact]
    public void MismatchedBuffersAreRejectedWithTheOpNamed()
    {
        var a = Cpu.AllocateIntegers(IntegerKind.Int8, 6);
        var b = Cpu.AllocateIntegers(IntegerKind.Int8, 6);
        var c = Cpu.AllocateIntegers(IntegerKind.Int32, 4);
        var e = Assert.Throws<ArgumentException>(() => Cpu.IntegerMatMul(c, a, b, 2, 2, 3));
        Assert.Contains("IntegerMatMul", e.Message);
        Assert.Contains("uint8", e.Message);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => Cpu.UploadIntegers(a, [0, 1, 2, 3, 4, 200]));
        Assert.Contains("int8 range", range.Message);
        var device = Assert.Throws<InvalidOperationException>(() => Reference.IntegerMatMul(c, a, b, 2, 2, 3));
        Assert.Contains("device", device.Message);
    }

    private static int[] Product(Backend backend, int[] a, int[] b, int m, int n, int k)
    {
        var (left, right, sums) = (backend.AllocateIntegers(IntegerKind.UInt8, a.Length), backend.AllocateIntegers(IntegerKind.Int8, b.Length),
            backend.AllocateIntegers(IntegerKind.Int32, m * n));
        backend.UploadIntegers(left, a);
        backend.UploadIntegers(right, b);
        backend.IntegerMatMul(sums, left, right, m, n, k);
        return backend.DownloadIntegers(sums);
    }
}
