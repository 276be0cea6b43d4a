using Sharpgrad.Models;
using Sharpgrad.NN;
using Sharpgrad.Optim;
using static Sharpgrad.Tests.NN.ActivationRecyclingProbe;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN;

/// <summary>
/// A convolutional network's training step (Sequential, ResNet, VGG) hands its forward activations back to the buffer
/// pool once backward has freed the graph that saved them (GraphOwnedActivations, opened by FeedForwardLayers). Results
/// must be bit for bit those of the same network that recycles nothing (a do-nothing forward hook on an inner module
/// turns recycling off), no tensor anyone can still see may be overwritten, and the buffers must really be given back.
/// </summary>
public sealed class ConvolutionalActivationRecyclingTests
{
    // Input [4, 3, 8, 8]: the first convolution's output, the batch norm's and the ReLU's are [4, 8, 8, 8] float32,
    // 8 KB each, over the pool's 4 KB minimum (smaller ones are never pooled, so a test of them could not fail).
    private const int Batch = 4, Channels = 8, Side = 8;
    private const long FirstBlockBytes = (long)Batch * Channels * Side * Side * sizeof(float);

    /// <summary>conv → BN → ReLU → max pool → conv → ReLU → flatten → dropout → linear: [4, 3, 8, 8] → [4, 10].</summary>
    private static Sequential Cnn(double dropout = 0) => new(
        new Conv2d(3, Channels, 3, padding: 1, generator: new Generator(1)), new BatchNorm2d(Channels), new ReLU(), new MaxPool2d(2),
        new Conv2d(Channels, 16, 3, padding: 1, generator: new Generator(2)), new ReLU(),
        new Flatten(), new Dropout(dropout, new Generator(3)), new Linear(16 * 4 * 4, 10, generator: new Generator(4)));

    /// <summary>The first block alone, whose result ([4, 8, 8, 8], 8 KB) is large enough to be pooled.</summary>
    private static Sequential FirstBlock() => new(new Conv2d(3, Channels, 3, padding: 1, generator: new Generator(1)), new BatchNorm2d(Channels), new ReLU());

    private static Tensor Input(int seed, int batch = Batch, int side = Side) => Tensor.Randn([batch, 3, side, side], DType.Float32, new Generator(seed));

    private static Tensor Labels(int seed, int batch = Batch) => Tensor.RandInt(0, 10, [batch], new Generator(seed + 100));

    private static void AssertPooledSize(Tensor tensor)
        => Assert.True(tensor.storage.Bytes >= BufferPool.MinimumBytes, $"{tensor.storage.Bytes} bytes: too small to be pooled, the test could not fail");

    private static (float Loss, long Recycled) Step(Module<Tensor, Tensor> network, Optimizer opt, Tensor x, Tensor y)
    {
        var loss = Losses.CrossEntropy(network.Forward(x), y);
        opt.ZeroGrad(setToNone: false);
        long recycled = RecycledBytes(() => loss.Backward());
        opt.Step();
        return (loss.Item<float>(), recycled);
    }

    /// <summary>
    /// Steps of a recycling network and of a hooked one on the same batches (seed 1 again at step 3, so the second
    /// forward of a shape takes recycled buffers); returns the bytes the recycling one gave back at its fewest.
    /// </summary>
    private static long TrainSideBySide(Module<Tensor, Tensor> recycling, Module<Tensor, Tensor> reference, int batch, int side, int[] seeds)
    {
        var (opt, referenceOpt) = (new SGD(recycling.Parameters(), lr: 0.05, momentum: 0.9), new SGD(reference.Parameters(), lr: 0.05, momentum: 0.9));
        long fewest = long.MaxValue;
        foreach (int seed in seeds)
        {
            var (x, y) = (Input(seed, batch, side), Labels(seed, batch));
            var (loss, recycled) = Step(recycling, opt, x, y);
            var (expectedLoss, notRecycled) = Step(reference, referenceOpt, x, y);
            Assert.Equal(0, notRecycled);
            Assert.Equal(expectedLoss, loss);
            fewest = Math.Min(fewest, recycled);
        }
        foreach (var (p, q) in recycling.Parameters().Zip(reference.Parameters())) BitwiseEqual(q, p);
        foreach (var (p, q) in recycling.Buffers().Zip(reference.Buffers())) BitwiseEqual(q, p);   // running statistics
        return fewest;
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    public void SequentialTrainingStepsEqualThoseOfANetworkThatRecyclesNothing(double dropout)
    {
        long recycled = TrainSideBySide(Cnn(dropout), ThatRecyclesNothing(Cnn(dropout)), Batch, Side, [1, 2, 1, 3]);
        // At least the convolution's, the batch norm's and the ReLU's outputs of the first block every step.
        Assert.True(recycled >= 3 * FirstBlockBytes, $"recycled {recycled} bytes, expected at least {3 * FirstBlockBytes}");
    }

    [Fact]
    public void ResNetTrainingStepsEqualThoseOfANetworkThatRecyclesNothing()
    {
        // ResNet-20 on [2, 3, 16, 16]: the stem's convolution, batch norm and ReLU outputs are [2, 16, 16, 16], 32 KB each.
        long recycled = TrainSideBySide(ModelZoo.ResNet20(generator: new Generator(0)), ThatRecyclesNothing(ModelZoo.ResNet20(generator: new Generator(0))),
            batch: 2, side: 16, [1, 2, 1]);
        const long stemBytes = 2L * 16 * 16 * 16 * sizeof(float);
        Assert.True(recycled >= 3 * stemBytes, $"recycled {recycled} bytes, expected at least {3 * stemBytes}");
    }

    [Fact]
    public void VggTrainingStepsEqualThoseOfANetworkThatRecyclesNothing()
    {
        static Vgg Build() => ModelZoo.Vgg("A", classes: 10, hidden: 32, dropout: 0, pooledSize: 1, generator: new Generator(0));
        // VGG-11 on [1, 3, 32, 32]: the first convolution's and ReLU's outputs are [1, 64, 32, 32], 256 KB each.
        long recycled = TrainSideBySide(Build(), ThatRecyclesNothing(Build()), batch: 1, side: 32, [1, 1]);
        const long firstBytes = 64L * 32 * 32 * sizeof(float);
        Assert.True(recycled >= 2 * firstBytes, $"recycled {recycled} bytes, expected at least {2 * firstBytes}");
    }

    /// <summary>
    /// An activation between the transformer's 4 MB cap and the training call's 64 MB one: conv → BN → ReLU → pool on
    /// [2, 3, 160, 160], whose convolution and batch norm outputs ([2, 32, 160, 160] float32, 6.5 MB each) are saved by
    /// the batch norm and the ReLU.
    /// </summary>
    [Fact]
    public void ATrainingStepRecyclesActivationsOverFourMegabytes()
    {
        static Sequential Build() => new(
            new Conv2d(3, 32, 3, padding: 1, generator: new Generator(1)), new BatchNorm2d(32), new ReLU(),
            new AdaptiveAvgPool2d(1), new Flatten(), new Linear(32, 10, generator: new Generator(4)));
        const long activationBytes = 2L * 32 * 160 * 160 * sizeof(float);
        Assert.True(activationBytes > RecycledActivations.MaximumBytes);
        long recycled = TrainSideBySide(Build(), ThatRecyclesNothing(Build()), batch: 2, side: 160, [1, 2]);
        Assert.True(recycled >= 2 * activationBytes, $"recycled {recycled} bytes, expected at least {2 * activationBytes}");
    }

    /// <summary>
    /// ReLU → max pool on an input that requires grad: the ReLU's output, which the pool saves, is recycled at exactly
    /// the 64 MiB cap ([16, 1024, 1024] float32) and left to the garbage collector one row over it.
    /// </summary>
    [Theory]
    [InlineData(1024, true)]
    [InlineData(1025, false)]
    public void ATrainingCallRecyclesNoActivationOverItsCap(int rows, bool recycledExpected)
    {
        var network = new Sequential(new ReLU(), new MaxPool1d(1024));
        var x = Tensor.Randn([16, rows, 1024], DType.Float32, new Generator(1)).RequireGrad();
        long activationBytes = 16L * rows * 1024 * sizeof(float);
        Assert.Equal(recycledExpected, activationBytes <= RecycledActivations.TrainingCallMaximumBytes);
        var loss = network.Forward(x).Sum();
        long recycled = RecycledBytes(() => loss.Backward());
        if (recycledExpected) Assert.True(recycled >= activationBytes, $"recycled {recycled} bytes, expected at least {activationBytes}");
        else Assert.True(recycled < activationBytes, $"recycled {recycled} bytes: the {activationBytes}-byte activation over the cap was recycled");
    }

    [Fact]
    public void AResultTheUserHoldsIsNeverRecycled()
    {
        var block = FirstBlock();
        var opt = new SGD(block.Parameters(), lr: 0.05);
        var first = block.Forward(Input(1));
        AssertPooledSize(first);
        var snapshot = first.Detach().Clone();
        Assert.True(RecycledBytes(() => first.Square().Mean().Backward()) >= 2 * FirstBlockBytes);   // conv and BN outputs
        for (int step = 0; step < 3; step++)   // rent the recycled buffers
        {
            var loss = block.Forward(Input(2 + step)).Square().Mean();
            opt.ZeroGrad();
            loss.Backward();
            opt.Step();
        }
        BitwiseEqual(snapshot, first.Detach());
    }

    [Fact]
    public void AnActivationAHookKeptIsNeverRecycled()
    {
        var cnn = Cnn();
        var opt = new SGD(cnn.Parameters(), lr: 0.05);
        Tensor? kept = null;
        var hook = cnn[1].RegisterForwardHook(new ForwardHook((_, _, output) => kept ??= (Tensor)output!));
        Assert.Equal(0, Step(cnn, opt, Input(1), Labels(1)).Recycled);
        AssertPooledSize(kept!);
        var snapshot = kept!.Detach().Clone();
        hook.Remove();
        for (int step = 0; step < 3; step++) Assert.True(Step(cnn, opt, Input(2 + step), Labels(2 + step)).Recycled >= 3 * FirstBlockBytes);
        BitwiseEqual(snapshot, kept.Detach());
    }

    [Fact]
    public void ARetainedGraphKeepsItsSavedValues()
    {
        var cnn = Cnn();
        var x = Input(1).RequireGrad();
        var loss = Losses.CrossEntropy(cnn.Forward(x), Labels(1));
        Tensor[] first = [];
        Assert.Equal(0, RecycledBytes(() => first = Autograd.Grad([loss], [x], retainGraph: true)));
        var other = Input(2).RequireGrad();
        Assert.True(RecycledBytes(() => Autograd.Grad([Losses.CrossEntropy(cnn.Forward(other), Labels(2))], [other])) >= 3 * FirstBlockBytes);
        Tensor[] second = [];
        Assert.True(RecycledBytes(() => second = Autograd.Grad([loss], [x])) >= 3 * FirstBlockBytes);
        BitwiseEqual(first[0], second[0]);
    }

    [Fact]
    public void ADoubleBackwardRecyclesNothingAndMatchesTheReference()
    {
        // A gradient penalty ‖∂L/∂x‖² (Tanh in place of the ReLUs, whose second derivative is zero almost everywhere).
        static Sequential Smooth() => new(
            new Conv2d(3, Channels, 3, padding: 1, generator: new Generator(1)), new BatchNorm2d(Channels), new Tanh(), new MaxPool2d(2),
            new Flatten(), new Linear(Channels * 4 * 4, 10, generator: new Generator(4)));

        static Tensor PenaltyGradient(Sequential cnn, out long recycled)
        {
            var x = Input(1).RequireGrad();
            var loss = Losses.CrossEntropy(cnn.Forward(x), Labels(1));
            Tensor? gx = null;
            recycled = RecycledBytes(() => gx = Autograd.Grad([loss], [x], createGraph: true)[0]);
            var penalty = gx!.Square().Sum();
            recycled += RecycledBytes(() => penalty.Backward());
            return ((Conv2d)cnn[0]).Weight.Grad!;
        }

        var actual = PenaltyGradient(Smooth(), out long recycled);
        var expected = PenaltyGradient(ThatRecyclesNothing(Smooth()), out _);
        Assert.Equal(0, recycled);
        BitwiseEqual(expected, actual);
    }

    [Fact]
    public void AGraphDroppedWithoutBackwardRecyclesNothing()
        => Assert.Equal(0, RecycledBytes(() => Cnn().Forward(Input(1))));

    [Fact]
    public void AModuleOfTheUsersInsideRecyclesNothing()
    {
        var cnn = Cnn();
        cnn.Add(new Scale());
        Assert.Equal(0, Step(cnn, new SGD(cnn.Parameters(), lr: 0.05), Input(1), Labels(1)).Recycled);
    }

    /// <summary>
    /// The sync is user code inside the call, which may keep what it is handed or allocates. (The step would recycle
    /// nothing anyway today: the synchronised forward reads the count through a Narrow node that backward never frees;
    /// the tree check is what does not depend on that.)
    /// </summary>
    [Fact]
    public void ABatchNormWithAStatisticsSyncRecyclesNothing()
    {
        var cnn = Cnn();
        Assert.True(BuiltInModuleTree.KeepsNothing(cnn, FeedForwardLayers.ThatKeepNothing, evalOnly: false));
        ((BatchNorm2d)cnn[1]).StatisticsSync = new TwoEqualProcesses();
        Assert.False(BuiltInModuleTree.KeepsNothing(cnn, FeedForwardLayers.ThatKeepNothing, evalOnly: false));
        Assert.Equal(0, Step(cnn, new SGD(cnn.Parameters(), lr: 0.05), Input(1), Labels(1)).Recycled);
    }

    /// <summary>A module of the user's, which may keep what it sees.</summary>
    private sealed class Scale : Module<Tensor, Tensor>
    {
        protected override Tensor ForwardCore(Tensor input) => input * 2;
    }

    /// <summary>A sync as if a second process had the same batch (user code inside the batch norm's forward).</summary>
    private sealed class TwoEqualProcesses : IBatchStatisticsSync
    {
        public int WorldSize => 2;
        public Tensor SumOverProcesses(Tensor local) => local * 2;
    }
}
