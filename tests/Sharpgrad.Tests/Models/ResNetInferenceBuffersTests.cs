using Sharpgrad.Models;
using Sharpgrad.NN;
using Sharpgrad.Regularization;
using static Sharpgrad.Tests.NN.InferenceChainProbe;

namespace Sharpgrad.Tests.Models;

/// <summary>
/// ResNet inference recycles its activations between layers (LayerChainBuffers): the results must be those of the
/// path that recycles nothing, no tensor anyone can still see may be overwritten, and the buffers must really be reused.
/// How much was recycled is read from a per-thread counter, which tests running in parallel do not disturb.
/// </summary>
public sealed class ResNetInferenceBuffersTests
{
    private static ResNet Model()
    {
        var model = ModelZoo.ResNet20(shortcut: ShortcutOption.B, generator: new Generator(0));
        model.Eval();
        return model;
    }

    private static Tensor Image(int seed, int batch = 3, int size = 32) => Tensor.Randn([batch, 3, size, size], DType.Float32, new Generator(seed));

    private static Sequential Layer1(ResNet model) => (Sequential)model.NamedModules().Single(m => m.Name == "layer1").Module;

    /// <summary>
    /// No-grad eval results equal the grad-enabled path's (which recycles nothing) across alternating inputs, and a
    /// returned result is unchanged by later calls, for every block kind, stem and shortcut at batch 1 and 3.
    /// </summary>
    [Theory]
    [InlineData("resnet20-B", 3)]
    [InlineData("resnet20-B", 1)]
    [InlineData("resnet20-A", 1)]          // option A: ZeroPadShortcut's strided view of the block input
    [InlineData("preact8-A", 1)]           // null shortcut: the block input itself is added
    [InlineData("resnet18", 1)]            // ImageNet stem with max pool, on a small image
    [InlineData("bottleneck-1-1", 1)]
    public void RecycledForwardPassesEqualTheGraphPathAndKeepEarlierResults(string network, int batch)
    {
        var model = network switch
        {
            "resnet20-B" => ModelZoo.ResNet20(shortcut: ShortcutOption.B, generator: new Generator(0)),
            "resnet20-A" => ModelZoo.ResNet20(shortcut: ShortcutOption.A, generator: new Generator(0)),
            "preact8-A" => ModelZoo.CifarResNet(8, block: ResidualBlockKind.PreActivation, generator: new Generator(0)),
            "resnet18" => ModelZoo.ResNet18(classes: 10, generator: new Generator(0)),
            _ => ModelZoo.ResNet(ResidualBlockKind.Bottleneck, [1, 1], classes: 10, generator: new Generator(0)),
        };
        model.Eval();
        AssertRecycledCallsEqualTheGraphPath(model, Image(1, batch), Image(2, batch), network);
    }

    [Fact]
    public void AnOutputAHookSawIsNotRecycled()
    {
        var model = Model();
        Tensor? seen = null;
        using var observer = Layer1(model).RegisterForwardHook(new ForwardHook((_, _, output) => seen ??= (Tensor)output!));
        NoGradForward(model, Image(1));
        var snapshot = seen!.ToArray<float>();
        NoGradForward(model, Image(2));
        Assert.Equal(snapshot, seen.ToArray<float>());
    }

    [Fact]
    public void AUserModuleAddedToAStageKeepsItsOutput()
    {
        var model = Model();
        var keeper = new KeepsItsOutput();
        Layer1(model).Add(keeper);
        NoGradForward(model, Image(1));
        var snapshot = keeper.Kept!.ToArray<float>();
        NoGradForward(model, Image(2));
        Assert.Equal(snapshot, keeper.Kept.ToArray<float>());
    }

    [Fact]
    public void AnEnsembleWhoseTransformKeepsAMemberOutputKeepsIt()
    {
        // The library's own Ensemble runs the user's transform on member outputs: being "built in" proves nothing.
        var model = Model();
        Tensor? kept = null;
        Layer1(model).Add(new Ensemble([new ReLU()], output => kept ??= output));
        NoGradForward(model, Image(1));
        var snapshot = kept!.ToArray<float>();
        NoGradForward(model, Image(2));
        Assert.Equal(snapshot, kept.ToArray<float>());
    }

    [Fact]
    public void TrainingModeUnderNoGradRecyclesNothing()
    {
        var model = Model();
        model.Train();
        Tensor? firstResult = null;
        long recycled;
        using (Autograd.NoGrad())
        {
            recycled = RecycledBytes(() => firstResult = model.Forward(Image(1)));
            var snapshot = firstResult!.ToArray<float>();
            recycled += RecycledBytes(() => model.Forward(Image(2)));
            Assert.Equal(snapshot, firstResult!.ToArray<float>());
        }
        Assert.Equal(0, recycled);
    }

    [Fact]
    public void EveryDeadActivationGoesBackToThePoolAndAHookStopsIt()
    {
        var model = Model();
        var x = Image(1);
        NoGradForward(model, x);
        long recycled = RecycledBytes(() => NoGradForward(model, x));
        // At least the dead outputs of the stem's conv, bn, relu and of the nine blocks, in float32 at batch 3:
        // 3·(3·16·32²) + 3·(3·16·32²) + 3·(3·32·16²) + 3·(3·64·8²) elements. (The blocks' temporaries come on top.)
        const long deadOutputs = 4L * (3 * 3 * 16 * 32 * 32 + 3 * 3 * 16 * 32 * 32 + 3 * 3 * 32 * 16 * 16 + 3 * 3 * 64 * 8 * 8);
        Assert.True(recycled >= deadOutputs, $"recycled {recycled} bytes, expected at least {deadOutputs}");
        using var hook = model.Fc.RegisterForwardHook((_, output) => output);   // any hook inside turns recycling off
        Assert.Equal(0, RecycledBytes(() => NoGradForward(model, x)));
    }
}
