using Sharpgrad.Optim;

namespace Sharpgrad.Tests.Optim;

/// <summary>Checkpointing: a state dict holds everything the next step reads, so resuming is bitwise exact.</summary>
public class StateDictTests
{
    // Every first-order configuration of the fixture (all eight optimisers, with momentum, Nesterov, amsgrad,
    // centered, weight decay, ...). The closure-based methods have their own test in LineSearchStateDictTests.
    public static TheoryData<string> Cases => new(FixtureProblem.Cases
        .Where(c => c.GetProperty("optimizer").GetString() != "LBFGS")
        .Select(c => c.GetProperty("name").GetString()!));

    [Theory]
    [MemberData(nameof(Cases))]
    public void ResumingFromAStateDictIsBitwiseIdentical(string name)
    {
        var fixtureCase = FixtureProblem.Case(name);

        var uninterrupted = new FixtureProblem();
        var uninterruptedOpt = uninterrupted.CreateOptimizer(fixtureCase);
        for (int k = 0; k < 10; k++) uninterrupted.Step(uninterruptedOpt);

        var first = new FixtureProblem();
        var firstOpt = first.CreateOptimizer(fixtureCase);
        for (int k = 0; k < 5; k++) first.Step(firstOpt);
        var saved = firstOpt.StateDict();

        // A fresh optimiser over copies of the parameters, built with different hyper-parameters (PyTorch's
        // defaults, lr = 0.777): loading must restore the saved ones too.
        var resumed = new FixtureProblem(first.W, first.B);
        var resumedOpt = TorchOptimizers.Create(fixtureCase.GetProperty("optimizer").GetString()!, """{"lr": 0.777}""", resumed.Parameters);
        resumedOpt.LoadStateDict(saved);
        for (int k = 0; k < 5; k++)
        {
            first.Step(firstOpt);
            resumed.Step(resumedOpt);
        }

        Assert.Equal(uninterrupted.W.ToArray<double>(), resumed.W.ToArray<double>());
        Assert.Equal(uninterrupted.B.ToArray<double>(), resumed.B.ToArray<double>());
        Assert.Equal(uninterrupted.W.ToArray<double>(), first.W.ToArray<double>());
        Assert.Equal(uninterrupted.B.ToArray<double>(), first.B.ToArray<double>());
        Assert.Equal(firstOpt.ParamGroups[0].Options, resumedOpt.ParamGroups[0].Options);
    }

    [Fact]
    public void KeysFollowPyTorchNamesAndHyperParametersAre0dFloat64()
    {
        var problem = new FixtureProblem();
        var opt = new Adam(problem.Parameters, lr: 0.01, amsgrad: true);
        problem.Step(opt);
        var dict = opt.StateDict();

        string[] expected =
        [
            "param_groups.0.params", "param_groups.0.lr", "param_groups.0.beta1", "param_groups.0.beta2",
            "param_groups.0.eps", "param_groups.0.weight_decay", "param_groups.0.amsgrad",
            "state.0.step", "state.0.exp_avg", "state.0.exp_avg_sq", "state.0.max_exp_avg_sq",
            "state.1.step", "state.1.exp_avg", "state.1.exp_avg_sq", "state.1.max_exp_avg_sq",
        ];
        Assert.Equal(expected.Order(), dict.Keys.Order());
        foreach (var option in new[] { "lr", "beta1", "beta2", "eps", "weight_decay", "amsgrad" })
        {
            var t = dict[$"param_groups.0.{option}"];
            Assert.Equal(0, t.Rank);
            Assert.Equal(DType.Float64, t.DType);
        }
        Assert.Equal(0.01, dict["param_groups.0.lr"].Item());
        Assert.Equal(1, dict["param_groups.0.amsgrad"].Item());
        Assert.Equal(new long[] { 0, 1 }, dict["param_groups.0.params"].ToArray<long>());
        Assert.Equal(1, dict["state.0.step"].Item());
        Assert.Equal([2, 3], dict["state.0.exp_avg"].Shape);
        Assert.Equal([2], dict["state.1.exp_avg_sq"].Shape);
    }

    [Fact]
    public void StateDictIsASnapshot()
    {
        var problem = new FixtureProblem();
        var opt = new SGD(problem.Parameters, lr: 0.1, momentum: 0.9);
        problem.Step(opt);
        var dict = opt.StateDict();
        var buffer = dict["state.0.momentum_buffer"].ToArray<double>();
        problem.Step(opt);
        opt.Lr = 0.5;
        Assert.Equal(buffer, dict["state.0.momentum_buffer"].ToArray<double>());
        Assert.Equal(0.1, dict["param_groups.0.lr"].Item());
    }

    [Fact]
    public void UnsteppedParametersHaveNoState()
    {
        var problem = new FixtureProblem();
        var opt = new SGD(problem.Parameters, lr: 0.1, momentum: 0.9);
        problem.Loss().Backward();
        problem.B.Grad = null; // b has no gradient: skipped, and gets no state
        var b = problem.B.ToArray<double>();
        opt.Step();
        Assert.Equal(b, problem.B.ToArray<double>());
        var keys = opt.StateDict().Keys;
        Assert.Contains("state.0.momentum_buffer", keys);
        Assert.DoesNotContain(keys, k => k.StartsWith("state.1.", StringComparison.Ordinal));
        Assert.Empty(opt.StateOf(problem.B));
    }

    [Fact]
    public void MultipleGroupsRoundTrip()
    {
        var a = Tensor.Ones([2], DType.Float64).RequireGrad();
        var b = Tensor.Ones([3], DType.Float64).RequireGrad();
        var opt = new SGD([a], lr: 0.1, momentum: 0.9);
        opt.AddParamGroup([b], new Dictionary<string, double> { ["lr"] = 0.01, ["weight_decay"] = 0.5 });
        a.Grad = Tensor.Ones([2], DType.Float64);
        b.Grad = Tensor.Ones([3], DType.Float64);
        opt.Step();
        var dict = opt.StateDict();
        Assert.Equal(new long[] { 1 }, dict["param_groups.1.params"].ToArray<long>());
        Assert.Equal(0.01, dict["param_groups.1.lr"].Item());
        Assert.Equal([3], dict["state.1.momentum_buffer"].Shape);

        var a2 = a.Detach().Clone().RequireGrad();
        var b2 = b.Detach().Clone().RequireGrad();
        var fresh = new SGD([a2], lr: 1, momentum: 0.9);
        fresh.AddParamGroup([b2]);
        fresh.LoadStateDict(dict);
        Assert.Equal(0.01, fresh.ParamGroups[1].Lr);
        Assert.Equal(0.5, fresh.ParamGroups[1]["weight_decay"]);
        Assert.Equal(0.1, fresh.Lr);
    }

    // Bad state dicts: each raises a message naming the optimiser and the key, and leaves the optimiser unchanged.

    private static (FixtureProblem Problem, Optimizer Opt, Dictionary<string, Tensor> Dict) SteppedAdam()
    {
        var problem = new FixtureProblem();
        var opt = new Adam(problem.Parameters, lr: 0.01);
        problem.Step(opt);
        return (problem, opt, opt.StateDict());
    }

    private static Optimizer FreshAdam() => new Adam(new FixtureProblem().Parameters, lr: 0.5);

    [Fact]
    public void MissingKeyIsNamed()
    {
        var (_, _, dict) = SteppedAdam();
        dict.Remove("state.0.exp_avg_sq");
        var opt = FreshAdam();
        var e = Assert.Throws<ArgumentException>(() => opt.LoadStateDict(dict));
        Assert.Contains("Adam.LoadStateDict", e.Message);
        Assert.Contains("missing key 'state.0.exp_avg_sq'", e.Message);
        AssertUnchanged(opt);
    }

    [Fact]
    public void MissingHyperParameterIsNamed()
    {
        var (_, _, dict) = SteppedAdam();
        dict.Remove("param_groups.0.beta2");
        var e = Assert.Throws<ArgumentException>(() => FreshAdam().LoadStateDict(dict));
        Assert.Contains("missing key 'param_groups.0.beta2'", e.Message);
    }

    [Fact]
    public void WrongShapeIsNamedWithBothShapes()
    {
        var (_, _, dict) = SteppedAdam();
        dict["state.0.exp_avg"] = Tensor.Zeros([3, 2], DType.Float64);
        var opt = FreshAdam();
        var e = Assert.Throws<ArgumentException>(() => opt.LoadStateDict(dict));
        Assert.Contains("'state.0.exp_avg' has shape [3, 2], expected [2, 3]", e.Message);
        AssertUnchanged(opt);
    }

    [Fact]
    public void HyperParameterMustBeOneValue()
    {
        var (_, _, dict) = SteppedAdam();
        dict["param_groups.0.lr"] = Tensor.Zeros([2], DType.Float64);
        var e = Assert.Throws<ArgumentException>(() => FreshAdam().LoadStateDict(dict));
        Assert.Contains("'param_groups.0.lr' must hold one value, got shape [2]", e.Message);
    }

    [Fact]
    public void UnexpectedKeyIsNamed()
    {
        var (_, _, dict) = SteppedAdam();
        dict["state.0.momentum_buffer"] = Tensor.Zeros([2, 3], DType.Float64);
        dict["state.7.exp_avg"] = Tensor.Zeros([2, 3], DType.Float64);
        var opt = FreshAdam();
        var e = Assert.Throws<ArgumentException>(() => opt.LoadStateDict(dict));
        Assert.Contains("unexpected key(s) 'state.0.momentum_buffer', 'state.7.exp_avg'", e.Message);
        AssertUnchanged(opt);
    }

    [Fact]
    public void InvalidSavedHyperParameterIsRejected()
    {
        var (_, _, dict) = SteppedAdam();
        dict["param_groups.0.beta1"] = Tensor.Scalar(1.5, DType.Float64);
        var e = Assert.Throws<ArgumentException>(() => FreshAdam().LoadStateDict(dict));
        Assert.Contains("Adam: invalid beta1 = 1.5", e.Message);
    }

    [Fact]
    public void ParameterGroupingMustMatch()
    {
        var (_, _, dict) = SteppedAdam();
        var w = Tensor.Zeros([2, 3], DType.Float64).RequireGrad();
        var b = Tensor.Zeros([2], DType.Float64).RequireGrad();
        var twoGroups = new Adam([w]);
        twoGroups.AddParamGroup([b]);
        var e = Assert.Throws<ArgumentException>(() => twoGroups.LoadStateDict(dict));
        Assert.Contains("the state dict has 1 parameter group(s), but the optimizer has 2", e.Message);

        var onlyW = new Adam([w]);
        e = Assert.Throws<ArgumentException>(() => onlyW.LoadStateDict(dict));
        Assert.Contains("'param_groups.0.params' lists 2 parameter(s)", e.Message);
        Assert.Contains("group 0 of the optimizer has 1", e.Message);
    }

    [Fact]
    public void AnotherOptimizersStateIsRejected()
    {
        var (_, _, dict) = SteppedAdam();
        var e = Assert.Throws<ArgumentException>(() => new SGD(new FixtureProblem().Parameters, lr: 0.1).LoadStateDict(dict));
        Assert.Contains("SGD.LoadStateDict: missing key 'param_groups.0.momentum'", e.Message);
    }

    private static void AssertUnchanged(Optimizer opt)
    {
        Assert.Equal(0.5, opt.Lr);
        Assert.DoesNotContain(opt.StateDict().Keys, k => k.StartsWith("state.", StringComparison.Ordinal));
    }
}
