using Sharpgrad.Kernels;

namespace Sharpgrad;

public sealed partial class Tensor
{
    /// <summary>
    /// Matrix product with PyTorch's rules: vector·vector is a dot product, a vector operand gains and then loses a
    /// unit dim, and leading (batch) dims broadcast. Strided and transposed operands are read in place, not copied.
    /// Backward: ∂/∂A = G·Bᵀ and ∂/∂B = Aᵀ·G (GBC §6.5.6).
    /// </summary>
    public Tensor MatMul(Tensor other)
    {
        if (Rank == 0 || other.Rank == 0)
            throw new ArgumentException($"MatMul: both operands need at least one dim, got shapes {ShapeText} and {other.ShapeText}.");
        if (Rank == 1 && other.Rank == 1) return Unsqueeze(0).MatMul(other.Unsqueeze(1)).Reshape();
        if (Rank == 1) return Unsqueeze(0).MatMul(other).Squeeze(-2);
        if (other.Rank == 1) return MatMul(other.Unsqueeze(1)).Squeeze(-1);
        return BatchedMatMul(this, other);
    }

    private static Tensor BatchedMatMul(Tensor a, Tensor b)
    {
        int m = a.shape[^2], k = a.shape[^1], k2 = b.shape[^2], n = b.shape[^1];
        if (k != k2)
            throw new ArgumentException($"MatMul: shapes {a.ShapeText} and {b.ShapeText} cannot be multiplied ({k} != {k2}).");
        if (a.DType != b.DType || !a.DType.IsFloatingPoint())
            throw new ArgumentException($"MatMul: operands must share a floating-point dtype, got {a.DType.Name()} and {b.DType.Name()}.");
        var batch = ShapeUtil.Broadcast(a.shape[..^2], b.shape[..^2], "MatMul");
        var y = Uninitialized(a.DType, [.. batch, m, n]);
        var aStrides = ShapeUtil.BroadcastStrides(a.shape[..^2], a.strides[..^2], batch);
        var bStrides = ShapeUtil.BroadcastStrides(b.shape[..^2], b.strides[..^2], batch);
        int batches = ShapeUtil.Count(batch);
        for (int i = 0; i < batches; i++)
        {
            int ao = a.offset, bo = b.offset, rest = i;
            for (int d = batch.Length - 1; d >= 0; d--)
            {
                int c = rest % batch[d];
                rest /= batch[d];
                ao += c * aStrides[d];
                bo += c * bStrides[d];
            }
            if (a.DType == DType.Float32) Multiply<float>(a, b, ao, bo, y, i * m * n, m, n, k);
            else Multiply<double>(a, b, ao, bo, y, i * m * n, m, n, k);
        }
        return y.Record("MatMul", [a, b], g =>
        [
            a.RequiresGrad ? g.MatMul(b.Transpose(-1, -2)).SumTo(a.shape) : null,
            b.RequiresGrad ? a.Transpose(-1, -2).MatMul(g).SumTo(b.shape) : null,
        ]);
    }

    private static void Multiply<T>(Tensor a, Tensor b, int ao, int bo, Tensor y, int yo, int m, int n, int k)
        where T : unmanaged, System.Numerics.INumber<T>
        => Gemm.Multiply(m, n, k,
            new Gemm.Operand<T>(a.Data<T>(), ao, a.strides[^2], a.strides[^1]),
            new Gemm.Operand<T>(b.Data<T>(), bo, b.strides[^2], b.strides[^1]),
            y.Data<T>(), yo, accumulate: false);

    /// <summary>Dot product of two 1-D tensors.</summary>
    public Tensor Dot(Tensor other)
    {
        if (Rank != 1 || other.Rank != 1)
            throw new ArgumentException($"Dot: expects two 1-D tensors, got shapes {ShapeText} and {other.ShapeText}.");
        if (shape[0] != other.shape[0])
            throw new ArgumentException($"Dot: expects two vectors of the same size, got sizes {shape[0]} and {other.shape[0]}.");
        return MatMul(other);
    }
}
