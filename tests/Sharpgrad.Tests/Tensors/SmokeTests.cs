namespace Sharpgrad.Tests.Tensors;

public class SmokeTests
{
    [Fact]
    public void MatrixVectorProductFromTheBook()
    {
        var a = Tensor.From(new double[,] { { 1, 2, -1 }, { 3, 0, 4 } });
        var z = Tensor.From(new double[] { 1, 2, 3 });
        Assert.Equal(new double[] { 2, 15 }, a.MatMul(z).ToArray<double>());
    }

    [Fact]
    public void GradCheckOnComposite()
    {
        var g = new Generator(0);
        var x = Tensor.Randn([3, 4], DType.Float64, g).RequireGrad();
        var w = Tensor.Randn([4, 2], DType.Float64, g).RequireGrad();
        GradCheck.Assert(t => (t[0].MatMul(t[1]).Tanh() * t[0].Sum(1, keepdim: true)).LogSoftmax(1), x, w);
        GradCheck.RunSecondOrder(t => t[0].MatMul(t[1]).Sigmoid().Sum(), [x, w]).ThrowIfFailed();
        Console.WriteLine(x);
    }
}
