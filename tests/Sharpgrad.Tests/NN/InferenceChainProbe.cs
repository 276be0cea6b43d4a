using Sharpgrad.NN;

namespace Sharpgrad.Tests.NN;

/// <summary>
/// What the inference-chain recycling tests (LayerChainBuffers: ResNet, Sequential) share: a no-grad call, the bytes a
/// call recycled (a per-thread counter, which tests running in parallel do not disturb), the check that recycled calls
/// compute what the graph path computes, and a user module that keeps its output.
/// </summary>
internal static class InferenceChainProbe
{
    public static float[] NoGradForward(Module<Tensor, Tensor> model, Tensor x)
    {
        using (Autograd.NoGrad()) return model.Forward(x).ToArray<float>();
    }

    public static long RecycledBytes(Action call)
    {
        long before = LayerChainBuffers.RecycledBytesOnThisThread;
        call();
        return LayerChainBuffers.RecycledBytesOnThisThread - before;
    }

    /// <summary>
    /// No-grad results equal the grad-enabled path's (which recycles nothing) for inputs <paramref name="a"/> and
    /// <paramref name="b"/> in turn, the first call really recycles, and a returned result is unchanged by later calls
    /// (which can fail only for a result of at least the pool's 4 KB minimum: a smaller one is never logged).
    /// </summary>
    public static void AssertRecycledCallsEqualTheGraphPath(Module<Tensor, Tensor> model, Tensor a, Tensor b, string network)
    {
        // With gradients on the graph may need every activation, so nothing is recycled: the reference.
        var expectedA = model.Forward(a).ToArray<float>();
        var expectedB = model.Forward(b).ToArray<float>();
        Tensor? firstResult = null;
        long recycled;
        using (Autograd.NoGrad()) recycled = RecycledBytes(() => firstResult = model.Forward(a));
        Assert.True(recycled > 0, $"{network}: nothing was recycled, so the comparisons below test nothing");
        Assert.Equal(expectedA, firstResult!.ToArray<float>());
        Assert.Equal(expectedB, NoGradForward(model, b));   // reuses a's recycled buffers
        // Checked before the next call with a too: that call would write a's values into a wrongly recycled result again.
        Assert.Equal(expectedA, firstResult!.ToArray<float>());
        Assert.Equal(expectedA, NoGradForward(model, a));
        Assert.Equal(expectedA, firstResult!.ToArray<float>()); // a returned result is never recycled
    }

    /// <summary>A module of the user's own that keeps its output.</summary>
    public sealed class KeepsItsOutput : Module<Tensor, Tensor>
    {
        public Tensor? Kept { get; private set; }

        protected override Tensor ForwardCore(Tensor input) => Kept ??= input.Relu();
    }
}
