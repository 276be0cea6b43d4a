using System.Numerics;
using Sharpgrad.Backends;
using Sharpgrad.Kernels;
using Sharpgrad.Tests.Kernels;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Backends;

/// <summary>
/// <c>Backend.PrepareRight</c> and the product with a prepared right operand (an LSTM's W_hh packed once for all its
/// steps) on both backends, against products worked by hand: the packed path (several rows), the single-row fallback
/// (the matrix–vector product, which reads b in place), accumulation, a transposed view as b, the shape check, and use
/// after the operand is disposed.
/// </summary>
public class PreparedRightOperandTests
{
    // [[1, 2], [3, 4], [0, −1]]·[[1, 0, 2], [0, 1, 3]] = [[1, 2, 8], [3, 4, 18], [0, −1, −3]].
    private static readonly double[] A = [1, 2, 3, 4, 0, -1], B = [1, 0, 2, 0, 1, 3];
    private static readonly double[] Product = [1, 2, 8, 3, 4, 18, 0, -1, -3];

    public static TheoryData<string, string> Cases => new()
    {
        { "cpu", "float32" }, { "cpu", "float64" }, { "reference", "float32" }, { "reference", "float64" },
    };

    private static (Device, DType) Parse(string device, string dtype)
        => (device == "cpu" ? Device.Cpu : Device.Reference, dtype == "float32" ? DType.Float32 : DType.Float64);

    [Theory, MemberData(nameof(Cases))]
    public void SeveralRowsGiveTheProductWorkedByHand(string deviceName, string dtypeName)
    {
        var (device, dtype) = Parse(deviceName, dtypeName);
        using var _ = Device.Use(device);
        var a = Tensor.FromArray(A, 3, 2).To(dtype);
        var b = Tensor.FromArray(B, 2, 3).To(dtype);
        var prepared = a.Backend.PrepareRight(b);
        var c = Tensor.Zeros([3, 3], dtype);
        a.Backend.MatMul(c, a, prepared, accumulate: false);
        Close(Tensor.FromArray(Product, 3, 3).To(dtype), c, 0);
        a.Backend.MatMul(c, a, prepared, accumulate: true);  // the same product added once more
        Close(Tensor.FromArray(Product.Select(v => 2 * v).ToArray(), 3, 3).To(dtype), c, 0);
    }

    [Theory, MemberData(nameof(Cases))]
    public void OneRowAndATransposedViewGiveTheProductWorkedByHand(string deviceName, string dtypeName)
    {
        var (device, dtype) = Parse(deviceName, dtypeName);
        using var _ = Device.Use(device);
        // b as the transpose of a [3, 2] matrix: a strided view, prepared as it lies.
        var b = Tensor.FromArray(new double[] { 1, 0, 0, 1, 2, 3 }, 3, 2).To(dtype).Transpose(0, 1);
        var row = Tensor.FromArray(new double[] { 3, 4 }, 1, 2).To(dtype);
        var c = Tensor.Zeros([1, 3], dtype);
        row.Backend.MatMul(c, row, row.Backend.PrepareRight(b), accumulate: false);
        Close(Tensor.FromArray(new double[] { 3, 4, 18 }, 1, 3).To(dtype), c, 0);
        var rows = Tensor.FromArray(A, 3, 2).To(dtype);
        var all = Tensor.Zeros([3, 3], dtype);
        rows.Backend.MatMul(all, rows, rows.Backend.PrepareRight(b), accumulate: false);
        Close(Tensor.FromArray(Product, 3, 3).To(dtype), all, 0);
    }

    /// <summary>
    /// An LSTM disposes its prepared W_hh when its pass ends (the CPU backend's packed array goes back to the pool): a
    /// product with it after that is a clear error on both backends, for one row and for several.
    /// </summary>
    [Theory, MemberData(nameof(Cases))]
    public void AProductAfterDisposeIsAClearError(string deviceName, string dtypeName)
    {
        var (device, dtype) = Parse(deviceName, dtypeName);
        using var _ = Device.Use(device);
        var b = Tensor.FromArray(B, 2, 3).To(dtype);
        var prepared = b.Backend.PrepareRight(b);
        prepared.Dispose();
        prepared.Dispose();  // twice is harmless
        foreach (int rows in new[] { 1, 3 })
        {
            var a = Tensor.FromArray(A, 3, 2).To(dtype).Narrow(0, 0, rows);
            var error = Assert.Throws<ObjectDisposedException>(() => a.Backend.MatMul(Tensor.Zeros([rows, 3], dtype), a, prepared, false));
            Assert.Contains("prepared right operand", error.Message);
            Assert.Contains("b [2, 3]", error.Message);
        }
    }

    /// <summary>
    /// The CPU backend packs a float [64, 64] b (64 is a multiple of every strip width, so 4096 float32, 16 KB, above
    /// <see cref="BufferPool.MinimumBytes"/>) into an array rented from the pool, and Dispose gives that exact array back.
    /// A private pool, seeded with one array of that length filled with NaN, so parallel tests renting from the shared
    /// pool cannot take or add arrays: PrepareRight rents the seed (the pool empties), the product reads only what the
    /// packing wrote (the identity, so the product is a itself), and Dispose returns the seed (the pool holds it again).
    /// </summary>
    [Fact]
    public void DisposeReturnsTheCpuBackendsPackedArrayToItsPool()
    {
        const int size = 64;
        using var _ = Device.Use(Device.Cpu);
        var pool = new BufferPool(1 << 20);
        var seed = Enumerable.Repeat(float.NaN, size * size).ToArray();
        pool.Return(seed);
        var prepared = PrepareTheIdentityFromTheSeed(pool, size, DType.Float32);
        prepared.Dispose();
        Assert.Equal(size * size * sizeof(float), pool.PooledBytes);
        Assert.Same(seed, pool.Rent<float>(size * size));
        prepared.Dispose();  // a second Dispose returns nothing more
        Assert.Equal(0, pool.PooledBytes);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void MismatchedShapesAreAClearErrorOnEveryPath(int rows)
    {
        // One row would take the matrix–vector fallback, several the packed product: both check the shapes first.
        var a = Tensor.Zeros([rows, 5], DType.Float32);
        var prepared = a.Backend.PrepareRight(Tensor.Zeros([3, 4], DType.Float32));
        var error = Assert.Throws<ArgumentException>(() => a.Backend.MatMul(Tensor.Zeros([rows, 4], DType.Float32), a, prepared, false));
        Assert.Contains("prepared right operand", error.Message);
        Assert.Contains($"a float32[{rows}, 5]", error.Message);
        Assert.Contains("b float32[3, 4]", error.Message);
    }

    /// <summary>
    /// LogisticRegression computes its two products transposed, with X prepared once per fit: Zᵀ = Wᵀ·Xᵀ and
    /// Gᵀ = Rᵀ·X instead of Z = X·W and G = Xᵀ·R. That keeps the bits only if the product sums each entry's terms in the
    /// same order whichever operand is on which side: checked here on the path this CPU selects and the default
    /// blocking, with 13 rows (partial 6-row strips) in both; the gradient product has k = 600 (three depth blocks of
    /// 256) and 70 columns (partial tiles), the logits product k = 70 (a single depth block) and 600 columns. Every
    /// SIMD path and several depth blocks for both products: the next test. Not covered: m = 1 (a binary fit's single
    /// logit column), where the prepared product falls back to the plain one (the matrix–vector product, which reads
    /// b in place), so there is no prepared path to compare; its order differs from the old X·W GEMM's, and a binary
    /// fit's last bits are not claimed to be the previous version's.
    /// </summary>
    [Theory, MemberData(nameof(Cases))]
    public void ATransposedProductWithAPreparedOperandHasTheBitsOfThePlainOne(string deviceName, string dtypeName)
    {
        var (device, dtype) = Parse(deviceName, dtypeName);
        using var _ = Device.Use(device);
        var gen = new Generator(21);
        var x = Tensor.Randn([600, 70], dtype, gen);
        var w = Tensor.Randn([70, 13], dtype, gen);
        var r = Tensor.Randn([600, 13], dtype, gen);
        var backend = x.Backend;
        using var xRight = backend.PrepareRight(x);
        using var xTransposedRight = backend.PrepareRight(x.T);
        var logitsTransposed = Tensor.Zeros([13, 600], dtype);
        backend.MatMul(logitsTransposed, w.T, xTransposedRight, accumulate: false);
        BitwiseEqual(x.MatMul(w).T.Contiguous(), logitsTransposed);
        var gradientTransposed = Tensor.Zeros([13, 70], dtype);
        backend.MatMul(gradientTransposed, r.T, xRight, accumulate: false);
        BitwiseEqual(x.T.MatMul(r).T.Contiguous(), gradientTransposed);
    }

    /// <summary>
    /// The same two products through the GEMM itself on every SIMD path this CPU runs (not only the one it selects),
    /// with depth blocks of 32, so that the logits product (k = 70) has three of them and the gradient product (k = 600)
    /// nineteen: B packed once (<see cref="GemmPackedB{T}"/>) against the plain call with the operands swapped and
    /// transposed, bit for bit.
    /// </summary>
    [Theory, MemberData(nameof(SimdPathTests.AvailablePaths), MemberType = typeof(SimdPathTests))]
    public void TheTransposedProductsKeepTheBitsOnEveryPathAndDepthBlock(string pathName)
    {
        var path = SimdPaths.Parse(pathName);
        TransposedProductsKeepTheBits<float>(path);
        TransposedProductsKeepTheBits<double>(path);
    }

    private static void TransposedProductsKeepTheBits<T>(SimdPath path) where T : unmanaged, INumber<T>
    {
        const int n = 600, d = 70, k = 13;
        var blocking = new GemmBlocking(Rows: 12, Depth: 32, Columns: 48);
        var random = new Random(21);
        T[] Values(int count) => Enumerable.Range(0, count).Select(_ => T.CreateChecked(random.NextDouble() * 2 - 1)).ToArray();
        T[] x = Values(n * d), w = Values(d * k), r = Values(n * k);
        var xRows = new Gemm.Operand<T>(x, 0, d, 1);
        var xColumns = new Gemm.Operand<T>(x, 0, 1, d);          // Xᵀ as a view
        // Logits: Z = X·W [n, k] against Zᵀ = Wᵀ·Xᵀ [k, n] with Xᵀ packed.
        var logits = new T[n * k];
        Gemm.Multiply(n, k, d, xRows, new Gemm.Operand<T>(w, 0, k, 1), logits, 0, false, path, blocking);
        var logitsTransposed = new T[k * n];
        Gemm.Multiply(k, new Gemm.Operand<T>(w, 0, 1, k), GemmPackedB<T>.Pack(d, n, xColumns, path, blocking), logitsTransposed, 0, n, false, blocking);
        AssertTransposedBits(logits, n, k, logitsTransposed);
        // Gradient: G = Xᵀ·R [d, k] against Gᵀ = Rᵀ·X [k, d] with X packed.
        var gradient = new T[d * k];
        Gemm.Multiply(d, k, n, xColumns, new Gemm.Operand<T>(r, 0, k, 1), gradient, 0, false, path, blocking);
        var gradientTransposed = new T[k * d];
        Gemm.Multiply(k, new Gemm.Operand<T>(r, 0, 1, k), GemmPackedB<T>.Pack(n, d, xRows, path, blocking), gradientTransposed, 0, d, false, blocking);
        AssertTransposedBits(gradient, d, k, gradientTransposed);
    }

    private static void AssertTransposedBits<T>(T[] product, int rows, int columns, T[] transposed) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(double.CreateChecked(product[i * columns + j])),
                    BitConverter.DoubleToInt64Bits(double.CreateChecked(transposed[j * rows + i])));
    }

    /// <summary>
    /// A packed array larger than 1/16 of its pool's capacity (a training set packed for one fit) is dropped on Dispose
    /// rather than returned: a 1 MB pool keeps up to 64 KB, and a float64 [128, 128] b packs into 128 KB. The pool is
    /// seeded with an array of that length so that the packing rents it; after Dispose the pool stays empty, where the
    /// [64, 64] float32 case above (16 KB) gets its array back.
    /// </summary>
    [Fact]
    public void DisposeDropsAPackedArrayTooLargeForThePool()
    {
        const int size = 128;
        using var _ = Device.Use(Device.Cpu);
        var pool = new BufferPool(1 << 20);
        pool.Return(Enumerable.Repeat(double.NaN, size * size).ToArray());
        Assert.Equal(size * size * sizeof(double), pool.PooledBytes);
        PrepareTheIdentityFromTheSeed(pool, size, DType.Float64).Dispose();
        Assert.Equal(0, pool.PooledBytes);
    }

    /// <summary>
    /// The identity [size, size] prepared on the CPU backend from <paramref name="pool"/>, which holds one seed array of
    /// the packed length and gives it up (the pool empties); the product with it must give a itself, so it read only
    /// what the packing wrote.
    /// </summary>
    private static PreparedRightOperand PrepareTheIdentityFromTheSeed(BufferPool pool, int size, DType dtype)
    {
        var identity = Tensor.Eye(size).To(dtype);
        var backend = Assert.IsType<Sharpgrad.Backends.Cpu.CpuBackend>(identity.Backend);
        var prepared = backend.PrepareRight(identity, pool);
        Assert.Equal(0, pool.PooledBytes);  // the seed was rented for the packing
        var a = Tensor.FromArray(Enumerable.Range(0, 3 * size).Select(i => (double)(i % 11 - 5)).ToArray(), 3, size).To(dtype);
        var c = Tensor.Zeros([3, size], dtype);
        backend.MatMul(c, a, prepared, accumulate: false);
        Close(a, c, 0);
        return prepared;
    }
}
