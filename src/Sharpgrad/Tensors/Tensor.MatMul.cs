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
        if (Autocast.Applies(this, other)) return Autocast.Cast(this)!.MatMul(Autocast.Cast(other)!);
        if (HalfPrecision.Applies(this, other)) return HalfPrecision.Compute(this, other, (a, b) => a.MatMul(b));
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
        var y = Uninitialized(a.DType, [.. batch, m, n], Device.Of("MatMul", a, b));
        y.Backend.MatMul(y, a, b, accumulate: false);
        return y.Record("MatMul", [a, b], g =>
        [
            a.RequiresGrad ? g.MatMul(b.Transpose(-1, -2)).SumTo(a.shape) : null,
            b.RequiresGrad ? a.Transpose(-1, -2).MatMul(g).SumTo(b.shape) : null,
        ]);
    }

    /// <summary>Mᵀ of a 2-D tensor M as a view outside the graph (its strides swapped): how a matrix product reads Mᵀ in place.</summary>
    internal Tensor TransposedMatrix() => new(storage, [shape[1], shape[0]], [strides[1], strides[0]], offset);

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
