using Sharpgrad.Kernels;

namespace Sharpgrad;

// Broadcasting arithmetic and comparisons. Each backward reduces the incoming gradient back to the operand's
// own shape with SumTo, because broadcasting copied the operand along the expanded dims.
public sealed partial class Tensor
{
    public static Tensor operator +(Tensor a, Tensor b) => a.Add(b);
    public static Tensor operator -(Tensor a, Tensor b) => a.Sub(b);
    public static Tensor operator *(Tensor a, Tensor b) => a.Mul(b);
    public static Tensor operator /(Tensor a, Tensor b) => a.Div(b);
    public static Tensor operator -(Tensor a) => a.Neg();

    public static Tensor operator +(Tensor a, double b) => a.Add(a.ScalarLike(b));
    public static Tensor operator +(double a, Tensor b) => b.ScalarLike(a).Add(b);
    public static Tensor operator -(Tensor a, double b) => a.Sub(a.ScalarLike(b));
    public static Tensor operator -(double a, Tensor b) => b.ScalarLike(a).Sub(b);
    public static Tensor operator *(Tensor a, double b) => a.Mul(a.ScalarLike(b));
    public static Tensor operator *(double a, Tensor b) => b.ScalarLike(a).Mul(b);
    public static Tensor operator /(Tensor a, double b) => a.Div(a.ScalarLike(b));
    public static Tensor operator /(double a, Tensor b) => b.ScalarLike(a).Div(b);

    /// <summary>A 0-d constant that combines with this tensor without changing its dtype (a whole-number
    /// constant keeps an int64 tensor int64; a fractional one makes it float32, as in PyTorch).</summary>
    internal Tensor ScalarLike(double value) => Scalar(value,
        DType.IsFloatingPoint() ? DType : Math.Floor(value) == value ? DType.Int64 : DType.Float32);

    public Tensor Add(Tensor other)
    {
        var y = Elementwise.Binary(this, other, "Add", new AddOp<float>(), new AddOp<double>(), new AddOp<long>());
        return y.Record("Add", [this, other], g => [g.SumTo(shape), g.SumTo(other.shape)]);
    }

    public Tensor Sub(Tensor other)
    {
        var y = Elementwise.Binary(this, other, "Sub", new SubOp<float>(), new SubOp<double>(), new SubOp<long>());
        return y.Record("Sub", [this, other], g => [g.SumTo(shape), (-g).SumTo(other.shape)]);
    }

    public Tensor Mul(Tensor other)
    {
        var y = Elementwise.Binary(this, other, "Mul", new MulOp<float>(), new MulOp<double>(), new MulOp<long>());
        return y.Record("Mul", [this, other], g => [(g * other).SumTo(shape), (g * this).SumTo(other.shape)]);
    }

    /// <summary>True division: integer operands give a float result, as in PyTorch.</summary>
    public Tensor Div(Tensor other)
    {
        var a = DType.IsFloatingPoint() || other.DType.IsFloatingPoint() ? this : To(DType.Float32);
        var y = Elementwise.Binary(a, other, "Div", new DivOp<float>(), new DivOp<double>(), new DivOp<long>());
        return y.Record("Div", [this, other], g => [(g / other).SumTo(shape), (-g * this / (other * other)).SumTo(other.shape)]);
    }

    public Tensor Neg()
    {
        var y = Elementwise.Numeric(this, "Neg", new NegOp<float>(), new NegOp<double>(), new NegOp<long>());
        return y.Record("Neg", [this], g => [-g]);
    }

    /// <summary>xᵖ for a constant exponent; d/dx = p·xᵖ⁻¹.</summary>
    public Tensor Pow(double exponent)
    {
        if (exponent == 1) return Alias().Record("Pow", [this], g => [g]);
        var y = Elementwise.Float(this, "Pow", new PowScalarOp<float>((float)exponent), new PowScalarOp<double>(exponent));
        // x⁰ = 1 is constant, so its gradient is 0 even at x = 0, where 0·x⁻¹ would give NaN (as PyTorch).
        return y.Record("Pow", [this], g => [exponent == 0 ? ZerosLike(g) : g * exponent * Pow(exponent - 1)]);
    }

    /// <summary>
    /// Elementwise aᵇ with a tensor exponent; ∂/∂a = b·aᵇ⁻¹, ∂/∂b = aᵇ·log a. As in PyTorch, ∂/∂a is 0 where b = 0
    /// (a⁰ is constant, even at a = 0 where b·aᵇ⁻¹ would be 0·∞), and ∂/∂b is 0 where a = 0 and b ≥ 0 (0ᵇ is 0 or 1
    /// on that side, where aᵇ·log a would be 0·(−∞)).
    /// </summary>
    public Tensor Pow(Tensor exponent)
    {
        var y = Elementwise.BinaryFloat(this, exponent, "Pow", new PowOp<float>(), new PowOp<double>());
        return y.Record("Pow", [this, exponent], g =>
        [
            Where(exponent.Eq(0), 0.0, g * exponent * Pow(exponent - 1)).SumTo(shape),
            exponent.RequiresGrad ? (g * ExponentGradient(exponent, y)).SumTo(exponent.shape) : null,
        ]);
    }

    /// <summary>∂aᵇ/∂b = aᵇ·log a, with PyTorch's 0 at a = 0, b ≥ 0.</summary>
    private Tensor ExponentGradient(Tensor exponent, Tensor power)
    {
        var general = power * Log();
        return Where(Eq(0), Where(exponent.Ge(0), 0.0, general), general);
    }

    public Tensor Square() => this * this;

    /// <summary>Elementwise max; at ties the gradient is split evenly between the operands, as in PyTorch.</summary>
    public Tensor Maximum(Tensor other) => Extremum(other, "Maximum", Comparison.Greater,
        Elementwise.Binary(this, other, "Maximum", new MaximumOp<float>(), new MaximumOp<double>(), new MaximumOp<long>()));

    public Tensor Minimum(Tensor other) => Extremum(other, "Minimum", Comparison.Less,
        Elementwise.Binary(this, other, "Minimum", new MinimumOp<float>(), new MinimumOp<double>(), new MinimumOp<long>()));

    private Tensor Extremum(Tensor other, string name, Comparison wins, Tensor y) => y.Record(name, [this, other], g =>
    {
        var share = Elementwise.Compare(this, other, wins, name).To(g.DType)
                    + Elementwise.Compare(this, other, Comparison.Equal, name).To(g.DType) * 0.5;
        return [(g * share).SumTo(shape), (g * (1 - share)).SumTo(other.shape)];
    });

    public Tensor Eq(Tensor other) => Elementwise.Compare(this, other, Comparison.Equal, "Eq");
    public Tensor Ne(Tensor other) => Elementwise.Compare(this, other, Comparison.NotEqual, "Ne");
    public Tensor Lt(Tensor other) => Elementwise.Compare(this, other, Comparison.Less, "Lt");
    public Tensor Le(Tensor other) => Elementwise.Compare(this, other, Comparison.LessOrEqual, "Le");
    public Tensor Gt(Tensor other) => Elementwise.Compare(this, other, Comparison.Greater, "Gt");
    public Tensor Ge(Tensor other) => Elementwise.Compare(this, other, Comparison.GreaterOrEqual, "Ge");
    public Tensor Eq(double value) => Eq(ScalarLike(value));
    public Tensor Ne(double value) => Ne(ScalarLike(value));
    public Tensor Lt(double value) => Lt(ScalarLike(value));
    public Tensor Le(double value) => Le(ScalarLike(value));
    public Tensor Gt(double value) => Gt(ScalarLike(value));
    public Tensor Ge(double value) => Ge(ScalarLike(value));

    /// <summary>
    /// Sums a gradient over the dims that broadcasting expanded, giving it back the operand's
    /// <paramref name="target"/> shape. Differentiable (its backward is an Expand).
    /// </summary>
    internal Tensor SumTo(int[] target)
    {
        if (shape.AsSpan().SequenceEqual(target)) return this;
        int lead = Rank - target.Length;
        var dims = new List<int>();
        for (int d = 0; d < Rank; d++)
            if (d < lead || (target[d - lead] == 1 && shape[d] != 1)) dims.Add(d);
        var summed = dims.Count == 0 ? this : Sum([.. dims], keepdim: true);
        return lead == 0 ? summed : summed.Reshape(target);
    }
}
