using Sharpgrad.Models;
using Sharpgrad.NN;
using static Sharpgrad.Tests.NN.InferenceChainProbe;

namespace Sharpgrad.Tests.NN;

/// <summary>
/// A Sequential of built-in layers run in eval mode under no-grad recycles each activation once the next layer has read
/// it (LayerChainBuffers): the results must be those of the path that recycles nothing (gradients on), no tensor anyone
/// can still see may be overwritten, and the buffers must really be reused. The activations and results here are
/// 16 × 64 to 16 × 160 float32 (4–10 KB), at or above the pool's 4 KB minimum, so each of them could be recycled, and a
/// premature recycle shows; the byte count is per thread.
/// </summary>
public sealed class SequentialInferenceBuffersTests
{
    private const int Batch = 16;

    private static Tensor Input(int seed) => Tensor.Randn([Batch, 96], DType.Float32, new Generator(seed));

    private static Sequential Mlp() => Network("mlp");

    public static TheoryData<string> Networks => ["mlp", "nested", "ends-in-a-view", "dropout-and-identity"];

    private static Sequential Network(string name)
    {
        var g = new Generator(0);
        var model = name switch
        {
            // The [16, 64] result is 4 KB, which the pool would take: a recycled result would show.
            "mlp" => ModelZoo.Mlp(96, [128, 160], 64, g),
            // The inner Sequential joins the outer call: its output and temporaries are recycled by the outer chain.
            "nested" => Nested(g),
            // The result is a view of the last ReLU's output (Flatten of a 2-D tensor), which must not be recycled.
            "ends-in-a-view" => new Sequential(new Linear(96, 128, generator: g), new ReLU(), new Linear(128, 160, generator: g), new ReLU(), new Flatten()),
            // Eval-mode Dropout and Identity hand their input on. Were that storage recycled, the next Linear's output
            // (the same 8 KB) would be the pool's buffer it is reading: the GEMM would overwrite its own input.
            _ => new Sequential(new Linear(96, 128, generator: g), new Dropout(0.5), new Linear(128, 128, generator: g), new Identity(), new Linear(128, 160, generator: g)),
        };
        model.Eval();
        return model;
    }

    private static Sequential Nested(Generator g)
        => new(new Sequential(new Linear(96, 128, generator: g), new ReLU()), new Linear(128, 160, generator: g), new Tanh());

    [Theory]
    [MemberData(nameof(Networks))]
    public void RecycledForwardPassesEqualTheGraphPathAndKeepEarlierResults(string network)
        => AssertRecycledCallsEqualTheGraphPath(Network(network), Input(1), Input(2), network);

    [Fact]
    public void EveryDeadActivationGoesBackToThePool()
    {
        var model = Mlp();
        var x = Input(1);
        NoGradForward(model, x);
        // The dead outputs of Linear(96→128), ReLU, Linear(128→160) and ReLU; the last Linear's [16, 64] result (4 KB,
        // a size the pool takes) is the caller's and must not be among them.
        const long deadOutputs = 4L * Batch * (128 + 128 + 160 + 160);
        Assert.Equal(deadOutputs, RecycledBytes(() => NoGradForward(model, x)));
    }

    [Fact]
    public void ANestedSequentialJoinsTheOuterChain()
    {
        var model = Network("nested");
        var x = Input(1);
        NoGradForward(model, x);
        // The outer chain recycles the inner Linear's output, the inner ReLU's (the inner Sequential's result, once the
        // outer Linear has read it) and the outer Linear's; the Tanh result is the caller's. An inner chain of its own
        // would hide the inner activations from the outer log: 4·16·(128 + 160) bytes.
        const long deadOutputs = 4L * Batch * (128 + 128 + 160);
        Assert.Equal(deadOutputs, RecycledBytes(() => NoGradForward(model, x)));
    }

    /// <summary>
    /// A hook anywhere below the outermost Sequential stops its chain, and the inner Sequential then recycles nothing
    /// either, although its own tree (hook-free, or hooked only at its root) would allow it.
    /// </summary>
    [Theory]
    [InlineData(0)]   // on the inner Sequential itself
    [InlineData(1)]   // on the outer Linear, outside the inner Sequential
    public void AHookOutsideAnInnerSequentialStopsItRecycling(int hookedLayer)
    {
        var model = Network("nested");
        using var hook = model[hookedLayer].RegisterForwardHook((_, output) => output);
        NoGradForward(model, Input(1));
        Assert.Equal(0, RecycledBytes(() => NoGradForward(model, Input(1))));
    }

    [Fact]
    public void ANetworkWhoseActivationsAreAllUnderThePoolMinimumOpensNoChain()
    {
        // An MLP at batch 1: activations of 256 and 128 float32 (1 KB, 512 B), an input of 784 (3,136 B).
        var mlp = ModelZoo.Mlp(784, [256, 128], 10, new Generator(0));
        Assert.False(PoolSizedActivations.MayOccur(mlp, Tensor.Zeros([1, 784])));
        // At batch 4 the first activation is 4·256·4 = 4,096 bytes, the pool's minimum.
        Assert.True(PoolSizedActivations.MayOccur(mlp, Tensor.Zeros([4, 784])));
        // The input counts (a layer may copy it): 1,024 float32 are 4 KB.
        var narrow = new Sequential(new Linear(1024, 8), new ReLU());
        Assert.True(PoolSizedActivations.MayOccur(narrow, Tensor.Zeros([1, 1024])));
        Assert.False(PoolSizedActivations.MayOccur(narrow, Tensor.Zeros([1, 1023])));
        // float64 elements are 8 bytes: 512 of them reach 4 KB; a nested Sequential is followed through.
        var nested = new Sequential(new Sequential(new Linear(8, 512, dtype: DType.Float64), new Tanh()), new Linear(512, 1, dtype: DType.Float64));
        Assert.True(PoolSizedActivations.MayOccur(nested, Tensor.Zeros([1, 8], DType.Float64)));
        Assert.False(PoolSizedActivations.MayOccur(nested, Tensor.Zeros([1, 8])));   // as float32, 2 KB
        // A layer whose output size it does not follow (a convolution) may allocate anything.
        var conv = new Sequential(new Conv2d(1, 1, 3), new ReLU());
        Assert.True(PoolSizedActivations.MayOccur(conv, Tensor.Zeros([1, 1, 4, 4])));
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
        var keeper = new KeepsItsOutput();
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
