using Sharpgrad.NN;

namespace Sharpgrad.Tests.NN;

public class ModuleTests
{
    // ---------------------------------------------------------------- parameter counts (BOOKS.md §3)

    [Fact]
    public void MlpParameterCountsFromTheBooks()
    {
        Assert.Equal(2410, Mlp(64, 32, 10).ParameterCount());
        Assert.Equal(235_146, Mlp(784, 256, 128, 10).ParameterCount());
        Assert.Equal(242_762, Mlp(784, 256, 128, 64, 10).ParameterCount());
    }

    private static Sequential Mlp(params int[] widths)
    {
        var model = new Sequential();
        for (int i = 0; i + 1 < widths.Length; i++)
        {
            if (i > 0) model.Add(new ReLU());
            model.Add(new Linear(widths[i], widths[i + 1]));
        }
        return model;
    }

    [Fact]
    public void SequentialGradCheckThroughAWholeMlp()
    {
        var g = new Generator(13);
        var model = new Sequential(
            new Linear(3, 4, dtype: DType.Float64, generator: g), new Tanh(),
            new Linear(4, 4, dtype: DType.Float64, generator: g), new Softplus(),
            new Linear(4, 2, dtype: DType.Float64, generator: g), new LogSoftmax());
        ModuleGradCheck.Assert(model, Tensor.Randn([5, 3], DType.Float64, g));
    }

    // ---------------------------------------------------------------- names

    [Fact]
    public void StateDictUsesPyTorchDottedNamesInOrder()
    {
        var model = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2));
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], model.StateDict().Keys);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], model.NamedParameters().Select(p => p.Name));
    }

    [Fact]
    public void NestedSequentialNamesHaveOneLevelPerModule()
    {
        var model = new Sequential(new Linear(3, 4), new Sequential(new Linear(4, 4), new Tanh(), new Linear(4, 2, bias: false)));
        Assert.Equal(["0.weight", "0.bias", "1.0.weight", "1.0.bias", "1.2.weight"], model.StateDict().Keys);
        Assert.Equal(["0", "1"], model.NamedChildren().Select(c => c.Name));
        Assert.Equal(["", "0", "1", "1.0", "1.1", "1.2"], model.NamedModules().Select(m => m.Name));
    }

    [Fact]
    public void NamedSequentialChildrenKeepTheirNamesAndRunInOrder()
    {
        // nn.Sequential(OrderedDict(conv0=..., relu0=..., norm5=...)), as torchvision's DenseNet features.
        var model = new Sequential().Add("fc0", new Linear(2, 3)).Add("relu0", new ReLU()).Add(new Linear(3, 1, bias: false));
        Assert.Equal(["fc0.weight", "fc0.bias", "2.weight"], model.StateDict().Keys);
        var x = Tensor.FromArray([1.0f, -2.0f], 1, 2);
        var expected = ((Linear)model[2]).Forward(((Linear)model[0]).Forward(x).Relu());
        Assert.Equal(expected.ToArray<float>(), model.Forward(x).ToArray<float>());
        var e = Assert.Throws<ArgumentException>(() => model.Add("fc0", new ReLU()));
        Assert.Contains("\"fc0\" was already added", e.Message);
    }

    [Fact]
    public void ParametersAreLeavesThatRequireGradAndStateDictValuesAreDetached()
    {
        var linear = new Linear(3, 2);
        Assert.All(linear.Parameters(), p => Assert.True(p.RequiresGrad && p.IsLeaf));
        Assert.Same(linear.Weight, linear.Parameters().First());
        Assert.All(linear.StateDict().Values, v => Assert.False(v.RequiresGrad));
    }

    [Fact]
    public void SharedParametersAreListedOnceButSavedUnderEveryName()
    {
        var shared = new Linear(3, 3);
        var model = new Sequential(shared, new ReLU(), shared);
        Assert.Equal(2, model.Parameters().Count());
        Assert.Equal(12, model.ParameterCount());
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], model.StateDict().Keys);
    }

    [Fact]
    public void BuffersAppearInStateDictButNotInParameters()
    {
        var module = new WithBuffer();
        Assert.Equal(["scale"], module.NamedParameters().Select(p => p.Name));
        Assert.Equal(["count"], module.NamedBuffers().Select(b => b.Name));
        Assert.Equal(["scale", "count"], module.StateDict().Keys);
    }

    private sealed class WithBuffer : Module<Tensor, Tensor>
    {
        public Tensor Scale { get; }
        public Tensor Count { get; }

        public WithBuffer()
        {
            Scale = RegisterParameter("scale", Tensor.Ones(2));
            Count = RegisterBuffer("count", Tensor.Zeros([1], DType.Int64));
        }

        protected override Tensor ForwardCore(Tensor input) => input * Scale;

        public void Register(string name) => RegisterParameter(name, Tensor.Ones(1));

        public void RegisterInt() => RegisterParameter("n", Tensor.Zeros([1], DType.Int64));
    }

    [Fact]
    public void BadRegistrationsAreRejectedWithTheirReason()
    {
        var module = new WithBuffer();
        Assert.Contains("no '.'", Assert.Throws<ArgumentException>(() => module.Register("a.b")).Message);
        Assert.Contains("already used", Assert.Throws<ArgumentException>(() => module.Register("count")).Message);
        Assert.Contains("int64", Assert.Throws<ArgumentException>(module.RegisterInt).Message);
    }

    // ---------------------------------------------------------------- loading

    [Fact]
    public void LoadStateDictCopiesValuesKeepsDtypeAndIdentity()
    {
        var source = new Sequential(new Linear(3, 2, dtype: DType.Float64, generator: new Generator(1)));
        var target = new Sequential(new Linear(3, 2, generator: new Generator(2)));
        var weight = ((Linear)target[0]).Weight;

        var result = target.LoadStateDict(source.StateDict());

        Assert.Empty(result.MissingKeys);
        Assert.Empty(result.UnexpectedKeys);
        Assert.Same(weight, ((Linear)target[0]).Weight);           // copied into, not replaced: optimisers keep working
        Assert.Equal(DType.Float32, weight.DType);
        Assert.True(weight.AllClose(((Linear)source[0]).Weight, rtol: 1e-6));
        Assert.True(weight.RequiresGrad && weight.IsLeaf);
    }

    [Fact]
    public void StrictLoadListsMissingAndUnexpectedKeys()
    {
        var model = new Sequential(new Linear(3, 2), new ReLU(), new Linear(2, 1));
        var state = model.StateDict();
        state.Remove("2.bias");
        state["3.weight"] = Tensor.Zeros(1, 2);
        var before = ((Linear)model[0]).Weight.Clone();
        state["0.weight"] = Tensor.Ones(2, 3);

        var error = Assert.Throws<ArgumentException>(() => model.LoadStateDict(state));

        Assert.Contains("Missing keys: 2.bias", error.Message);
        Assert.Contains("Unexpected keys: 3.weight", error.Message);
        Assert.True(((Linear)model[0]).Weight.AllClose(before));    // nothing copied when the load fails
    }

    [Fact]
    public void NonStrictLoadReturnsTheKeysItCouldNotMatch()
    {
        var model = new Sequential(new Linear(3, 2), new ReLU(), new Linear(2, 1));
        var state = model.StateDict();
        state.Remove("2.bias");
        state["extra"] = Tensor.Zeros(1);
        state["0.bias"] = Tensor.From(new double[] { 5, 6 });

        var result = model.LoadStateDict(state, strict: false);

        Assert.Equal(["2.bias"], result.MissingKeys);
        Assert.Equal(["extra"], result.UnexpectedKeys);
        Assert.Equal([5f, 6f], ((Linear)model[0]).Bias!.ToArray<float>());
    }

    [Fact]
    public void ShapeMismatchThrowsEvenWhenNotStrict()
    {
        var model = new Sequential(new Linear(3, 2));
        var state = new Dictionary<string, Tensor> { ["0.weight"] = Tensor.Zeros(3, 2) };
        var error = Assert.Throws<ArgumentException>(() => model.LoadStateDict(state, strict: false));
        Assert.Contains("0.weight: expected shape [2, 3], got [3, 2]", error.Message);
    }

    // ---------------------------------------------------------------- modes, gradients, printing

    [Fact]
    public void TrainAndEvalPropagateToEveryDescendant()
    {
        var model = new Sequential(new Linear(2, 2), new Sequential(new Dropout(), new ReLU()));
        Assert.All(model.Modules(), m => Assert.True(m.IsTraining));
        Assert.Same(model, model.Eval());
        Assert.All(model.Modules(), m => Assert.False(m.IsTraining));
        model.Train();
        Assert.All(model.Modules(), m => Assert.True(m.IsTraining));
        model.Train(false);
        Assert.False(((Sequential)model[1])[0].IsTraining);
    }

    [Fact]
    public void ZeroGradClearsEveryParameterGradient()
    {
        var model = new Sequential(new Linear(3, 2), new Tanh(), new Linear(2, 1));
        model.Forward(Tensor.Ones(4, 3)).Sum().Backward();
        Assert.All(model.Parameters(), p => Assert.NotNull(p.Grad));
        model.ZeroGrad();
        Assert.All(model.Parameters(), p => Assert.Null(p.Grad));
    }

    [Fact]
    public void ToStringPrintsThePyTorchTree()
    {
        var model = new Sequential(new Linear(64, 32), new ReLU(), new Sequential(new Dropout(0.2), new Linear(32, 10, bias: false)));
        Assert.Equal(
            "Sequential(\n  (0): Linear(in_features=64, out_features=32, bias=True)\n  (1): ReLU()\n" +
            "  (2): Sequential(\n    (0): Dropout(p=0.2)\n    (1): Linear(in_features=32, out_features=10, bias=False)\n  )\n)",
            model.ToString());
    }

    [Fact]
    public void SequentialIndexingAndCollectionInitialiser()
    {
        var last = new Linear(2, 1);
        var model = new Sequential { new Linear(2, 2), new ReLU(), last };
        Assert.Equal(3, model.Count);
        Assert.Same(last, model[^1]);
        Assert.IsType<ReLU>(model[1]);
        Assert.Contains("index 3 is out of range for 3 modules", Assert.Throws<ArgumentOutOfRangeException>(() => model[3]).Message);
    }
}
