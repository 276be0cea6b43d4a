using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Gradients;

/// <summary>The backward engine (GBC Alg. 6.2/6.6): fan-out, accumulation, grad modes, stop-gradient, graph lifetime.</summary>
public class AutogradEngineTests
{
    private static Tensor Leaf(params double[] values) => Tensor.From(values).RequireGrad();

    [Fact]
    public void FanOutSumsTheGradientsOfEveryUse()
    {
        // x is used three times: ∂/∂x (2x + eˣ + sin x) = 2 + eˣ + cos x.
        var x = Leaf(-0.5, 0, 1.25);
        (x * 2 + x.Exp() + x.Sin()).Sum().Backward();
        Close(x.Detach().ToDoubleArray().Select(v => 2 + Math.Exp(v) + Math.Cos(v)).ToArray(), x.Grad!, 1e-15);
    }

    [Fact]
    public void DiamondGraphRunsEachNodeOnce()
    {
        // a = 2x feeds both branches: ∂/∂x (e^a + sin a) = 2(e^2x + cos 2x).
        var x = Leaf(0.3, -0.4);
        var a = x * 2;
        (a.Exp() + a.Sin()).Sum().Backward();
        Close(x.Detach().ToDoubleArray().Select(v => 2 * (Math.Exp(2 * v) + Math.Cos(2 * v))).ToArray(), x.Grad!, 1e-15);
    }

    [Fact]
    public void GradAccumulatesAcrossBackwardCalls()
    {
        var x = Leaf(1, 2);
        (x * 3).Sum().Backward();
        Close([3, 3], x.Grad!, 0);
        (x * x).Sum().Backward();
        Close([3 + 2, 3 + 4], x.Grad!, 0);
        x.Grad = null; // how optimisers zero gradients
        (x * x).Sum().Backward();
        Close([2, 4], x.Grad!, 0);
    }

    [Fact]
    public void AccumulatedGradIsACopyNotAnAlias()
    {
        // The first gradient stored in .Grad must not share storage with the tensor it came from, or accumulating
        // into it would change that tensor: here the leaf's gradient is the user's own upstream tensor.
        var x = Leaf(1, 2);
        var upstream = Tensor.From(new[] { 1.0, 1 });
        x.Backward(upstream);
        x.Backward(upstream);
        Close([2, 2], x.Grad!, 0);
        Close([1, 1], upstream, 0);
    }

    [Fact]
    public void NoGradStopsRecordingAndEnableGradResumesIt()
    {
        var x = Leaf(1, 2);
        Assert.True(Sharpgrad.Autograd.IsGradEnabled);
        using (Sharpgrad.Autograd.NoGrad())
        {
            Assert.False(Sharpgrad.Autograd.IsGradEnabled);
            var y = x * 2;
            Assert.False(y.RequiresGrad);
            Assert.Null(y.GradFn);
            using (Sharpgrad.Autograd.EnableGrad())
                Assert.True((x * 2).RequiresGrad);
            Assert.False((x * 2).RequiresGrad);
        }
        Assert.True(Sharpgrad.Autograd.IsGradEnabled);
        Assert.True((x * 2).RequiresGrad);
    }

    [Fact]
    public void GradModeIsPerThread()
    {
        bool enabledOnOtherThread = false;
        using (Sharpgrad.Autograd.NoGrad())
        {
            var thread = new Thread(() => enabledOnOtherThread = Sharpgrad.Autograd.IsGradEnabled);
            thread.Start();
            thread.Join();
        }
        Assert.True(enabledOnOtherThread);
    }

    [Fact]
    public void DetachStopsTheGradient()
    {
        // y = stop(x)·x has ∂y/∂x = stop(x) = x, not 2x.
        var x = Leaf(1.5, -2);
        (x.Detach() * x).Sum().Backward();
        Close([1.5, -2], x.Grad!, 0);
        Assert.False(x.Detach().RequiresGrad);
        Assert.True(x.Detach().IsLeaf);
    }

    [Fact]
    public void SecondBackwardWithoutRetainGraphThrowsClearly()
    {
        var x = Leaf(1, 2);
        var loss = (x.Exp() * x).Sum();
        loss.Backward();
        var e = Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.Contains("retainGraph", e.Message);
        Assert.Contains("second time", e.Message);
    }

    [Fact]
    public void RetainGraphAllowsASecondBackwardThatDoublesTheGradient()
    {
        var x = Leaf(1, 2);
        var loss = (x.Exp() * x).Sum();
        loss.Backward(retainGraph: true);
        var once = x.Grad!.ToDoubleArray();
        Close(x.Detach().ToDoubleArray().Select(v => Math.Exp(v) * (1 + v)).ToArray(), x.Grad!, 1e-14);
        loss.Backward();
        Close(once.Select(v => 2 * v).ToArray(), x.Grad!, 1e-14);
    }

    [Fact]
    public void BackwardOnANonScalarNeedsAGradient()
    {
        var x = Leaf(1, 2, 3);
        var y = x * 2;
        var e = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("[3]", e.Message);
        Assert.Contains("gradient", e.Message);
        y.Backward(Tensor.From(new[] { 1.0, 10, 100 }));
        Close([2, 20, 200], x.Grad!, 0);
        var mismatch = Assert.Throws<ArgumentException>(() => (x * 2).Backward(Tensor.Ones([2], DType.Float64)));
        Assert.Contains("[2]", mismatch.Message);
        Assert.Contains("[3]", mismatch.Message);
    }

    [Fact]
    public void BackwardOnATensorWithoutAGraphThrows()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Tensor.Ones(1).Backward());
        Assert.Contains("does not require grad", e.Message);
    }

    [Fact]
    public void GradReturnsGradientsWithoutTouchingDotGrad()
    {
        var x = Leaf(1, 2);
        var w = Leaf(3, 4);
        var grads = Sharpgrad.Autograd.Grad([(x * w).Sum()], [x, w]);
        Close([3, 4], grads[0], 0);
        Close([1, 2], grads[1], 0);
        Assert.Null(x.Grad);
        Assert.Null(w.Grad);
    }

    [Fact]
    public void GradWithAllowUnused()
    {
        var x = Leaf(1, 2);
        var unused = Leaf(5);
        var e = Assert.Throws<InvalidOperationException>(() => Sharpgrad.Autograd.Grad([(x * x).Sum()], [x, unused]));
        Assert.Contains("allowUnused", e.Message);
        var grads = Sharpgrad.Autograd.Grad([(x * x).Sum()], [x, unused], allowUnused: true);
        Close([2, 4], grads[0], 0);
        Close([0], grads[1], 0);
        Assert.Throws<ArgumentException>(() => Sharpgrad.Autograd.Grad([(x * x).Sum()], [Tensor.Ones(2)]));
    }

    [Fact]
    public void GradWithRespectToAnIntermediateAndWithSeveralOutputs()
    {
        var x = Leaf(1, 2);
        var h = x * 3;
        var y = h.Square().Sum();
        Close([6, 12], Sharpgrad.Autograd.Grad([y], [h])[0], 0); // 2h
        // Σₖ gₖᵀ ∂yₖ/∂x with weights for each output.
        var y1 = x * 2;
        var y2 = x.Square();
        var g = Sharpgrad.Autograd.Grad([y1, y2], [x], [Tensor.From(new[] { 1.0, 1 }), Tensor.From(new[] { 10.0, 100 })])[0];
        Close([2 + 20, 2 + 400], g, 0);
    }

    [Fact]
    public void LeavesAndNodes()
    {
        var x = Leaf(1);
        var y = x * 2;
        Assert.True(x.IsLeaf);
        Assert.False(y.IsLeaf);
        Assert.Equal("Mul", y.GradFn!.Name);
        Assert.Equal("Sum", y.Sum().GradFn!.Name);
        Assert.False(Tensor.Ones(1).RequiresGrad);
        Assert.Throws<InvalidOperationException>(() => y.RequiresGrad = false);
        y.Sum().Backward();
        Assert.Null(y.Grad); // only leaves keep a gradient, as in PyTorch
    }

    [Fact]
    public void RequiresGradOnIntegerTensorsThrows()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Tensor.From(new long[] { 1, 2 }).RequireGrad());
        Assert.Contains("RequiresGrad", e.Message);
        Assert.Contains("int64", e.Message);
        Assert.Throws<InvalidOperationException>(() => Tensor.From(new[] { true }).RequiresGrad = true);
    }

    [Fact]
    public void InPlaceOpsOnTensorsThatRequireGradThrowOutsideNoGrad()
    {
        var x = Leaf(1, 2);
        foreach (var inPlace in new Action[]
        {
            () => x.Fill(0), () => x.Zero(), () => x.AddInPlace(Tensor.Ones([2], DType.Float64)), () => x.MulInPlace(2),
            () => x.MulInPlace(x.Detach()), () => x.CopyFrom(Tensor.Zeros(2)), () => x[0] = Tensor.Scalar(5),
            () => x[x.Gt(1)] = Tensor.Scalar(5), () => (x * 2).Fill(1),
        })
        {
            var e = Assert.Throws<InvalidOperationException>(inPlace);
            Assert.Contains("NoGrad", e.Message);
        }
        Close([1, 2], x, 0);
        using (Sharpgrad.Autograd.NoGrad())
        {
            x.AddInPlace(Tensor.Ones([2], DType.Float64), alpha: -0.5);  // an SGD step
            x[1] = Tensor.Scalar(7);
        }
        Close([0.5, 7], x, 0);
        Assert.True(x.RequiresGrad);
    }

    [Fact]
    public void DeepChainsDoNotOverflowTheStack()
    {
        // The topological sort is iterative: a 20 000-op chain (an unrolled RNN) backpropagates.
        var x = Leaf(1);
        var y = x;
        for (int i = 0; i < 20_000; i++) y = y * 1.0001;
        y.Sum().Backward();
        Assert.Equal(Math.Pow(1.0001, 20_000), x.Grad!.Item(), 1e-9);
    }
}
