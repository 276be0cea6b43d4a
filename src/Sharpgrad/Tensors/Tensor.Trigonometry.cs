using Sharpgrad.Kernels;

namespace Sharpgrad;

// Inverse trigonometric and hyperbolic functions. Derivatives are the textbook ones, written with tensor ops so that
// they are themselves differentiable. Integer inputs are promoted to float32, as in PyTorch.
public sealed partial class Tensor
{
    /// <summary>arcsin on [−1, 1]; arcsin′(x) = 1/√(1 − x²).</summary>
    public Tensor Asin()
    {
        var (x, y) = Elementary(ElementaryFunction.Asin);
        return y.Record("Asin", [x], g => [g / (1 - x * x).Sqrt()]);
    }

    /// <summary>arccos on [−1, 1]; arccos′(x) = −1/√(1 − x²).</summary>
    public Tensor Acos()
    {
        var (x, y) = Elementary(ElementaryFunction.Acos);
        return y.Record("Acos", [x], g => [-g / (1 - x * x).Sqrt()]);
    }

    /// <summary>arctan; arctan′(x) = 1/(1 + x²).</summary>
    public Tensor Atan()
    {
        var (x, y) = Elementary(ElementaryFunction.Atan);
        return y.Record("Atan", [x], g => [g / (1 + x * x)]);
    }

    /// <summary>tan; tan′ = 1 + tan².</summary>
    public Tensor Tan()
    {
        var (x, y) = Elementary(ElementaryFunction.Tan);
        return y.Record("Tan", [x], g => [g * (1 + y * y)]);
    }

    public Tensor Sinh()
    {
        var (x, y) = Elementary(ElementaryFunction.Sinh);
        return y.Record("Sinh", [x], g => [g * x.Cosh()]);
    }

    public Tensor Cosh()
    {
        var (x, y) = Elementary(ElementaryFunction.Cosh);
        return y.Record("Cosh", [x], g => [g * x.Sinh()]);
    }

    /// <summary>
    /// The angle of the point (other, this) in (−π, π], i.e. atan2(y = this, x = other), with broadcasting;
    /// ∂/∂y = x/(x² + y²), ∂/∂x = −y/(x² + y²).
    /// </summary>
    public Tensor Atan2(Tensor other)
    {
        var y = Elementwise.BinaryFloat(this, other, "Atan2", new Atan2Op<float>(), new Atan2Op<double>());
        return y.Record("Atan2", [this, other], g =>
        {
            var scale = g / (this * this + other * other);
            return [(scale * other).SumTo(shape), (-scale * this).SumTo(other.shape)];
        });
    }

    /// <summary>√(this² + other²) without intermediate overflow, with broadcasting; ∂/∂a = a/h, ∂/∂b = b/h.</summary>
    public Tensor Hypot(Tensor other)
    {
        var h = Elementwise.BinaryFloat(this, other, "Hypot", new HypotOp<float>(), new HypotOp<double>());
        return h.Record("Hypot", [this, other], g => [(g * this / h).SumTo(shape), (g * other / h).SumTo(other.shape)]);
    }
}
