using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Gradients;

/// <summary>User-defined functions with their own forward and backward (the extension point of DESIGN.md).</summary>
public class CustomFunctionTests
{
    /// <summary>Identity forward; the backward clips the incoming gradient to [−1, 1] (a "gradient clipper").</summary>
    private sealed class ClippedIdentity : Function
    {
        protected override Tensor Forward(FunctionContext ctx, Tensor[] inputs) => inputs[0];
        protected override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput) => [gradOutput.Clamp(-1, 1)];
    }

    /// <summary>x³ with a backward written in tensor ops, so it can be differentiated again.</summary>
    private sealed class Cube : Function
    {
        protected override Tensor Forward(FunctionContext ctx, Tensor[] inputs)
        {
            ctx.SaveForBackward(inputs[0]);
            return inputs[0] * inputs[0] * inputs[0];
        }

        protected override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput) => [gradOutput * 3 * ctx.Saved[0] * ctx.Saved[0]];
    }

    /// <summary>x·s where only x gets a gradient; records whether Forward ran with recording off.</summary>
    private sealed class ScaleOnlyFirst : Function
    {
        protected override Tensor Forward(FunctionContext ctx, Tensor[] inputs)
        {
            ctx.Items["recording"] = Sharpgrad.Autograd.IsGradEnabled;
            ctx.Items["shape"] = inputs[0].Shape;
            ctx.SaveForBackward(inputs[1]);
            return inputs[0] * inputs[1];
        }

        protected override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput)
        {
            Assert.Equal((TensorShape)ctx.Items["shape"], gradOutput.Shape);
            Assert.False((bool)ctx.Items["recording"]);
            return [gradOutput * ctx.Saved[0], null];
        }
    }

    private sealed class WrongArity : Function
    {
        protected override Tensor Forward(FunctionContext ctx, Tensor[] inputs) => inputs[0] * 2;
        protected override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput) => [gradOutput, gradOutput];
    }

    private sealed class WrongShape : Function
    {
        protected override Tensor Forward(FunctionContext ctx, Tensor[] inputs) => inputs[0] * 2;
        protected override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput) => [gradOutput.Sum()];
    }

    [Fact]
    public void ClippedIdentityPassesValuesAndClipsGradients()
    {
        var x = Tensor.From(new[] { -3.0, 0.5, 2 }).RequireGrad();
        var y = new ClippedIdentity().Apply(x);
        Close([-3, 0.5, 2], y, 0);
        Assert.NotSame(x, y); // the output gets its own node even though Forward returned the input
        Assert.Equal("ClippedIdentity", y.GradFn!.Name);
        (y * Tensor.From(new[] { 5.0, 0.25, -7 })).Sum().Backward();
        Close([1, 0.25, -1], x.Grad!, 0);
    }

    [Fact]
    public void CubeSupportsSecondOrderGradients()
    {
        // d/dx x³ = 3x², d²/dx² = 6x.
        var x = Tensor.From(new[] { -1.0, 0.5, 2 }).RequireGrad();
        var first = Sharpgrad.Autograd.Grad([new Cube().Apply(x).Sum()], [x], createGraph: true)[0];
        Close([3, 0.75, 12], first, 1e-15);
        var second = Sharpgrad.Autograd.Grad([first.Sum()], [x])[0];
        Close([-6, 3, 12], second, 1e-15);
        GradCheck.Assert(t => new Cube().Apply(t[0]), Randn(1, 4).RequireGrad());
        GradCheck.RunSecondOrder(t => new Cube().Apply(t[0]).Sin(), [Randn(2, 4).RequireGrad()]).ThrowIfFailed();
    }

    [Fact]
    public void NullGradientsLeaveAnInputUntouched()
    {
        var x = Tensor.From(new[] { 1.0, 2 }).RequireGrad();
        var s = Tensor.From(new[] { 3.0, 4 }).RequireGrad();
        new ScaleOnlyFirst().Apply(x, s).Sum().Backward();
        Close([3, 4], x.Grad!, 0);
        Assert.Null(s.Grad);
    }

    [Fact]
    public void WithoutInputsThatRequireGradNothingIsRecorded()
    {
        var y = new Cube().Apply(Tensor.From(new[] { 2.0 }));
        Assert.False(y.RequiresGrad);
        Assert.Equal(8, y.Item());
    }

    [Fact]
    public void ABackwardThatBreaksTheContractFailsClearly()
    {
        var x = Tensor.From(new[] { 1.0, 2 }).RequireGrad();
        var arity = Assert.Throws<InvalidOperationException>(() => new WrongArity().Apply(x).Sum().Backward());
        Assert.Contains("WrongArity", arity.Message);
        Assert.Contains("2 gradients for 1 inputs", arity.Message);
        var shape = Assert.Throws<InvalidOperationException>(() => new WrongShape().Apply(x).Sum().Backward());
        Assert.Contains("WrongShape", shape.Message);
        Assert.Contains("[2]", shape.Message);
    }
}
