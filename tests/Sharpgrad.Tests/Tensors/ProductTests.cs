using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Tensors;

/// <summary>Einsum, Kron, Tensordot, Outer, Cross and Cdist against closed forms, hand-computed cases and bad arguments.</summary>
public class ProductTests
{
    private static Tensor Matrix(int seed, params int[] shape) => Randn(seed, shape);

    [Fact]
    public void EinsumAgreesWithTheOpsItStandsFor()
    {
        var a = Matrix(1, 3, 4);
        var b = Matrix(2, 4, 5);
        var batch = Matrix(3, 2, 3, 4);
        Close(a.MatMul(b), Tensor.Einsum("ij,jk->ik", a, b), 1e-12);
        Close(a.T, Tensor.Einsum("ij->ji", a), 0);
        Close(a.Sum(0), Tensor.Einsum("ij->j", a), 1e-12);
        Close(Linalg.Trace(Matrix(4, 3, 3)), Tensor.Einsum("ii", Matrix(4, 3, 3)), 1e-12);
        Close(batch.Transpose(-1, -2), Tensor.Einsum("...ij->...ji", batch), 0);
        Close(batch.MatMul(b), Tensor.Einsum("bij,jk->bik", batch, b), 1e-12);
        Close((a * a).Sum(), Tensor.Einsum("ij,ij", a, a), 1e-12);
    }

    [Fact]
    public void EinsumImplicitOutputIsAlphabetical()
    {
        // "ba": each subscript appears once, so the output is "ab" — a transpose.
        var x = Matrix(5, 2, 3);
        Close(x.T, Tensor.Einsum("ba", x), 0);
        Assert.Equal([3, 5], Tensor.Einsum("bij,bjk", Matrix(6, 2, 3, 4), Matrix(7, 2, 4, 5)).Shape);
    }

    [Fact]
    public void EinsumErrorsNameTheProblem()
    {
        var x = Tensor.Zeros(2, 3);
        Assert.Contains("'j' has size 3 in operand 0 but 4 in operand 1", Assert.Throws<ArgumentException>(() => Tensor.Einsum("ij,jk", x, Tensor.Zeros(4, 2))).Message);
        Assert.Contains("name 1 dim(s)", Assert.Throws<ArgumentException>(() => Tensor.Einsum("i->i", x)).Message);
        Assert.Contains("'k'", Assert.Throws<ArgumentException>(() => Tensor.Einsum("ij->k", x)).Message);
        Assert.Contains("2 operand", Assert.Throws<ArgumentException>(() => Tensor.Einsum("ij,jk", x)).Message);
        Assert.Contains("'1'", Assert.Throws<ArgumentException>(() => Tensor.Einsum("i1", x)).Message);
        Assert.Contains("sizes 2 and 3", Assert.Throws<ArgumentException>(() => Tensor.Einsum("ii", x)).Message);
    }

    [Fact]
    public void KronTensordotOuterCross()
    {
        Close([3, 4, 6, 8], Tensor.From(new[] { 1.0, 2 }).Kron(Tensor.From(new[] { 3.0, 4 })), 0);
        Close([1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4], Tensor.Eye(2, dtype: DType.Float64).Kron(Tensor.From(new[,] { { 1.0, 2 }, { 3, 4 } })), 0);
        var a = Matrix(8, 2, 3);
        Close(a.MatMul(Matrix(9, 3, 4)), a.Tensordot(Matrix(9, 3, 4), 1), 1e-12);
        Close((a * a).Sum(), a.Tensordot(a), 1e-12);
        Close([3, 4, 6, 8, 9, 12], Tensor.From(new[] { 1.0, 2, 3 }).Outer(Tensor.From(new[] { 3.0, 4 })), 0);
        var e1 = Tensor.From(new[] { 1.0, 0, 0 });
        var e2 = Tensor.From(new[] { 0.0, 1, 0 });
        Close([0, 0, 1], e1.Cross(e2), 0);
        Close([0, 0, -1], e2.Cross(e1), 0);
        Assert.Contains("size 3", Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 4).Cross(Tensor.Zeros(2, 4))).Message);
        Assert.Contains("(size 3)", Assert.Throws<ArgumentException>(() => a.Tensordot(a, [1], [0])).Message);
    }

    [Fact]
    public void CdistMeasuresEveryPairAndHasZeroGradientAtZeroDistance()
    {
        var x1 = Tensor.From(new[,] { { 0.0, 0 }, { 3, 4 } }).RequireGrad();
        var x2 = Tensor.From(new[,] { { 0.0, 0 } }).RequireGrad();
        Close([0, 5], Tensor.Cdist(x1, x2), 0);
        Close([0, 7], Tensor.Cdist(x1, x2, 1), 0);
        Close([0, 4], Tensor.Cdist(x1, x2, double.PositiveInfinity), 0);
        Close([0, 2], Tensor.Cdist(x1, x2, 0), 0);
        Tensor.Cdist(x1, x2).Sum().Backward();
        Close([0, 0, 0.6, 0.8], x1.Grad!, 1e-15); // (x − y)/‖x − y‖, and 0 (not NaN) for the coincident pair
        Close([-0.6, -0.8], x2.Grad!, 1e-15);
    }
}
