using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.Tests.NN;

/// <summary>
/// Modules with any inputs and outputs (issue #10): an LSTM-shaped module (two inputs, a nested tuple out) and a
/// VAE-shaped module (three outputs) are ordinary modules — in containers, in state dicts, under Summary and hooks.
/// </summary>
public class TypedModuleTests
{
    /// <summary>A one-step LSTM-like cell: (x, (h, c)?) → (output, (h, c)), with PyTorch's parameter names.</summary>
    private sealed class ToyLstm : Module<Tensor, (Tensor H, Tensor C)?, (Tensor Output, (Tensor H, Tensor C) State)>
    {
        public readonly Linear InputToHidden, HiddenToHidden;

        public ToyLstm(int input, int hidden)
        {
            InputToHidden = RegisterModule("ih", new Linear(input, 4 * hidden, generator: new Generator(1)));
            HiddenToHidden = RegisterModule("hh", new Linear(hidden, 4 * hidden, generator: new Generator(2)));
        }

        protected override (Tensor Output, (Tensor H, Tensor C) State) ForwardCore(Tensor x, (Tensor H, Tensor C)? state)
        {
            int hidden = HiddenToHidden.InFeatures;
            var (h, c) = state ?? (Tensor.Zeros([x.Size(0), hidden]), Tensor.Zeros([x.Size(0), hidden]));
            var gates = InputToHidden.Forward(x) + HiddenToHidden.Forward(h);
            var chunks = gates.Chunk(4, 1);   // PyTorch's gate order i, f, g, o
            var cNext = chunks[1].Sigmoid() * c + chunks[0].Sigmoid() * chunks[2].Tanh();
            var hNext = chunks[3].Sigmoid() * cNext.Tanh();
            return (hNext, (hNext, cNext));
        }
    }

    /// <summary>A VAE-like module: x → (reconstruction, μ, log σ²).</summary>
    private sealed class ToyVae : Module<Tensor, (Tensor Reconstruction, Tensor Mu, Tensor LogVar)>
    {
        private readonly Linear encoder, mu, logVar, decoder;

        public ToyVae()
        {
            encoder = RegisterModule("encoder", new Linear(6, 4, generator: new Generator(3)));
            mu = RegisterModule("mu", new Linear(4, 2, generator: new Generator(4)));
            logVar = RegisterModule("logvar", new Linear(4, 2, generator: new Generator(5)));
            decoder = RegisterModule("decoder", new Linear(2, 6, generator: new Generator(6)));
        }

        protected override (Tensor Reconstruction, Tensor Mu, Tensor LogVar) ForwardCore(Tensor x)
        {
            var h = encoder.Forward(x).Relu();
            var (m, lv) = (mu.Forward(h), logVar.Forward(h));
            return (decoder.Forward(m).Sigmoid(), m, lv);   // the mean as the code: deterministic for the test
        }
    }

    [Fact]
    public void AnLstmShapedModuleNestsInAContainerAndAppearsInTheStateDict()
    {
        var model = new ModuleDict(("rnn", new ToyLstm(3, 2)), ("head", new Linear(2, 1)));
        Assert.Equal(["rnn.ih.weight", "rnn.ih.bias", "rnn.hh.weight", "rnn.hh.bias", "head.weight", "head.bias"], model.StateDict().Keys);
        Assert.Equal(3 * 8 + 8 + 2 * 8 + 8 + 2 + 1, model.ParameterCount());

        var rnn = (ToyLstm)model["rnn"];
        var x = Tensor.Ones([5, 3]);
        var (output, (h, c)) = rnn.Forward(x, null);
        Assert.Equal([5, 2], output.Shape);
        Assert.Same(output, h);
        var (_, (h2, _)) = rnn.Forward(x, (h, c));   // the state goes back in: a second step differs from the first
        Assert.False(h2.AllClose(h));

        // The state dict loads into a fresh copy, which then computes the same step.
        var copy = new ModuleDict(("rnn", new ToyLstm(3, 2)), ("head", new Linear(2, 1)));
        copy.LoadStateDict(model.StateDict());
        Assert.True(((ToyLstm)copy["rnn"]).Forward(x, null).Output.AllClose(output, 0, 0));
    }

    [Fact]
    public void AVaeShapedModuleWithThreeOutputsTrainsThroughAllOfThem()
    {
        var vae = new ToyVae();
        var x = Tensor.Rand([4, 6], DType.Float32, new Generator(7));
        var (recon, mu, logVar) = vae.Forward(x);
        var kl = -0.5 * (1 + logVar - mu.Square() - logVar.Exp()).Sum();
        (Losses.BCE(recon, x, reduction: Reduction.Sum) + kl).Backward();
        Assert.All(vae.Parameters(), p => Assert.NotNull(p.Grad));
        Assert.Equal(["encoder.weight", "encoder.bias", "mu.weight", "mu.bias", "logvar.weight", "logvar.bias", "decoder.weight", "decoder.bias"],
            vae.StateDict().Keys);
    }

    [Fact]
    public void SummaryListsTheLayersOfModulesWithSeveralInputsAndOutputs()
    {
        var lstm = new ToyLstm(3, 2);
        var summary = lstm.Summary(() => lstm.Forward(Tensor.Ones([5, 3]), null));
        Assert.Equal(["ih", "hh"], summary.Layers.Select(l => l.Name));
        Assert.Equal([5, 3], summary.InputShape);
        Assert.Equal([5, 2], summary.OutputShape);
        // Linear 3→8 and 2→8 on 5 rows: 2·rows·in·out + rows·out each.
        Assert.Equal(2 * 5 * 3 * 8 + 5 * 8 + 2 * 5 * 2 * 8 + 5 * 8, summary.TotalFlops);

        var vae = new ToyVae();
        var vaeSummary = vae.Summary(() => vae.Forward(Tensor.Ones([2, 6])));
        Assert.Equal(["encoder", "mu", "logvar", "decoder"], vaeSummary.Layers.Select(l => l.Name));
        Assert.Equal([2, 6], vaeSummary.OutputShape);
        Assert.False(vaeSummary.HasUncountedLayers);
    }

    [Fact]
    public void HooksSeeTupleInputsAndOutputsAndCanReplaceThem()
    {
        var lstm = new ToyLstm(3, 2);
        var seen = new List<(object? Input, object? Output)>();
        var observer = lstm.RegisterForwardHook((m, input, output) => seen.Add((input, output)));
        var x = Tensor.Ones([1, 3]);
        var first = lstm.Forward(x, null);
        Assert.Single(seen);
        Assert.Equal(3, TensorTree.Flatten(seen[0].Output).Count());   // output, h, c
        Assert.Single(TensorTree.Flatten(seen[0].Input));              // x; the state was null

        // A typed hook replaces the output; a typed pre-hook replaces the inputs.
        var zeroOutput = lstm.RegisterForwardHook((input, output) => (Tensor.ZerosLike(output.Output), output.State));
        Assert.Equal(0, lstm.Forward(x, null).Output.Abs().Sum().Item());
        zeroOutput.Remove();
        var doubleInput = lstm.RegisterForwardPreHook(input => (input.Item1 * 2, input.Item2));
        var doubled = lstm.Forward(x, null).Output;
        doubleInput.Remove();
        Assert.True(lstm.Forward(x * 2, null).Output.AllClose(doubled, 0, 0));

        observer.Remove();
        lstm.Forward(x, null);
        Assert.Equal(4, seen.Count);   // the three calls before removal, none after
        Assert.True(first.Output.AllClose(lstm.Forward(x, null).Output, 0, 0));
    }

    [Fact]
    public void HooksFireForNestedCallsAndEveryCallOfASharedModule()
    {
        var relu = new ReLU();
        var model = new Sequential(new Linear(2, 2), relu, new Linear(2, 2), relu);
        int calls = 0;
        using (relu.RegisterForwardHook((_, _, _) => calls++))
            model.Forward(Tensor.Ones([1, 2]));
        Assert.Equal(2, calls);
        model.Forward(Tensor.Ones([1, 2]));
        Assert.Equal(2, calls);   // the scope removed it
    }

    [Fact]
    public void ContainersNameTheirChildrenAsPyTorchDoes()
    {
        var list = new ModuleList<Linear>(new Linear(2, 3), new Linear(3, 1));
        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias"], list.StateDict().Keys);
        Assert.Equal(1, list[1].OutFeatures);

        var parameters = new ParameterList(Tensor.Zeros([2]), Tensor.Ones([3]));
        Assert.Equal(["0", "1"], parameters.StateDict().Keys);
        Assert.All(parameters, p => Assert.True(p.RequiresGrad));

        var outer = new ModuleDict(("blocks", list), ("scales", parameters));
        Assert.Equal(["", "blocks", "blocks.0", "blocks.1", "scales"], outer.NamedModules().Select(m => m.Name));
        int visited = 0;
        outer.Apply(_ => visited++);
        Assert.Equal(5, visited);
        Assert.Throws<KeyNotFoundException>(() => outer["missing"]);
    }

    [Fact]
    public void AFrozenLayerStaysBitIdenticalThroughTraining()
    {
        var frozen = new Linear(4, 3, generator: new Generator(8));
        var model = new Sequential(frozen, new ReLU(), new Linear(3, 2, generator: new Generator(9)));
        frozen.RequiresGrad(false);
        var before = frozen.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.Clone());
        var head = model[2].StateDict()["weight"].Clone();
        var optimizer = new Adam(model.Parameters().Where(p => p.RequiresGrad), lr: 0.1, weightDecay: 0.01);
        var x = Tensor.Randn([8, 4], DType.Float32, new Generator(10));
        var y = Tensor.From(new long[] { 0, 1, 0, 1, 1, 0, 1, 0 });
        for (int step = 0; step < 5; step++)
        {
            optimizer.ZeroGrad();
            Losses.CrossEntropy(model.Forward(x), y).Backward();
            optimizer.Step();
        }
        foreach (var (name, value) in frozen.StateDict())
            Assert.Equal(before[name].ToArray<float>(), value.ToArray<float>());
        Assert.Null(frozen.Weight.Grad);
        Assert.NotEqual(head.ToArray<float>(), model[2].StateDict()["weight"].ToArray<float>());
    }

    [Fact]
    public void EvalScopeRestoresEachModulesOwnMode()
    {
        var bn = new BatchNorm1d(2);
        var model = new Sequential(new Linear(2, 2), bn, new Dropout(0.5));
        bn.Eval();   // the user froze the statistics
        using (model.EvalScope())
            Assert.All(model.Modules(), m => Assert.False(m.IsTraining));
        Assert.True(model.IsTraining);
        Assert.False(bn.IsTraining);
        Assert.True(model[2].IsTraining);
    }

    [Fact]
    public void ToConvertsParametersAndBuffersInPlace()
    {
        var linear = new Linear(3, 2, generator: new Generator(11));
        var bn = new BatchNorm1d(2);
        var model = new Sequential(linear, bn);
        var weight = linear.Weight;
        var values = weight.ToArray<float>();
        var converted = model.To(DType.Float64);
        Assert.Same(model, converted);
        Assert.Same(weight, linear.Weight);   // same tensor object: references held elsewhere stay valid
        Assert.Equal(DType.Float64, weight.DType);
        Assert.Equal(values.Select(v => (double)v), weight.ToArray<double>());
        Assert.Equal(DType.Float64, bn.RunningMean!.DType);
        Assert.Equal(DType.Int64, bn.NumBatchesTracked!.DType);   // counters stay integers
        Assert.Equal(DType.Float64, model.Forward(Tensor.Ones([4, 3], DType.Float64)).DType);
        Assert.Throws<ArgumentException>(() => model.To(DType.Int64));
    }

    [Fact]
    public void TensorHooksSeeAndReplaceGradients()
    {
        var x = Tensor.From(new[] { 1.0, 2.0, 3.0 }).RequireGrad();
        var y = x * x;
        Tensor? seen = null;
        y.RegisterGradientObserver(g => seen = g.Clone());
        var doubling = y.RegisterHook(g => g * 2);
        y.Sum().Backward(retainGraph: true);
        Assert.Equal(new[] { 1.0, 1.0, 1.0 }, seen!.ToDoubleArray());          // dL/dy before the replacement
        Assert.Equal(new[] { 4.0, 8.0, 12.0 }, x.Grad!.ToDoubleArray());       // 2·2x: the doubled gradient flowed on
        doubling.Remove();
        x.Grad = null;
        y.Sum().Backward();
        Assert.Equal(new[] { 2.0, 4.0, 6.0 }, x.Grad!.ToDoubleArray());

        var leaf = Tensor.From(new[] { 1.0, -1.0 }).RequireGrad();
        leaf.RegisterHook(g => g.Clamp(0, 0.5));
        (leaf * 3).Sum().Backward();
        Assert.Equal(new[] { 0.5, 0.5 }, leaf.Grad!.ToDoubleArray());
        Assert.Throws<InvalidOperationException>(() => Tensor.Zeros([2]).RegisterHook(g => g));

        // A replacement may change values only: another shape or dtype is an error, not a silent change of Grad's type.
        var z = Tensor.From(new[] { 1.0, 2.0 }).RequireGrad();
        z.RegisterHook(g => g.To(DType.Float32));
        var error = Assert.Throws<InvalidOperationException>(() => (z * z).Sum().Backward());
        Assert.Contains("dtype float32", error.Message);
    }

    [Fact]
    public void TensorTreeListsTheTensorsOfNestedTuplesListsAndDictionaries()
    {
        var (a, b, c) = (Tensor.Zeros(1), Tensor.Zeros(2), Tensor.Zeros(3));
        object output = (a, new[] { b }, new Dictionary<string, Tensor> { ["c"] = c }, (Tensor?)null, 7);
        Assert.Equal([a, b, c], TensorTree.Flatten(output));
    }

    [Fact]
    public void AGradientHookOffThePathToGradsInputsDoesNotFire()
    {
        // Autograd.Grad w.r.t. x computes no gradient for the branch through z alone, so z's hook must not run.
        var x = Tensor.From(new[] { 1.0, 2.0 }).RequireGrad();
        var z = Tensor.From(new[] { 3.0, 4.0 }).RequireGrad();
        var offPath = z * 2;
        int fired = 0;
        offPath.RegisterGradientObserver(_ => fired++);
        var onPath = x * 3;
        int firedOnPath = 0;
        onPath.RegisterGradientObserver(_ => firedOnPath++);
        var grads = Autograd.Grad([(onPath + offPath).Sum()], [x]);
        Assert.Equal([3.0, 3.0], grads[0].ToDoubleArray());
        Assert.Equal(0, fired);
        Assert.Equal(1, firedOnPath);
    }
}
