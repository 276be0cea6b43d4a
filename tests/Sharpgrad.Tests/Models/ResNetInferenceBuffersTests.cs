using Sharpgrad.Models;
using Sharpgrad.NN;

namespace Sharpgrad.Tests.Models;

/// <summary>
/// ResNet inference recycles its activations between layers (LayerChainBuffers): the results must be those of the
/// path that recycles nothing, no tensor anyone can still see may be overwritten, and the buffers must really be reused.
/// </summary>
public sealed class ResNetInferenceBuffersTests
{
    // Batch 3 gives activation lengths other tests are unlikely to rent from the shared pool meanwhile.
    private static ResNet Model()
    {
        var model = ModelZoo.ResNet20(shortcut: ShortcutOption.B, generator: new Generator(0));
        model.Eval();
        return model;
    }

    private static Tensor Image(int seed) => Tensor.Randn([3, 3, 32, 32], DType.Float32, new Generator(seed));

    private static float[] NoGradForward(ResNet model, Tensor x)
    {
        using (Autograd.NoGrad()) return model.Forward(x).ToArray<float>();
    }

    [Fact]
    public void RecycledForwardPassesEqualTheGraphPathAndKeepEarlierResults()
    {
        var model = Model();
        var (a, b) = (Image(1), Image(2));
        // With gradients on the graph may need every activation, so nothing is recycled: the reference.
        var expectedA = model.Forward(a).ToArray<float>();
        var expectedB = model.Forward(b).ToArray<float>();
        Tensor firstResult;
        using (Autograd.NoGrad()) firstResult = model.Forward(a);
        Assert.Equal(expectedA, firstResult.ToArray<float>());
        Assert.Equal(expectedB, NoGradForward(model, b));   // reuses a's recycled buffers
        Assert.Equal(expectedA, NoGradForward(model, a));
        Assert.Equal(expectedA, firstResult.ToArray<float>()); // a returned result is never recycled
    }

    [Fact]
    public void AnOutputAHookSawIsNotRecycled()
    {
        var model = Model();
        var layer1 = model.NamedModules().Single(m => m.Name == "layer1").Module;
        Tensor? seen = null;
        using var observer = layer1.RegisterForwardHook(new ForwardHook((_, _, output) => seen ??= (Tensor)output!));
        NoGradForward(model, Image(1));
        var snapshot = seen!.ToArray<float>();
        NoGradForward(model, Image(2));
        Assert.Equal(snapshot, seen.ToArray<float>());
    }

    [Fact]
    public void ASecondCallTakesItsActivationsFromThePool()
    {
        var model = Model();
        var x = Image(1);
        NoGradForward(model, x);
        long recycled = AllocatedBytes(() => NoGradForward(model, x));
        using var hook = model.Fc.RegisterForwardHook((_, output) => output);   // any hook inside turns recycling off
        NoGradForward(model, x);
        long fresh = AllocatedBytes(() => NoGradForward(model, x));
        // ResNet-20 at batch 3 allocates about 7 MB of activations per call; recycled, only small tensors remain.
        Assert.True(fresh > 4_000_000, $"without recycling a call allocated only {fresh} bytes");
        Assert.True(recycled < fresh / 4, $"recycling allocated {recycled} bytes against {fresh} without it");
    }

    private static long AllocatedBytes(Action call)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        call();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
