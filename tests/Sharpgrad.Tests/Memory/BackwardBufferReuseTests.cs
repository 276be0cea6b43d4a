using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Memory;

/// <summary>
/// The backward pass recycles the buffers it allocated (gradients it has used up, temporaries of backward rules).
/// These tests check the other half of that promise: nothing the user can still reach is ever recycled. Each one
/// computes gradients, then churns the pool with many same-sized allocations, and checks the values are intact.
/// Sizes are above the pool's minimum (4 KB), or nothing would be pooled at all.
/// </summary>
public class BackwardBufferReuseTests
{
    private const int N = 1500;   // 12 KB in float64

    private static Tensor Leaf(int seed) => Tensor.Randn([N], DType.Float64, new Generator(seed)).RequireGrad();

    /// <summary>Allocates and overwrites many buffers of the sizes the tests use, as the next training step would.</summary>
    private static void Churn()
    {
        for (int i = 0; i < 50; i++)
        {
            var a = Tensor.Randn([N], DType.Float64, new Generator(100 + i)).RequireGrad();
            ((a * 3 + 1).Sin() * a).Sum().Backward();
            _ = (Tensor.Full([N], 7.0, DType.Float64) + i).Exp();
        }
    }

    [Fact]
    public void LeafGradientsSurviveLaterSteps()
    {
        var x = Leaf(1);
        ((x * x).Sin() + x.Exp()).Sum().Backward();
        var expected = x.Detach().ToDoubleArray().Select(v => 2 * v * Math.Cos(v * v) + Math.Exp(v)).ToArray();
        Churn();
        Close(expected, x.Grad!, 1e-12);
    }

    [Fact]
    public void PassThroughGradientsSharedByTwoInputsStayCorrect()
    {
        // Add passes its gradient through to both inputs: the same buffer is pending twice.
        var x = Leaf(2);
        var y = Leaf(3);
        var h = (x * 2).Sin();
        (h + y).Reshape(30, 50).Sum().Backward();
        var expected = x.Detach().ToDoubleArray().Select(v => 2 * Math.Cos(2 * v)).ToArray();
        Churn();
        Close(expected, x.Grad!, 1e-12);
        Close(Enumerable.Repeat(1.0, N).ToArray(), y.Grad!, 0);
    }

    [Fact]
    public void AccumulatedGradientsAcrossCallsStayCorrect()
    {
        var x = Leaf(4);
        for (int i = 0; i < 3; i++) (x * x).Sum().Backward();
        var expected = x.Detach().ToDoubleArray().Select(v => 6 * v).ToArray();
        Churn();
        Close(expected, x.Grad!, 1e-12);
    }

    [Fact]
    public void GradResultsOfIntermediatesSurvive()
    {
        // Autograd.Grad w.r.t. an intermediate that the pass also backpropagates through to x.
        var x = Leaf(5);
        var h = x.Exp();
        var loss = (h * h).Sum();
        var grads = Autograd.Grad([loss], [h, x]);
        var hv = h.Detach().ToDoubleArray();
        Churn();
        Close(hv.Select(v => 2 * v).ToArray(), grads[0], 1e-12);
        Close(hv.Select(v => 2 * v * v).ToArray(), grads[1], 1e-12);
    }

    [Fact]
    public void UserFunctionMayKeepTheTensorsItsBackwardMakes()
    {
        var keeper = new KeepingSquare();
        var x = Leaf(6);
        keeper.Apply(x * 2).Sum().Backward();   // the kept tensor then flows on through Mul's backward
        var kept = keeper.Kept!.ToDoubleArray();
        Churn();
        Close(kept, keeper.Kept!, 0);
        Close(x.Detach().ToDoubleArray().Select(v => 8 * v).ToArray(), x.Grad!, 1e-12);
    }

    [Fact]
    public void ZeroGradInPlaceKeepsTheTensorAndAccumulatesIntoIt()
    {
        var w = Tensor.Randn([N], DType.Float32, new Generator(7)).RequireGrad();
        var opt = new Sharpgrad.Optim.SGD([w], lr: 0.1);
        (w * w).Sum().Backward();
        var grad = w.Grad!;
        opt.ZeroGrad(setToNone: false);
        Assert.Same(grad, w.Grad);
        Assert.All(grad.ToDoubleArray(), v => Assert.Equal(0, v));
        (w * 3).Sum().Backward();
        Assert.Same(grad, w.Grad);
        Assert.All(grad.ToDoubleArray(), v => Assert.Equal(3, v));
        opt.ZeroGrad();
        Assert.Null(w.Grad);
    }

    [Fact]
    public void UserFunctionMayKeepTheGradientItIsHanded()
    {
        // The incoming gradient 3·cos(3x) is a buffer the pass allocated (Mul's backward); the function keeps it.
        var keeper = new KeepingIncoming();
        var x = Leaf(8);
        (keeper.Apply(x) * 3).Sin().Sum().Backward();
        var xs = x.Detach().ToDoubleArray();
        Churn();
        Close(xs.Select(v => 3 * Math.Cos(3 * v)).ToArray(), keeper.Kept!, 1e-12);
        Close(xs.Select(v => 6 * Math.Cos(3 * v)).ToArray(), x.Grad!, 1e-12);
    }

    /// <summary>A custom function whose backward keeps its incoming gradient, which user code is allowed to do.</summary>
    private sealed class KeepingIncoming : Function
    {
        public Tensor? Kept;

        protected override Tensor Forward(FunctionContext ctx, Tensor[] x) => x[0] * 1;

        protected override Tensor?[] Backward(FunctionContext ctx, Tensor g)
        {
            Kept = g;
            return [g * 2];
        }
    }

    /// <summary>A custom function whose backward keeps the tensor it returns, which user code is allowed to do.</summary>
    private sealed class KeepingSquare : Function
    {
        public Tensor? Kept;

        protected override Tensor Forward(FunctionContext ctx, Tensor[] x)
        {
            ctx.SaveForBackward(x[0]);
            return x[0] * x[0];
        }

        protected override Tensor?[] Backward(FunctionContext ctx, Tensor g)
        {
            Kept = g * ctx.Saved[0] * 2;
            return [Kept];
        }
    }
}
