using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Gradients;

/// <summary>
/// Higher-order derivatives: backward rules are written in differentiable ops, so with createGraph the gradient is
/// itself a graph. Hessian-vector products Hv = ∇ₓ[(∇ₓf)ᵀv] (BOOKS §3), explicit Hessians, double backprop.
/// </summary>
public class HigherOrderTests
{
    private static Tensor Grad(Tensor output, Tensor input, bool createGraph = false, bool? retainGraph = null)
        => Sharpgrad.Autograd.Grad([output], [input], createGraph: createGraph, retainGraph: retainGraph)[0];

    /// <summary>The Hessian of a scalar f(x) for a 1-D x, one row at a time: row i = ∇ₓ(∂f/∂xᵢ).</summary>
    private static Tensor HessianByRows(Func<Tensor, Tensor> f, Tensor x)
    {
        var gradient = Grad(f(x), x, createGraph: true);
        var rows = Enumerable.Range(0, x.Count).Select(i => Grad(gradient[i], x, retainGraph: true)).ToArray();
        return Tensor.Stack(rows);
    }

    private static readonly Tensor A = Tensor.From(new[,] { { 0.3, -0.5, 0.8 }, { 1.1, 0.2, -0.4 }, { -0.7, 0.6, 0.1 }, { 0.5, 0.9, -1.2 } });

    /// <summary>f(x) = (Σᵢ tanh(Ax)ᵢ)² + x·x³: not quadratic, so the Hessian depends on x.</summary>
    private static Tensor F(Tensor x) => x.Unsqueeze(0).MatMul(A.T).Squeeze(0).Tanh().Sum().Square() + x.Dot(x.Pow(3));

    /// <summary>
    /// The Hessian of F by hand. With t = tanh(Ax), s = Σt and u = Aᵀ(1 − t²):
    /// ∇f = 2s·u + 4x³ and H = 2uuᵀ − 4s·Aᵀ diag(t(1 − t²)) A + diag(12x²).
    /// </summary>
    private static Tensor ClosedFormHessian(Tensor x)
    {
        var t = A.MatMul(x).Tanh();
        var s = t.Sum();
        var u = A.T.MatMul(1 - t * t);
        var curvature = A.T.MatMul((t * (1 - t * t)).Unsqueeze(1) * A);
        return 2 * u.Unsqueeze(1) * u.Unsqueeze(0) - 4 * s * curvature + Tensor.Eye(3, dtype: DType.Float64) * (12 * x * x);
    }

    [Fact]
    public void ExplicitHessianMatchesTheClosedForm()
    {
        var x = Tensor.From(new[] { 0.4, -0.9, 0.7 }).RequireGrad();
        var h = HessianByRows(F, x);
        Close(ClosedFormHessian(x.Detach()), h, 1e-12);
        Close(h.T.Contiguous(), h, 1e-12); // symmetric
    }

    [Fact]
    public void HessianVectorProductEqualsHessianTimesV()
    {
        var x = Tensor.From(new[] { 0.4, -0.9, 0.7 }).RequireGrad();
        var v = Tensor.From(new[] { 1.5, -0.5, 2.0 });
        var gradient = Grad(F(x), x, createGraph: true);
        var hv = Grad((gradient * v).Sum(), x);
        Close(ClosedFormHessian(x.Detach()).MatMul(v), hv, 1e-12);
        Close(HessianByRows(F, x).MatMul(v), hv, 1e-12);
        Assert.False(hv.RequiresGrad);
    }

    [Fact]
    public void SaddleHasHessianEigenvaluesPlusAndMinusTwo()
    {
        // BOOKS §1: f = x₁² − x₂² has H = diag(2, −2) everywhere, a saddle point at the origin.
        var x = Tensor.From(new[] { 0.3, -0.7 }).RequireGrad();
        var h = HessianByRows(p => p[0].Square() - p[1].Square(), x).ToDoubleArray();
        Assert.Equal(new[] { 2.0, 0, 0, -2 }, h);
        // Eigenvalues of the symmetric 2×2 [[a, b], [b, d]]: (a+d)/2 ± √(((a−d)/2)² + b²).
        double mid = (h[0] + h[3]) / 2, radius = Math.Sqrt(Math.Pow((h[0] - h[3]) / 2, 2) + h[1] * h[1]);
        Assert.Equal(2, mid + radius);
        Assert.Equal(-2, mid - radius);
    }

    [Fact]
    public void DoubleBackpropOfAGradientPenalty()
    {
        // ∇f = cos x for f = Σ sin x; the penalty ‖∇f‖² = Σ cos²x has gradient −2 cos x sin x = −sin 2x.
        var x = Tensor.From(new[] { 0.1, 0.8, -1.3, 2.0 }).RequireGrad();
        var gradient = Grad(x.Sin().Sum(), x, createGraph: true);
        Close(x.Detach().Cos(), gradient, 1e-15);
        var penalty = gradient.Square().Sum();
        penalty.Backward();
        Close([-Math.Sin(0.2), -Math.Sin(1.6), -Math.Sin(-2.6), -Math.Sin(4.0)], x.Grad!, 1e-15);
    }

    [Fact]
    public void ThirdDerivativeOfXToTheFourth()
    {
        // d/dx x⁴ = 4x³, d² = 12x², d³ = 24x; at x = 1.5: 13.5, 27, 36.
        var x = Tensor.Scalar(1.5, DType.Float64).RequireGrad();
        var d1 = Grad(x.Pow(4), x, createGraph: true);
        var d2 = Grad(d1, x, createGraph: true);
        var d3 = Grad(d2, x);
        Assert.Equal(13.5, d1.Item(), 1e-13);
        Assert.Equal(27, d2.Item(), 1e-13);
        Assert.Equal(36, d3.Item(), 1e-13);
    }

    [Fact]
    public void MixedPartialDerivative()
    {
        // f = x²y³: ∂²f/∂x∂y = 6xy².
        var x = Tensor.Scalar(0.5, DType.Float64).RequireGrad();
        var y = Tensor.Scalar(-2, DType.Float64).RequireGrad();
        var f = x.Square() * y.Pow(3);
        var dfdx = Sharpgrad.Autograd.Grad([f], [x], createGraph: true)[0];
        Assert.Equal(2 * 0.5 * -8, dfdx.Item(), 1e-14);
        Assert.Equal(6 * 0.5 * 4, Grad(dfdx, y).Item(), 1e-14);
    }

    [Fact]
    public void WithoutCreateGraphTheGradientIsAConstant()
    {
        var x = Tensor.From(new[] { 1.0, 2 }).RequireGrad();
        var g = Grad((x * x).Sum(), x);
        Assert.False(g.RequiresGrad);
        Assert.Null(g.GradFn);
        var withGraph = Grad((x * x).Sum(), x, createGraph: true);
        Assert.True(withGraph.RequiresGrad);
        Assert.NotNull(withGraph.GradFn);
    }

    [Fact]
    public void BackwardWithCreateGraphMakesGradDifferentiable()
    {
        // .Grad from Backward(createGraph: true) is 3x², whose own gradient sums to 6x.
        var x = Tensor.From(new[] { 1.0, -2 }).RequireGrad();
        x.Pow(3).Sum().Backward(createGraph: true);
        Close([3, 12], x.Grad!, 1e-14);
        var second = Grad(x.Grad!.Sum(), x);
        Close([6, -12], second, 1e-14);
    }
}
