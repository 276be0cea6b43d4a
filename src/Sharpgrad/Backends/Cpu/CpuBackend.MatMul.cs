using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public override void MatMul(Tensor c, Tensor a, Tensor b, bool accumulate)
    {
        RequireOwn("MatMul", c, a, b);
        if (c.Rank == 2)
        {
            Multiply(c, c.offset, a, a.offset, b, b.offset, accumulate);
            return;
        }
        BatchedMatMul(c, a, b, accumulate);
    }

    /// <summary>
    /// At inference, b kept packed between calls (<see cref="CpuPackedLinearWeights"/>) once a second call sees it
    /// unchanged; otherwise, and for a single row (the matrix-vector product reads b in place), the plain product.
    /// </summary>
    public override void MatMulWeights(Tensor c, Tensor a, Tensor b, bool accumulate, bool inference)
    {
        RequireOwn("MatMulWeights", c, a, b);
        RequireMatrixProduct("MatMulWeights", c, a, b);
        bool packable = !ReadsRightInPlace(c) && b.shape[0] > 0 && b.shape[1] > 0;   // an empty b needs no pack
        if (c.DType == DType.Float32 && CpuPackedLinearWeights.For<float>(b, packable, inference) is { } single) MultiplyPacked(c, a, single, accumulate);
        else if (c.DType == DType.Float64 && CpuPackedLinearWeights.For<double>(b, packable, inference) is { } wide) MultiplyPacked(c, a, wide, accumulate);
        else MatMul(c, a, b, accumulate);
    }

    /// <summary>A float matrix b is packed whole, once, for the GEMM, into a pooled array; anything else is kept as it is.</summary>
    public override PreparedRightOperand PrepareRight(Tensor b) => PrepareRight(b, BufferPool.Shared);

    /// <summary>
    /// As above with the packed array rented from, and returned on Dispose to, <paramref name="pool"/>: a test's private
    /// pool sees that exact array come back, which the shared one, rented from by tests running alongside, cannot show.
    /// </summary>
    internal PreparedRightOperand PrepareRight(Tensor b, BufferPool pool)
    {
        RequireOwn("PrepareRight", b);
        if (b.Rank != 2) return base.PrepareRight(b);
        if (b.DType == DType.Float32) return Pack<float>(b, pool);
        return b.DType == DType.Float64 ? Pack<double>(b, pool) : base.PrepareRight(b);
    }

    private static CpuPackedRight<T> Pack<T>(Tensor b, BufferPool pool) where T : unmanaged, INumber<T>
        => new(b, GemmPackedB<T>.Pack(b.shape[0], b.shape[1], MatrixOperand<T>(b), pool.Rent<T>), pool);

    public override void MatMul(Tensor c, Tensor a, PreparedRightOperand b, bool accumulate)
    {
        RequireOwn("MatMul", c, a, b.Tensor);
        RequireMatrixProduct("MatMul with a prepared right operand", c, a, b.Tensor);
        if (ReadsRightInPlace(c) || b is not (CpuPackedRight<float> or CpuPackedRight<double>))
        {
            MatMul(c, a, b.Tensor, accumulate);
            return;
        }
        if (b is CpuPackedRight<float> single) MultiplyPacked(c, a, single.Packed, accumulate);
        else MultiplyPacked(c, a, ((CpuPackedRight<double>)b).Packed, accumulate);
    }

    /// <summary>
    /// c [m, n] = a [m, k]·b [k, n], all of one dtype, or an error naming <paramref name="op"/>: checked before any
    /// fallback, since the plain MatMul trusts its caller's shapes.
    /// </summary>
    private static void RequireMatrixProduct(string op, Tensor c, Tensor a, Tensor b)
    {
        if (a.Rank != 2 || b.Rank != 2 || c.Rank != 2 || a.shape[0] != c.shape[0] || a.shape[1] != b.shape[0] || c.shape[1] != b.shape[1]
            || a.DType != c.DType || b.DType != c.DType)
            throw new ArgumentException($"{op}: c {c.DType.Name()}[{string.Join(", ", c.shape)}] = a {a.DType.Name()}[{string.Join(", ", a.shape)}]"
                + $" · b {b.DType.Name()}[{string.Join(", ", b.shape)}] needs c [m, n], a [m, k], b [k, n] of one dtype.");
    }

    private static void MultiplyPacked<T>(Tensor c, Tensor a, GemmPackedB<T> b, bool accumulate) where T : unmanaged, INumber<T>
        => Gemm.Multiply(c.shape[0], MatrixOperand<T>(a), b, c.Data<T>(), c.offset, accumulate);

    /// <summary>
    /// Whether a product into <paramref name="c"/> reads its right operand in place whatever was prepared: a single row
    /// takes the matrix-vector product (<see cref="RowVectorProduct"/>), so a packed b would go unused.
    /// </summary>
    private static bool ReadsRightInPlace(Tensor c) => c.shape[0] == 1;

    /// <summary>A matrix tensor as the GEMM's strided operand, read in place.</summary>
    internal static Gemm.Operand<T> MatrixOperand<T>(Tensor m) where T : unmanaged
        => new(m.Data<T>(), m.offset, m.strides[0], m.strides[1]);

    // Apart from MatMul because its local function captures the parameters, and C# allocates such a closure on entry
    // to the method: the single matrix product above would pay for it on every call (issue #20's per-op cost).
    private static void BatchedMatMul(Tensor c, Tensor a, Tensor b, bool accumulate)
    {
        // One GEMM per batch index, each operand's matrix found through its (broadcast) batch strides.
        int m = c.shape[^2], n = c.shape[^1];
        var batch = c.shape[..^2];
        var aStrides = ShapeUtil.BroadcastStrides(a.shape[..^2], a.strides[..^2], batch);
        var bStrides = ShapeUtil.BroadcastStrides(b.shape[..^2], b.strides[..^2], batch);
        int batches = ShapeUtil.Count(batch);
        void Products(long first, long end)
        {
            for (int i = (int)first; i < end; i++)
            {
                int ao = a.offset, bo = b.offset, rest = i;
                for (int d = batch.Length - 1; d >= 0; d--)
                {
                    int index = rest % batch[d];
                    rest /= batch[d];
                    ao += index * aStrides[d];
                    bo += index * bStrides[d];
                }
                Multiply(c, c.offset + i * m * n, a, ao, b, bo, accumulate);
            }
        }
        // A product the GEMM would not split between threads (under 2·MinWorkPerThread multiply-adds, e.g. an attention
        // layer's [T, d]·[d, T] per head, 2²⁰ at T = 128, d = 64) would leave every other core idle: share the batch out
        // instead, whole products per thread. Each matrix of C is still one GEMM on one thread, computed as it would be
        // alone, so the bits do not depend on the thread count, and no GEMM splits itself inside a shared-out worker.
        long work = (long)m * n * a.shape[^1];
        if (work < 2 * Gemm.MinWorkPerThread) ParallelRange.For(batches, Math.Max(1, Gemm.MinWorkPerThread / Math.Max(1, work)), Products);
        else Products(0, batches);
    }

    /// <summary>One matrix of c (at <paramref name="co"/>) from the matrices of a and b at the given offsets.</summary>
    private static void Multiply(Tensor c, int co, Tensor a, int ao, Tensor b, int bo, bool accumulate)
    {
        if (c.DType == DType.Float32) Multiply<float>(c, co, a, ao, b, bo, accumulate);
        else Multiply<double>(c, co, a, ao, b, bo, accumulate);
    }

    /// <summary>
    /// A single row times a matrix (a batch-1 linear layer) skips the packed GEMM for a matrix-vector product that reads
    /// B in place (<see cref="RowVectorProduct"/>); any other shape runs the GEMM.
    /// </summary>
    private static void Multiply<T>(Tensor c, int co, Tensor a, int ao, Tensor b, int bo, bool accumulate) where T : unmanaged, INumber<T>
    {
        int m = c.shape[^2], n = c.shape[^1], k = a.shape[^1];
        var left = new Gemm.Operand<T>(a.Data<T>(), ao, a.strides[^2], a.strides[^1]);
        var right = new Gemm.Operand<T>(b.Data<T>(), bo, b.strides[^2], b.strides[^1]);
        if (RowVectorProduct.Applies(m, left, right)) RowVectorProduct.Multiply(n, k, left, right, c.Data<T>(), co, accumulate);
        else Gemm.Multiply(m, n, k, left, right, c.Data<T>(), co, accumulate);
    }
}
