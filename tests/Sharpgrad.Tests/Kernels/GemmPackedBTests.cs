using Sharpgrad.Kernels;

namespace Sharpgrad.Tests.Kernels;

/// <summary>
/// The GEMM with B packed once beforehand (<see cref="GemmPackedB{T}"/>, an LSTM's W_hh reused over its steps) against
/// the ordinary GEMM on the same operands, bit for bit: every path, m, n, k not multiples of the tile or the blocks,
/// B row-major and transposed, overwriting and accumulating, on one thread and cut between two.
/// </summary>
public class GemmPackedBTests
{
    public static TheoryData<string> AvailablePaths() => SimdPathTests.AvailablePaths();

    [Theory]
    [MemberData(nameof(AvailablePaths))]
    // (7, 17, 32) and (13, 9, 64): n a multiple of every strip width and B small, so the unpacked GEMM reads a row-major
    // B in place, as it did for a small LSTM's W_hh before the packed path.
    public void MatchesTheUnpackedProductBitForBit(string pathName)
        => PrepackedGemmCases.OnEveryShape(pathName, new PackedBProduct(), (7, 17, 32), (13, 9, 64));

    [Theory]
    [MemberData(nameof(AvailablePaths))]
    public void MatchesTheUnpackedProductWhenSplitAcrossThreads(string pathName)
        => PrepackedGemmCases.SplitAcrossThreads(pathName, new PackedBProduct());

    [Fact]
    public void RefusesADifferentDepthBlock()
    {
        var b = GemmPackedB<double>.Pack(3, 4, new Gemm.Operand<double>(new double[12], 0, 4, 1), SimdPaths.Selected, PrepackedGemmCases.SmallBlocks);
        var error = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(2, new Gemm.Operand<double>(new double[6], 0, 3, 1), b, new double[8], 0, 4, false, GemmBlocking.Default));
        Assert.Contains("depth blocks of 7", error.Message);
    }

    [Fact]
    public void ADepthBlockBelowOneIsClampedOnBothSides()
    {
        // Pack and the loop nest both take max(1, depth): the same blocking must be accepted by Multiply.
        var zeroDepth = new GemmBlocking(Rows: 12, Depth: 0, Columns: 40);
        var b = GemmPackedB<double>.Pack(2, 3, new Gemm.Operand<double>(PrepackedGemmCases.HandB, 0, 3, 1), SimdPaths.Selected, zeroDepth);
        var c = new double[6];
        Gemm.Multiply(2, new Gemm.Operand<double>(PrepackedGemmCases.HandA, 0, 2, 1), b, c, 0, 3, false, zeroDepth);
        Assert.Equal(PrepackedGemmCases.HandProduct, c);
    }

    /// <summary>
    /// The packed array is the one the caller's rent gave, and Release hands it back once: a second Release gives
    /// nothing, and a product after Release is a clear error rather than a read of an array someone else may have rented
    /// since. A rent that gives the wrong length is refused.
    /// </summary>
    [Fact]
    public void ReleaseHandsTheRentedArrayBackOnceAndLaterUseIsAnError()
    {
        const int k = 40, n = 33;
        float[]? rented = null;
        var b = GemmPackedB<float>.Pack(k, n, new Gemm.Operand<float>(new float[k * n], 0, n, 1), SimdPaths.Selected, GemmBlocking.Default,
            length =>
            {
                rented = new float[length];
                return rented;
            });
        int padded = (n + b.StripWidth - 1) / b.StripWidth * b.StripWidth;
        Assert.Equal(k * padded, rented!.Length);
        Assert.Same(rented, b.Release());
        Assert.Null(b.Release());
        var error = Assert.Throws<InvalidOperationException>(() =>
            Gemm.Multiply(2, new Gemm.Operand<float>(new float[2 * k], 0, k, 1), b, new float[2 * n], 0, n, false, GemmBlocking.Default));
        Assert.Contains("[40, 33]", error.Message);
        Assert.Contains("after Release ended this packing's life", error.Message);
        var wrongLength = Assert.Throws<ArgumentException>(() =>
            GemmPackedB<float>.Pack(k, n, new Gemm.Operand<float>(new float[k * n], 0, n, 1), SimdPaths.Selected, GemmBlocking.Default,
                length => new float[length + 1]));
        Assert.Contains($"expected {k * padded}", wrongLength.Message);
    }

    /// <summary>
    /// A B packed into an array that held another B's panels (rented again from the pool, contents left as they were)
    /// gives the product of the new B exactly: every packed value and every padding zero is written afresh. The packed
    /// array is at least 40·30 float32 (4800 bytes, strip width 2; 40·32 for the SIMD widths), above
    /// <see cref="BufferPool.MinimumBytes"/>, so the pool keeps it and the second Pack gets that same array back. Small
    /// integers, so the expected product, worked as plain sums, is exact in float32.
    /// </summary>
    [Fact]
    public void APackedArrayReusedFromThePoolGivesTheNewProduct()
    {
        var pool = new BufferPool(1 << 20);
        var rented = new List<float[]>();
        float[] Rent(int length)
        {
            var array = pool.Rent<float>(length);
            rented.Add(array);
            return array;
        }
        const int m = 7, k = 40, n = 29;  // n not a multiple of any strip width: the last strip is padded
        var old = Enumerable.Repeat(1e30f, k * n).ToArray();
        var first = GemmPackedB<float>.Pack(k, n, new Gemm.Operand<float>(old, 0, n, 1), SimdPaths.Selected, GemmBlocking.Default, Rent);
        pool.Return(first.Release()!);
        Assert.True(pool.PooledBytes >= BufferPool.MinimumBytes, $"the released packed array was not kept: {pool.PooledBytes} bytes pooled");
        var bValues = Enumerable.Range(0, k * n).Select(i => (float)(i % 7 - 3)).ToArray();
        var aValues = Enumerable.Range(0, m * k).Select(i => (float)(i % 5 - 2)).ToArray();
        var second = GemmPackedB<float>.Pack(k, n, new Gemm.Operand<float>(bValues, 0, n, 1), SimdPaths.Selected, GemmBlocking.Default, Rent);
        Assert.Equal(2, rented.Count);
        Assert.Same(rented[0], rented[1]);  // the second packing wrote over the first one's array
        Assert.Equal(0, pool.PooledBytes);
        var c = new float[m * n];
        Gemm.Multiply(m, new Gemm.Operand<float>(aValues, 0, k, 1), second, c, 0, n, false, GemmBlocking.Default);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float expected = 0;
                for (int p = 0; p < k; p++) expected += aValues[i * k + p] * bValues[p * n + j];
                Assert.True(expected == c[i * n + j], $"C[{i}, {j}] = {c[i * n + j]}, expected {expected}");
            }
    }

    /// <summary>B row-major and transposed, packed.</summary>
    private readonly struct PackedBProduct : IPrepackedProductCheck
    {
        public void Check<T>(SimdPath path, GemmBlocking blocking, int m, int k, int n) where T : unmanaged, System.Numerics.INumber<T>
        {
            var (a, _, b, bt, start) = PrepackedGemmCases.Operands<T>(m, k, n, m * n);
            var left = new Gemm.Operand<T>(a, 0, k, 1);
            foreach (var right in new[] { new Gemm.Operand<T>(b, 0, n, 1), new Gemm.Operand<T>(bt, 0, 1, k) })
            {
                var packed = GemmPackedB<T>.Pack(k, n, right, path, blocking);
                PrepackedGemmCases.AssertSameBits(start,
                    (c, accumulate) => Gemm.Multiply(m, n, k, left, right, c, 0, accumulate, path, blocking),
                    (c, accumulate) => Gemm.Multiply(m, left, packed, c, 0, n, accumulate, blocking),
                    $"{path} {typeof(T).Name} {m}×{k}×{n} (B strides {right.RowStride}, {right.ColStride})");
            }
        }
    }
}
