using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Gradients;

/// <summary>
/// GradCheck itself: the projected check on a larger input, a check that must fail on a wrong gradient, and the dtype
/// cast that finite differences cannot check. The per-op gradient checks live in the op table (OpTable/).
/// </summary>
public class GradCheckAllOpsTests
{
    private static Tensor Normal(int seed, params int[] shape) => Randn(seed, shape).RequireGrad();

    [Fact]
    public void ProjectedCheckOnALargerInput()
    {
        // 1200 + 600 inputs: a full Jacobian would take thousands of evaluations; random projections uᵀJv take 16.
        var x = Randn(300, 40, 30).RequireGrad();
        var w = Randn(301, 30, 20).RequireGrad();
        var result = GradCheck.RunProjected(t => t[0].MatMul(t[1]).Tanh().LogSoftmax(1) * t[0].Sum(1, keepdim: true).Sigmoid(), [x, w]);
        result.ThrowIfFailed();
        Assert.Equal(8, result.Comparisons);
    }

    [Fact]
    public void GradCheckCatchesAWrongGradient()
    {
        // A check that cannot fail proves nothing: a custom function with a deliberately wrong backward must fail.
        var x = Normal(310, 4);
        var result = GradCheck.Run(t => new WrongDouble().Apply(t[0]), [x]);
        Assert.False(result.Passed);
        Assert.Throws<InvalidOperationException>(result.ThrowIfFailed);
    }

    private sealed class WrongDouble : Function
    {
        protected override Tensor Forward(FunctionContext ctx, Tensor[] inputs) => inputs[0] * 2;
        protected override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput) => [gradOutput * 3];
    }

    [Theory]
    [InlineData(DType.Float32, DType.Float64)]
    [InlineData(DType.Float64, DType.Float32)]
    public void ToGivesTheGradientInTheSourceDType(DType from, DType to)
    {
        // float32↔float64 rounds, so finite differences cannot check it; the gradient is the identity, cast back.
        var x = Tensor.From(new[] { 1.5, -2.0, 0.25 }).To(from).RequireGrad();
        (x.To(to) * Tensor.From(new[] { 2.0, 3.0, 4.0 }).To(to)).Sum().Backward();
        Assert.Equal(from, x.Grad!.DType);
        Close([2, 3, 4], x.Grad);
    }
}
