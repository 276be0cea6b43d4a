using Sharpgrad.NN.Memory;
using Sharpgrad.Tests.NN;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN.Memory;

/// <summary>
/// The NTM and the DNC as modules: float64 gradient checks through one full step (as functions of the input, every
/// parameter and every part of a non-trivial previous state), their names, initial states and shapes, and the errors.
/// </summary>
public class MemoryModuleTests
{
    private const int Batch = 2, Input = 2, Output = 2, Controller = 3, Cells = 4, Width = 2;

    private static Tensor Softmax(int seed, params int[] shape) => Randn(seed, shape).Softmax(-1);

    private static NTM SmallNtm() => new(Input, Output, Controller, Cells, Width, readHeads: 1, writeHeads: 1, shiftRange: 1, DType.Float64, new Generator(1));

    private static DNC SmallDnc() => new(Input, Output, Controller, Cells, Width, readHeads: 2, DType.Float64, new Generator(2));

    /// <summary>The step's output with its new memory and read vectors, so the check covers every path out of a step.</summary>
    private static Tensor Outputs<TState>((Tensor Output, TState State) step) where TState : IMemoryState =>
        Tensor.Cat([step.Output, step.State.Memory.Flatten(1), step.State.Reads.Flatten(1)], dim: 1);

    private static NTMState NtmState(Tensor[] s) => new(s[0], s[1], s[2], s[3], (s[4], s[5]));

    private static Tensor[] RandomNtmState() =>
    [
        Randn(10, Batch, Cells, Width), Softmax(11, Batch, 1, Cells), Softmax(12, Batch, 1, Cells), Randn(13, Batch, 1, Width),
        Randn(14, Batch, Controller), Randn(15, Batch, Controller),
    ];

    private static DNCState DncState(Tensor[] s) => new(s[0], s[1], s[2], s[3], s[4], s[5], s[6], (s[7], s[8]));

    private static Tensor[] RandomDncState()
    {
        // Usage and link values away from ties (the sort's order must not change under the finite differences).
        var link = Uniform(22, 0, 0.3, Batch, Cells, Cells) * (1 - Tensor.Eye(Cells, dtype: DType.Float64));
        return
        [
            Randn(20, Batch, Cells, Width), Tensor.From(new double[] { 0.1, 0.5, 0.3, 0.8, 0.6, 0.2, 0.9, 0.4 }).View(Batch, Cells), link,
            Softmax(23, Batch, Cells) * 0.5, Softmax(24, Batch, 2, Cells), Softmax(25, Batch, Cells) * 0.7, Randn(26, Batch, 2, Width),
            Randn(27, Batch, Controller), Randn(28, Batch, Controller),
        ];
    }

    [Fact]
    public void OneNtmStepPassesAFloat64GradCheckForInputAndParameters()
    {
        var ntm = SmallNtm();
        var state = NtmState(RandomNtmState());
        ModuleGradCheck.Assert(x => Outputs(ntm.Step(x, state)), Randn(1, Batch, Input), [.. ntm.Parameters()]);
    }

    [Fact]
    public void OneNtmStepPassesAFloat64GradCheckForThePreviousState()
    {
        var ntm = SmallNtm();
        var x = Randn(1, Batch, Input);
        var u = Randn(3, Batch, Output + Cells * Width + Width);
        var state = RandomNtmState().Select(t => t.RequireGrad()).ToArray();
        GradCheck.Run(s => (Outputs(ntm.Step(x, NtmState(s))) * u).Sum(), state, atol: 1e-6, rtol: 1e-4).ThrowIfFailed();
    }

    [Fact]
    public void OneDncStepPassesAFloat64GradCheckForInputAndParameters()
    {
        var dnc = SmallDnc();
        var state = DncState(RandomDncState());
        ModuleGradCheck.Assert(x => Outputs(dnc.Step(x, state)), Randn(4, Batch, Input), [.. dnc.Parameters()]);
    }

    [Fact]
    public void OneDncStepPassesAFloat64GradCheckForThePreviousState()
    {
        var dnc = SmallDnc();
        var x = Randn(5, Batch, Input);
        var u = Randn(6, Batch, Output + Cells * Width + 2 * Width);
        var state = RandomDncState().Select(t => t.RequireGrad()).ToArray();
        // The next state's usage, link and precedence feed later steps: include them too.
        GradCheck.Run(s =>
        {
            var (y, next) = dnc.Step(x, DncState(s));
            return (Outputs((y, next)) * u).Sum() + (next.Usage * 1.5).Sum() + (next.Link * s[2]).Sum() + next.Precedence.Square().Sum();
        }, state, atol: 1e-6, rtol: 1e-4).ThrowIfFailed();
    }

    [Fact]
    public void TheNtmStartsFromCollierAndBeelsConstantMemoryOnCellZero()
    {
        var ntm = SmallNtm();
        var s = ntm.InitialState(Batch);
        Assert.True(s.Memory.Eq(NTM.InitialMemoryValue).All());
        Close([1, 0, 0, 0, 1, 0, 0, 0], s.ReadWeights.Flatten());
        // PyTorch's order: the module's own parameters, then its children's, depth first.
        Assert.Equal(
            ["read_init", "controller.weight_ih", "controller.weight_hh", "controller.bias_ih", "controller.bias_hh", "interface.weight",
             "interface.bias", "output.weight", "output.bias"],
            ntm.NamedParameters().Select(p => p.Name).ToArray());
        // The controller reads x and the last read vector; the output layer reads h and the new read vector.
        Assert.Equal([4 * Controller, Input + Width], ntm.StateDict()["controller.weight_ih"].Shape);
        Assert.Equal([Output, Controller + Width], ntm.StateDict()["output.weight"].Shape);
        // Read and write head: H·(W + 2S + 4) + 2·H_w·W = 2·(2 + 6) + 4 = 20.
        Assert.Equal(20, ntm.InterfaceSize);
    }

    private static NTM FeedForwardNtm() =>
        new(Input, Output, Controller, Cells, Width, readHeads: 1, writeHeads: 1, shiftRange: 1, DType.Float64, new Generator(3), ControllerKind.FeedForward);

    [Fact]
    public void AFeedForwardNtmHasOneTanhLayerAsItsController()
    {
        var ntm = FeedForwardNtm();
        Assert.Equal(
            ["read_init", "controller.weight", "controller.bias", "interface.weight", "interface.bias", "output.weight", "output.bias"],
            ntm.NamedParameters().Select(p => p.Name).ToArray());
        Assert.Equal([Controller, Input + Width], ntm.StateDict()["controller.weight"].Shape);
        // h_t = tanh(W [x_t; r_{t−1}] + b), worked out here from the weights: read_init is 0, so r_0 = 0.
        var x = Randn(30, Batch, Input);
        var (_, state) = ntm.Step(x);
        var weight = ntm.StateDict()["controller.weight"].Narrow(1, 0, Input);
        var expected = (x.MatMul(weight.T) + ntm.StateDict()["controller.bias"]).Tanh();
        Close(expected, state.Controller.H);
        Assert.True(state.Controller.C.Eq(0).All());
    }

    [Fact]
    public void AFeedForwardControllerIgnoresThePreviousHiddenState()
    {
        // Only the memory and the read vectors carry information across steps: a different h_{t−1} changes nothing.
        var ntm = FeedForwardNtm();
        var x = Randn(31, Batch, Input);
        var state = NtmState(RandomNtmState());
        var other = state with { Controller = (Randn(32, Batch, Controller), state.Controller.C) };
        BitwiseEqual(ntm.Step(x, state).Output, ntm.Step(x, other).Output);
        // The LSTM controller does read it.
        var lstm = SmallNtm();
        Assert.True((lstm.Step(x, state).Output - lstm.Step(x, other).Output).Abs().Max().Item() > 1e-6);
    }

    [Fact]
    public void OneFeedForwardNtmStepPassesAFloat64GradCheck()
    {
        var ntm = FeedForwardNtm();
        var state = NtmState(RandomNtmState());
        ModuleGradCheck.Assert(x => Outputs(ntm.Step(x, state)), Randn(33, Batch, Input), [.. ntm.Parameters()]);
    }

    [Fact]
    public void TheDncStartsFromZerosAndRunsSequences()
    {
        var dnc = SmallDnc();
        Assert.Equal(2 * Width + 3 * Width + 5 * 2 + 3, dnc.InterfaceSize);
        var (y, state) = dnc.Forward(Randn(7, 5, Batch, Input), null);
        Assert.Equal([5, Batch, Output], y.Shape);
        Assert.Equal([Batch, Cells, Cells], state.Link.Shape);
        Assert.True(state.Usage.Min().Item() >= 0 && state.Usage.Max().Item() <= 1);
        Assert.Equal(0, state.Link.Diagonal(0, 1, 2).Abs().Max().Item());
        Assert.True(dnc.InitialState(1).Memory.Eq(0).All());
    }

    [Fact]
    public void TheSameSeedGivesTheSameBits()
    {
        var x = Randn(8, 3, Batch, Input).To(DType.Float32);
        var a = new DNC(Input, Output, Controller, Cells, Width, 2, generator: new Generator(9)).Forward(x, null).Output;
        var b = new DNC(Input, Output, Controller, Cells, Width, 2, generator: new Generator(9)).Forward(x, null).Output;
        BitwiseEqual(a, b);
    }

    [Fact]
    public void AStateOfTheWrongSizeIsAnErrorNamingTheModuleAndTheShapes()
    {
        var ntm = SmallNtm();
        var s = ntm.InitialState(Batch);
        var error = Assert.Throws<ArgumentException>(() => ntm.Step(Randn(1, Batch, Input), s with { Memory = Tensor.Zeros([Batch, 5, Width], DType.Float64) }));
        Assert.Contains("NTM: memory must be [batch, cells, cellWidth] = [2, 4, 2], got shape [2, 5, 2]", error.Message);
        var dnc = SmallDnc();
        var d = dnc.InitialState(Batch);
        error = Assert.Throws<ArgumentException>(() => dnc.Step(Randn(1, Batch, Input), d with { Link = Tensor.Zeros([Batch, 3, 3], DType.Float64) }));
        Assert.Contains("DNC: link matrix must be [batch, cells, cells] = [2, 4, 4], got shape [2, 3, 3]", error.Message);
        error = Assert.Throws<ArgumentException>(() => dnc.Step(Randn(1, Batch, 5)));
        Assert.Contains("DNC: input must be [batch, inputSize] = [any, 2], got shape [2, 5]", error.Message);
        error = Assert.Throws<ArgumentException>(() => dnc.Forward(Randn(1, Batch, Input), null));
        Assert.Contains("input sequence", error.Message);
        error = Assert.Throws<ArgumentException>(() => new NTM(2, 2, cells: 4, shiftRange: 2));
        Assert.Contains("shiftRange", error.Message);
    }
}
