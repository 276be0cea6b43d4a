using Sharpgrad.Kernels;

namespace Sharpgrad;

// Rounding and remainders. The rounding functions are piecewise constant, so their gradient is 0 (as PyTorch's);
// on int64 tensors they return a copy. Round takes halves to the even neighbour (round(2.5) = 2, round(−0.5) = −0).
public sealed partial class Tensor
{
    public Tensor Floor() => Rounded("Floor", new ElementaryOp<float>(ElementaryFunction.Floor), new ElementaryOp<double>(ElementaryFunction.Floor));

    public Tensor Ceil() => Rounded("Ceil", new ElementaryOp<float>(ElementaryFunction.Ceil), new ElementaryOp<double>(ElementaryFunction.Ceil));

    /// <summary>Towards zero.</summary>
    public Tensor Trunc() => Rounded("Trunc", new ElementaryOp<float>(ElementaryFunction.Trunc), new ElementaryOp<double>(ElementaryFunction.Trunc));

    /// <summary>
    /// Rounds half to even to <paramref name="decimals"/> decimal places (negative: to tens, hundreds, …), computed as
    /// PyTorch does, round(x·10ᵈ)/10ᵈ, so a value such as 2.675 (stored as 2.67499…) rounds to 2.67.
    /// </summary>
    public Tensor Round(int decimals = 0)
    {
        if (decimals != 0 && !DType.IsFloatingPoint())
            throw new ArgumentException($"Round: decimals = {decimals} needs a floating-point tensor, got {DType.Name()}.");
        return Rounded("Round", new RoundOp<float>(decimals), new RoundOp<double>(decimals));
    }

    /// <summary>x − trunc(x), with the sign of x; its derivative is 1.</summary>
    public Tensor Frac()
    {
        Elementwise.RequireFloat(this, "Frac");
        return this - Trunc();
    }

    /// <summary>
    /// C's fmod with broadcasting: the remainder of truncated division, with the sign of the dividend (fmod(−7, 3) = −1).
    /// int64 operands stay int64, and an integer zero divisor is an error. ∂/∂a = 1, ∂/∂b = −trunc(a/b).
    /// </summary>
    public Tensor Fmod(Tensor other) => Modulus(other, "Fmod", new FmodOp<float>(), new FmodOp<double>(), new FmodOp<long>(),
        quotient => quotient.Trunc());

    public Tensor Fmod(double other) => Fmod(ScalarLike(other));

    /// <summary>
    /// Python's % with broadcasting: the remainder of floored division, with the sign of the divisor (remainder(−7, 3) = 2).
    /// int64 operands stay int64, and an integer zero divisor is an error. ∂/∂a = 1, ∂/∂b = −floor(a/b).
    /// </summary>
    public Tensor Remainder(Tensor other) => Modulus(other, "Remainder", new RemainderOp<float>(), new RemainderOp<double>(),
        new RemainderOp<long>(), quotient => quotient.Floor());

    public Tensor Remainder(double other) => Remainder(ScalarLike(other));

    private Tensor Rounded<TF, TD>(string name, TF f, TD d)
        where TF : struct, IUnaryOp<float> where TD : struct, IUnaryOp<double>
    {
        if (!DType.IsFloatingPoint()) return (DType == DType.Bool ? To(DType.Int64) : this).Clone();
        var y = Elementwise.Float(this, name, f, d);
        return y.Record(name, [this], g => [ZerosLike(g)]);
    }

    private Tensor Modulus<TF, TD, TL>(Tensor other, string name, TF f, TD d, TL l, Func<Tensor, Tensor> roundQuotient)
        where TF : struct, IBinaryOp<float> where TD : struct, IBinaryOp<double> where TL : struct, IBinaryOp<long>
    {
        if (!DType.IsFloatingPoint() && !other.DType.IsFloatingPoint() && other.Eq(0).Any())
            throw new ArgumentException($"{name}: integer division by zero (the {other.DType.Name()} divisor of shape {other.ShapeText} has a zero).");
        var y = Elementwise.Binary(this, other, name, f, d, l);
        return y.Record(name, [this, other], g => [g.SumTo(shape), (-g * roundQuotient(this / other)).SumTo(other.shape)]);
    }
}
