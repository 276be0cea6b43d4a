using Sharpgrad.Tests.Support;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Tensors;

/// <summary>
/// Results never depend on the thread count (DESIGN.md): kernels cut work at boundaries that depend only on the
/// problem size, and reductions combine partial results in a fixed order. Sizes are odd on purpose, so that
/// chunk boundaries fall inside SIMD vectors.
/// </summary>
public class DeterminismTests
{
    /// <summary>Runs <paramref name="compute"/> with 1, 2 and 3 threads and checks the results are bitwise identical.</summary>
    private static void SameForAnyThreadCount(Func<Tensor> compute)
    {
        var reference = ThreadCounts.With(1, compute);
        foreach (var threads in new[] { 2, 3 })
            BitwiseEqual(reference, ThreadCounts.With(threads, compute));
    }

    private static readonly Tensor Big = Tensor.Randn([1_000_003], DType.Float32, new Generator(1));

    [Fact]
    public void LargeSum()
    {
        SameForAnyThreadCount(() => Big.Sum());
        SameForAnyThreadCount(() => Big.Double().Sum());
        SameForAnyThreadCount(() => Big[..999_999].View(333_333, 3).Sum(0));
        SameForAnyThreadCount(() => Big[..999_999].View(3, 333_333).Sum(1));
    }

    [Fact]
    public void LargeMatMul()
    {
        var a = Tensor.Randn([300, 200], DType.Float32, new Generator(2));
        var b = Tensor.Randn([200, 150], DType.Float32, new Generator(3));
        SameForAnyThreadCount(() => a.MatMul(b));
        SameForAnyThreadCount(() => a.Double().MatMul(b.Double().T.Contiguous().T));
    }

    /// <summary>
    /// Batched products too small for the GEMM to split (attention scores, [B·heads, T, d]·[B·heads, d, T]) are shared
    /// out between threads a whole matrix at a time (issue #21): each matrix must keep the bits of the same product
    /// computed alone, at any thread count, with broadcast batch dimensions and a transposed operand too.
    /// </summary>
    [Fact]
    public void SmallBatchedMatMulSharedOutByMatrix()
    {
        // 26 products of 33·33·40 = 43 560 multiply-adds, 1.1 M in all: the batch forks (26 products, a grain of 24 per thread).
        var q = Tensor.Randn([2, 13, 33, 40], DType.Float32, new Generator(4));
        var k = Tensor.Randn([13, 33, 40], DType.Float32, new Generator(5));
        var kT = k.Transpose(1, 2);  // [13, 40, 33], read in place
        SameForAnyThreadCount(() => q.MatMul(kT));
        SameForAnyThreadCount(() => q.Double().MatMul(kT.Double()));
        var scores = ThreadCounts.With(2, () => q.MatMul(kT));
        for (int b = 0; b < 2; b++)
            for (int h = 0; h < 13; h++)
                BitwiseEqual(ThreadCounts.With(1, () => q[b, h].MatMul(kT[h])), scores[b, h]);
    }

    [Fact]
    public void Softmax()
    {
        var x = Big[..250_000].View(500, 500);
        SameForAnyThreadCount(() => x.Softmax(1));
        SameForAnyThreadCount(() => x.LogSoftmax(0));
    }

    [Fact]
    public void ElementwiseOps()
    {
        // Exp, Log and Sigmoid have SIMD forms that may differ from the scalar ones in the last bit, so a chunk
        // boundary that moved with the thread count would change which elements take which path.
        var x = Big[..200_003];
        SameForAnyThreadCount(() => x.Exp());
        SameForAnyThreadCount(() => x.Abs().Log());
        SameForAnyThreadCount(() => x.Sigmoid());
        SameForAnyThreadCount(() => x.Double().Sin());
        SameForAnyThreadCount(() => x.Tanh() * 3 + x);
        var rows = x[..199_998].View(66_666, 3);
        SameForAnyThreadCount(() => rows + Tensor.From(new[] { 1f, 2f, 3f }));
    }

    [Fact]
    public void ThreadCountMustBePositive()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Threads.Count = 0);
        Assert.Contains("Threads.Count", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Threads.Use(0));
    }
}
