using System.Runtime.CompilerServices;
using Sharpgrad.NN;
using Sharpgrad.Optim;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN.Attention;

/// <summary>
/// A Transformer encoder's forward activations go back to the buffer pool once backward has freed the graph that saved
/// them (GraphOwnedActivations). The results must be bit for bit those of a model that recycles nothing (a do-nothing
/// forward hook on an inner module turns recycling off), no tensor anyone can still see may be overwritten, and the
/// buffers must really be given back. How much was given back is read from a per-thread counter, which tests running
/// in parallel do not disturb.
/// </summary>
public sealed class TransformerActivationRecyclingTests
{
    // Every activation checked is at least the pool's 4 KB minimum (smaller ones are never pooled, so a test of them
    // could not fail): the result and the [N, L, d_model] tensors are N·L·d_model·4 = 8 KB, the scores [N, H, L, L]
    // 8 KB, the feed-forward hidden activations N·L·dim_feedforward·4 = 16 KB.
    private const int Batch = 4, Length = 16, DModel = 32, Heads = 2, FeedForward = 64, Layers = 2;

    private static TransformerEncoder Encoder(double dropout = 0) => new(
        new TransformerEncoderLayer(DModel, Heads, FeedForward, dropout, batchFirst: true, generator: new Generator(3)), Layers);

    /// <summary>
    /// An encoder with a hook on an inner module of every layer, which must make it recycle nothing: the reference. (A
    /// layer whose own tree has no hook recycles its call even when the stack around it cannot.)
    /// </summary>
    private static TransformerEncoder EncoderThatRecyclesNothing(double dropout = 0)
    {
        var encoder = Encoder(dropout);
        foreach (var layer in encoder.Layers) layer.Linear1.RegisterForwardHook(new ForwardHook((_, _, _) => { }));
        return encoder;
    }

    private static Tensor Input(int seed) => Tensor.Randn([Batch, Length, DModel], DType.Float32, new Generator(seed));

    /// <summary>A key-padding mask [N, L] (true = padded) keeping 16, 11, 5 and 1 positions: no row is all padding.</summary>
    private static Tensor Padding() => Tensor.Arange(Length).Unsqueeze(0).Ge(Tensor.From(new long[] { 16, 11, 5, 1 }).Unsqueeze(1));

    private static void AssertPooledSize(Tensor tensor)
        => Assert.True(tensor.storage.Bytes >= BufferPool.MinimumBytes, $"{tensor.storage.Bytes} bytes: too small to be pooled, the test could not fail");

    private static long RecycledBytes(Action call)
    {
        long before = GraphOwnedActivations.RecycledBytesOnThisThread;
        call();
        return GraphOwnedActivations.RecycledBytesOnThisThread - before;
    }

    /// <summary>
    /// Every step frees at least the feed-forward block's two hidden activations ([N·L, dim_feedforward]: linear1's
    /// output and the ReLU's) in each layer; the attention weights, projections, residual sums and norms add more.
    /// </summary>
    private const long HiddenBytesPerStep = Layers * 2L * Batch * Length * FeedForward * sizeof(float);

    private static (float Loss, long Recycled) Step(TransformerEncoder encoder, Adam opt, Tensor x, Tensor? padding = null)
    {
        var loss = encoder.Forward(x, null, padding).Pow(2).Mean();
        opt.ZeroGrad(setToNone: false);
        long recycled = RecycledBytes(() => loss.Backward());
        opt.Step();
        return (loss.Item<float>(), recycled);
    }

    /// <summary>
    /// Without dropout or masks the attention runs as one packed node (PackedSelfAttention); with either it runs the
    /// composed ops (AttendHeads: the mask converted to an additive one, Functional.Dropout's uniform draws, comparison
    /// and cast). Both encoders draw their dropout masks from equal generators, in the same order.
    /// </summary>
    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.25, false)]
    [InlineData(0.0, true)]
    [InlineData(0.25, true)]
    public void TrainingStepsEqualThoseOfAModelThatRecyclesNothing(double dropout, bool masked)
    {
        var (recycling, reference) = (Encoder(dropout), EncoderThatRecyclesNothing(dropout));
        var (opt, referenceOpt) = (new Adam(recycling.Parameters(), lr: 1e-2), new Adam(reference.Parameters(), lr: 1e-2));
        var padding = masked ? Padding() : null;
        foreach (int seed in new[] { 1, 2, 1, 3 })
        {
            var x = Input(seed);
            var (loss, recycled) = Step(recycling, opt, x, padding);
            var (expectedLoss, notRecycled) = Step(reference, referenceOpt, x, padding);
            Assert.True(recycled >= HiddenBytesPerStep, $"recycled {recycled} bytes, expected at least {HiddenBytesPerStep}");
            Assert.Equal(0, notRecycled);
            Assert.Equal(expectedLoss, loss);
        }
        foreach (var (p, q) in recycling.Parameters().Zip(reference.Parameters())) BitwiseEqual(q, p);
    }

    [Fact]
    public void AResultTheUserHoldsIsNeverRecycled()
    {
        var encoder = Encoder();
        var opt = new Adam(encoder.Parameters(), lr: 1e-2);
        var first = encoder.Forward(Input(1));
        AssertPooledSize(first);
        var snapshot = first.Detach().Clone();
        long recycled = RecycledBytes(() => first.Pow(2).Mean().Backward());
        Assert.True(recycled >= HiddenBytesPerStep);
        for (int step = 0; step < 3; step++) Step(encoder, opt, Input(2 + step));   // rent the recycled buffers
        BitwiseEqual(snapshot, first.Detach());
    }

    [Fact]
    public void AnActivationAHookKeptIsNeverRecycled()
    {
        var encoder = Encoder();
        var opt = new Adam(encoder.Parameters(), lr: 1e-2);
        Tensor? kept = null;
        using var hook = encoder.Layers[1].Linear1.RegisterForwardHook(new ForwardHook((_, _, output) => kept ??= (Tensor)output!));
        var (_, recycled) = Step(encoder, opt, Input(1));
        var unhooked = Encoder();
        var (_, recycledWithoutHook) = Step(unhooked, new Adam(unhooked.Parameters(), lr: 1e-2), Input(1));
        // Layer 0 still recycles its own call; layer 1, whose tree has the hook, recycles nothing.
        Assert.InRange(recycled, HiddenBytesPerStep / Layers, recycledWithoutHook - HiddenBytesPerStep / Layers);
        var snapshot = kept!.Detach().Clone();
        for (int step = 0; step < 2; step++) Step(encoder, opt, Input(2 + step));
        BitwiseEqual(snapshot, kept.Detach());
    }

    [Fact]
    public void ARetainedGraphKeepsItsSavedValues()
    {
        var encoder = Encoder();
        var x = Input(1).RequireGrad();
        var loss = encoder.Forward(x).Pow(2).Mean();
        Tensor[] first = [];
        Assert.Equal(0, RecycledBytes(() => first = Autograd.Grad([loss], [x], retainGraph: true)));
        var other = Input(2).RequireGrad();
        Autograd.Grad([encoder.Forward(other).Pow(2).Mean()], [other]);    // recycles its own call's buffers
        Tensor[] second = [];
        Assert.True(RecycledBytes(() => second = Autograd.Grad([loss], [x])) >= HiddenBytesPerStep);
        BitwiseEqual(first[0], second[0]);
    }

    [Fact]
    public void ADoubleBackwardRecyclesNothingAndMatchesTheReference()
    {
        Tensor GradientPenaltyGradient(TransformerEncoder encoder, out long recycled)
        {
            var x = Input(1).RequireGrad();
            var loss = encoder.Forward(x).Pow(2).Mean();
            Tensor? gx = null;
            recycled = RecycledBytes(() => gx = Autograd.Grad([loss], [x], createGraph: true)[0]);
            var penalty = gx!.Pow(2).Sum();
            recycled += RecycledBytes(() => penalty.Backward());
            return encoder.Layers[0].Linear1.Weight.Grad!;
        }

        var actual = GradientPenaltyGradient(Encoder(), out long recycled);
        var expected = GradientPenaltyGradient(EncoderThatRecyclesNothing(), out _);
        Assert.Equal(0, recycled);
        BitwiseEqual(expected, actual);
    }

    [Fact]
    public void AGraphDroppedWithoutBackwardRecyclesNothing()
    {
        var encoder = Encoder();
        Assert.Equal(0, RecycledBytes(() => encoder.Forward(Input(1))));
    }

    [Fact]
    public void AnInferenceCallRecyclesAtOnceAndKeepsItsResult()
    {
        var encoder = Encoder().Eval();
        var expected = encoder.Forward(Input(1)).Detach();    // with gradients on: recycled only after a backward
        Tensor? result = null;
        long recycled;
        using (Autograd.NoGrad()) recycled = RecycledBytes(() => result = encoder.Forward(Input(1)));
        Assert.True(recycled >= HiddenBytesPerStep / 2, $"recycled {recycled} bytes");   // no graph: freed when the call returns
        AssertPooledSize(result!);
        BitwiseEqual(expected, result!);
        using (Autograd.NoGrad()) encoder.Forward(Input(2));
        BitwiseEqual(expected, result!);
    }

    [Fact]
    public void ALayerRunOnItsOwnRecyclesToo()
    {
        var layer = new TransformerEncoderLayer(DModel, Heads, FeedForward, dropout: 0, batchFirst: true, generator: new Generator(3));
        var loss = layer.Forward(Input(1)).Pow(2).Mean();
        Assert.True(RecycledBytes(() => loss.Backward()) >= HiddenBytesPerStep / Layers);
    }

    /// <summary>
    /// The call holds what it allocated only weakly once it has returned: a temporary that no node saves is collected
    /// while the graph lives (it used to live as long as the graph), and the graph still runs backward afterwards.
    /// </summary>
    [Fact]
    public void AGraphDoesNotKeepItsCallsDeadTemporariesAlive()
    {
        var x = Input(1).RequireGrad();
        var (result, temporary) = CallWithADeadTemporary(x);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(temporary.IsAlive, "the graph kept a dead temporary alive");
        result.Sum().Backward();
        BitwiseEqual(Tensor.OnesLike(x), x.Grad!);   // d/dx Σ(x + c) = 1
    }

    /// <summary>
    /// The call's log holds what it logs weakly from the start, so a temporary no node saves (a residual block's batch
    /// norm output before the add, dropout's uniform draws) dies at the next collection while the call still runs,
    /// instead of living until the call returns and raising the forward's peak.
    /// </summary>
    [Fact]
    public void AnOpenCallKeepsNoDeadTemporaryAlive()
    {
        using var call = GraphOwnedActivations.TryOpen(() => true, RecycledActivations.MaximumBytes)!;
        var temporary = AllocateAndDrop();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(temporary.IsAlive, "the open call's log kept a dead temporary alive");
        call.Close(Tensor.Zeros([Batch, Length, DModel]));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference AllocateAndDrop()
    {
        var noise = Tensor.Rand([Batch, Length, DModel], DType.Float32, new Generator(5));   // 8 KB: logged
        AssertPooledSize(noise);
        return new WeakReference(noise.storage);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]   // the temporary's locals must be gone when the caller collects
    private static (Tensor Result, WeakReference Temporary) CallWithADeadTemporary(Tensor x)
    {
        using var call = GraphOwnedActivations.TryOpen(() => true, RecycledActivations.MaximumBytes)!;
        var noise = Tensor.Rand([Batch, Length, DModel], DType.Float32, new Generator(5));   // 8 KB: logged
        AssertPooledSize(noise);
        var result = x + noise.Sum();    // the node keeps x and the scalar sum, not the noise
        return (call.Close(result), new WeakReference(noise.storage));
    }
}
