using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Gradients;

/// <summary>The books' known gradients (BOOKS §3), in closed form.</summary>
public class KnownGradientTests
{
    [Fact]
    public void NegativeLogSoftmaxGradientIsPMinusOneHot()
    {
        // ∂(−log softmax(z)_y)/∂z = p − e_y for each row (GBC §6.2.2.3).
        var z = Randn(1, 4, 5).RequireGrad();
        var labels = Tensor.From(new long[] { 3, 0, 4, 3 });
        var loss = -z.LogSoftmax(1).Gather(1, labels.Unsqueeze(1)).Sum();
        loss.Backward();
        var expected = z.Detach().Softmax(1) - Tensor.OneHot(labels, 5, DType.Float64);
        Close(expected, z.Grad!, 1e-15);
        Close(Enumerable.Repeat(0.0, 4).ToArray(), z.Grad!.Sum(1), 1e-15); // each row of p − e_y sums to 0
    }

    [Fact]
    public void MulOfXWithItselfHasGradientTwoX()
    {
        var x = Tensor.From(new[] { -1.5, 0, 2, 3.25 }).RequireGrad();
        x.Mul(x).Sum().Backward();
        Close([-3, 0, 4, 6.5], x.Grad!, 0);
    }

    [Fact]
    public void MatMulBackwardIsGBTransposeAndATransposeG()
    {
        // ∂/∂A Σ(AB ⊙ G) = G·Bᵀ and ∂/∂B = Aᵀ·G (GBC §6.5.6), first by hand on 2×2 matrices.
        var a = Tensor.From(new[,] { { 1.0, 2 }, { 3, 4 } }).RequireGrad();
        var b = Tensor.From(new[,] { { 5.0, 6 }, { 7, 8 } }).RequireGrad();
        var g = Tensor.From(new[,] { { 1.0, -1 }, { 2, 0 } });
        var grads = Sharpgrad.Autograd.Grad([(a.MatMul(b) * g).Sum()], [a, b]);
        Close([5 - 6, 7 - 8, 10, 14], grads[0], 0);          // G·Bᵀ = [[1·5−1·6, 1·7−1·8], [2·5, 2·7]]
        Close([1 + 6, -1, 2 + 8, -2], grads[1], 0);          // Aᵀ·G = [[1·1+3·2, −1], [2·1+4·2, −2]]

        // And on random non-square matrices against explicit products.
        var a2 = Randn(2, 3, 4).RequireGrad();
        var b2 = Randn(3, 4, 5).RequireGrad();
        var g2 = Randn(4, 3, 5);
        var random = Sharpgrad.Autograd.Grad([(a2.MatMul(b2) * g2).Sum()], [a2, b2]);
        Close(g2.MatMul(b2.Detach().T), random[0], 1e-14);
        Close(a2.Detach().T.MatMul(g2), random[1], 1e-14);
    }

    [Fact]
    public void BookMatrixVectorProductAndItsGradients()
    {
        // Az = (2, 15) for A = [[1,2,−1],[3,0,4]], z = (1,2,3); for L = Σ Az: ∂L/∂z = Aᵀ1 = (4, 2, 3), ∂L/∂A = 1zᵀ.
        var a = Tensor.From(new double[,] { { 1, 2, -1 }, { 3, 0, 4 } }).RequireGrad();
        var z = Tensor.From(new double[] { 1, 2, 3 }).RequireGrad();
        var y = a.MatMul(z);
        Close([2, 15], y, 0);
        y.Sum().Backward();
        Close([4, 2, 3], z.Grad!, 0);
        Close([1, 2, 3, 1, 2, 3], a.Grad!, 0);
    }

    [Fact]
    public void SigmoidAndTanhDerivativesAreFunctionsOfTheirOutputs()
    {
        // σ′ = σ(1 − σ) (GBC §3.10), tanh′ = 1 − tanh².
        var x = Tensor.From(new[] { -2.0, 0, 0.5 }).RequireGrad();
        x.Sigmoid().Sum().Backward();
        var s = x.Detach().ToDoubleArray().Select(v => 1 / (1 + Math.Exp(-v))).ToArray();
        Close(s.Select(v => v * (1 - v)).ToArray(), x.Grad!, 1e-16);
        x.Grad = null;
        x.Tanh().Sum().Backward();
        Close(x.Detach().ToDoubleArray().Select(v => 1 - Math.Tanh(v) * Math.Tanh(v)).ToArray(), x.Grad!, 1e-16);
    }
}
