using Sharpgrad.Models;
using Sharpgrad.NN;
using static Sharpgrad.Tests.NN.InferenceChainProbe;

namespace Sharpgrad.Tests.NN;

/// <summary>
/// A Sequential of built-in layers run in eval mode under no-grad recycles each activation once the next layer has read
/// it (LayerChainBuffers): the results must be those of the path that recycles nothing (gradients on), no tensor anyone
/// can still see may be overwritten, and the buffers must really be reused. The activations here are 16 × 128 float32
/// (8 KB), above the pool's 4 KB minimum, so they are recycled; the byte count is per thread.
/// </summary>
public sealed class SequentialInferenceBuffersTests
{
    private const int Batch = 16;

    private static Tensor Input(int seed) => Tensor.Randn([Batch, 96], DType.Float32, new Generator(seed));

    private static Sequential Mlp()
    {
        var model = ModelZoo.Mlp(96, [128, 160], 10, new Generator(0));
        model.Eval();
        return model;
    }

    public static TheoryData<string> Networks => ["mlp", "nested", "ends-in-a-view", "dropout-and-flatten"];

    private static Sequential Network(string name)
    {
        var g = new Generator(0);
        var model = name switch
        {
            "mlp" => ModelZoo.Mlp(96, [128, 160], 10, g),
            // The inner Sequential joins the outer call: its output and temporaries are recycled by the outer chain.
            "nested" => new Sequential(new Sequential(new Linear(96, 128, generator: g), new ReLU()), new Linear(128, 160, generator: g), new Tanh()),
            // The result is a view of the last ReLU's output (Flatten of a 2-D tensor), which must not be recycled.
            "ends-in-a-view" => new Sequential(new Linear(96, 128, generator: g), new ReLU(), new Linear(128, 160, generator: g), new ReLU(), new Flatten()),
            // Eval-mode Dropout hands its input on; Flatten's output views it.
            _ => new Sequential(new Flatten(), new Linear(96, 128, generator: g), new Dropout(0.5), new Sigmoid(), new Linear(128, 256, generator: g)),
        };
        model.Eval();
        return model;
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void RecycledForwardPassesEqualTheGraphPathAndKeepEarlierResults(string network)
        => InferenceChainProbe.AssertRecycledCallsEqualTheGraphPath(Network(network), Input(1), Input(2), network);

    [Fact]
    public void EveryDeadActivationGoesBackToThePool()
    {
        var model = Mlp();
        var x = Input(1);
        NoGradForward(model, x);
        // The dead outputs of Linear(96→128), ReLU, Linear(128→160) and ReLU; the last Linear's [16, 10] result is the caller's.
        const long deadOutputs = 4L * Batch * (128 + 128 + 160 + 160);
        Assert.Equal(deadOutputs, RecycledBytes(() => NoGradForward(model, x)));
    }

    [Fact]
    public void AHookOnALayerStopsRecyclingAndKeepsWhatItSaw()
    {
        var model = Mlp();
        Tensor? seen = null;
        using var observer = model[1].RegisterForwardHook(new ForwardHook((_, _, output) => seen ??= (Tensor)output!));
        Assert.Equal(0, RecycledBytes(() => NoGradForward(model, Input(1))));
        var snapshot = seen!.ToArray<float>();
        NoGradForward(model, Input(2));
        Assert.Equal(snapshot, seen.ToArray<float>());
    }

    [Fact]
    public void AUserModuleInTheChainKeepsItsOutput()
    {
        var g = new Generator(0);
        var keeper = new InferenceChainProbe.KeepsItsOutput();
        var chain = new Sequential(new Linear(96, 128, generator: g), keeper, new Linear(128, 160, generator: g));
        chain.Eval();
        Assert.Equal(0, RecycledBytes(() => NoGradForward(chain, Input(1))));
        var snapshot = keeper.Kept!.ToArray<float>();
        NoGradForward(chain, Input(2));
        Assert.Equal(snapshot, keeper.Kept.ToArray<float>());
    }

    [Fact]
    public void TrainingModeUnderNoGradRecyclesNothing()
    {
        var model = Mlp();
        model.Train();
        using (Autograd.NoGrad())
        {
            Tensor? first = null;
            Assert.Equal(0, RecycledBytes(() => first = model.Forward(Input(1))));
            var snapshot = first!.ToArray<float>();
            Assert.Equal(0, RecycledBytes(() => model.Forward(Input(2))));
            Assert.Equal(snapshot, first!.ToArray<float>());
        }
    }
}
