using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Tensors;

/// <summary>MatMul's shape rules (PyTorch's torch.matmul) and small products worked out by hand.</summary>
public class MatMulTests
{
    [Fact]
    public void BookMatrixVectorProduct()
    {
        // BOOKS §3: A = [[1,2,−1],[3,0,4]], z = (1,2,3) ⇒ Az = (2, 15).
        var a = Tensor.From(new double[,] { { 1, 2, -1 }, { 3, 0, 4 } });
        var z = Tensor.From(new double[] { 1, 2, 3 });
        var y = a.MatMul(z);
        Shape([2], y);
        Close([2, 15], y, 0);
        Close([2, 15], a.Float().MatMul(z.Float()), 0);
    }

    [Fact]
    public void TwoByTwoProduct()
    {
        var a = Tensor.From(new[,] { { 1.0, 2 }, { 3, 4 } });
        var b = Tensor.From(new[,] { { 5.0, 6 }, { 7, 8 } });
        Close([19, 22, 43, 50], a.MatMul(b), 0);
        Close([26, 30, 38, 44], a.T.MatMul(b), 0);     // transposed operand read in place
        Close([17, 23, 39, 53], a.MatMul(b.T), 0);
        Close([23, 31, 34, 46], a.T.MatMul(b.T), 0);
    }

    [Fact]
    public void VectorCasesFollowPyTorch()
    {
        var v = Tensor.From(new[] { 1.0, 2, 3 });
        var dot = v.MatMul(v);
        Assert.Equal(0, dot.Rank);
        Assert.Equal(14, dot.Item());
        Assert.Equal(14, v.Dot(v).Item());
        var m = Tensor.Arange(6).View(3, 2).Double();
        Shape([2], v.MatMul(m));
        Close([16, 22], v.MatMul(m), 0);
        Shape([3], m.MatMul(Tensor.From(new[] { 1.0, -1 })));
        Close([-1, -1, -1], m.MatMul(Tensor.From(new[] { 1.0, -1 })), 0);
    }

    [Fact]
    public void BatchDimsBroadcast()
    {
        var a = Tensor.Ones([2, 1, 3, 4], DType.Float64);
        var b = Tensor.Ones([5, 4, 6], DType.Float64);
        var y = a.MatMul(b);
        Shape([2, 5, 3, 6], y);
        Assert.All(y.ToDoubleArray(), v => Assert.Equal(4, v));
        Shape([7, 3, 2], Tensor.Ones(7, 3, 4).MatMul(Tensor.Ones(4, 2)));
        Shape([7, 2], Tensor.Ones(4).MatMul(Tensor.Ones(7, 4, 2)));
        Shape([7, 3], Tensor.Ones(7, 3, 4).MatMul(Tensor.Ones(4)));
    }

    [Fact]
    public void BatchedProductIsThePerBatchProduct()
    {
        var a = Randn(1, 3, 2, 4);
        var b = Randn(2, 3, 4, 5);
        var y = a.MatMul(b);
        for (int i = 0; i < 3; i++)
            Close(a[i].MatMul(b[i]), y[i], 1e-14);
        var shared = Randn(3, 4, 5);
        var z = a.MatMul(shared);
        for (int i = 0; i < 3; i++)
            Close(a[i].MatMul(shared), z[i], 1e-14);
    }

    [Fact]
    public void EmptyInnerDimensionGivesZeros()
    {
        var y = Tensor.Ones(2, 0).MatMul(Tensor.Ones(0, 3));
        Shape([2, 3], y);
        Assert.All(y.ToDoubleArray(), v => Assert.Equal(0, v));
    }

    [Fact]
    public void ScalarsAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Scalar(1).MatMul(Tensor.Ones(2)));
        Assert.Contains("MatMul", e.Message);
        Assert.Throws<ArgumentException>(() => Tensor.Ones(2, 2).Dot(Tensor.Ones(2)));
    }
}
