using Sharpgrad.Optim;

namespace Sharpgrad.Tests.Optim;

public class ParamGroupTests
{
    [Fact]
    public void EachGroupUsesItsOwnOptions()
    {
        // Plain SGD: θ ← θ − ε(g + λθ). Group 0: ε = 0.1, λ = 0; group 1 (a "bias"): ε = 0.01, λ = 0.5.
        var w = Tensor.Ones([2], DType.Float64).RequireGrad();
        var b = Tensor.Ones([1], DType.Float64).RequireGrad();
        var opt = new SGD([w], lr: 0.1);
        opt.AddParamGroup([b], new Dictionary<string, double> { ["lr"] = 0.01, ["weight_decay"] = 0.5 });
        w.Grad = Tensor.Full([2], 2.0, DType.Float64);
        b.Grad = Tensor.Full([1], 2.0, DType.Float64);
        opt.Step();
        Assert.Equal(new[] { 1 - 0.1 * 2, 1 - 0.1 * 2 }, w.ToArray<double>());
        Assert.Equal(1 - 0.01 * (2 + 0.5 * 1), b.Item(), 15);
        Assert.Equal(0.1, opt.Lr);
        Assert.Equal(0, opt.ParamGroups[1]["momentum"]); // options left out come from the constructor
    }

    [Fact]
    public void LrSetsTheFirstGroupsLearningRate()
    {
        var x = Tensor.Zeros([1], DType.Float64).RequireGrad();
        var opt = new SGD([x], lr: 0.1);
        opt.Lr = 0.25;
        x.Grad = Tensor.Ones([1], DType.Float64);
        opt.Step();
        Assert.Equal(-0.25, x.Item());
        Assert.Equal(0.25, opt.ParamGroups[0].Lr);
    }

    [Fact]
    public void ZeroGradSetsGradientsToNull()
    {
        var problem = new FixtureProblem();
        var opt = new Adam(problem.Parameters);
        problem.Loss().Backward();
        Assert.NotNull(problem.W.Grad);
        opt.ZeroGrad();
        Assert.Null(problem.W.Grad);
        Assert.Null(problem.B.Grad);
    }

    [Fact]
    public void StepWithoutGradientsChangesNothing()
    {
        var problem = new FixtureProblem();
        var w = problem.W.ToArray<double>();
        var opt = new AdamW(problem.Parameters, weightDecay: 0.1);
        opt.Step();
        Assert.Equal(w, problem.W.ToArray<double>());
        Assert.Empty(opt.StateOf(problem.W));
    }

    [Fact]
    public void StepIsNotRecordedByAutograd()
    {
        var problem = new FixtureProblem();
        var opt = new SGD(problem.Parameters, lr: 0.1, momentum: 0.9);
        problem.Step(opt);
        Assert.True(problem.W.IsLeaf);
        Assert.True(problem.W.RequiresGrad);
        Assert.False(opt.StateOf(problem.W)["momentum_buffer"].RequiresGrad);
    }

    [Fact]
    public void Float32ParametersStayFloat32()
    {
        var x = Tensor.Ones([3]).RequireGrad();
        var opt = new Adam([x], lr: 0.1);
        x.Grad = Tensor.Ones([3]);
        opt.Step();
        Assert.Equal(DType.Float32, x.DType);
        Assert.Equal(DType.Float32, opt.StateOf(x)["exp_avg"].DType);
        Assert.Equal(0.9f, x.ToArray<float>()[0], 5);
    }

    [Fact]
    public void SwitchingOnStatefulOptionAfterFirstStepIsExplained()
    {
        var x = Tensor.Zeros([1], DType.Float64).RequireGrad();
        var opt = new Adam([x]);
        x.Grad = Tensor.Ones([1], DType.Float64);
        opt.Step();
        opt.ParamGroups[0]["amsgrad"] = 1;
        var e = Assert.Throws<KeyNotFoundException>(() => opt.Step());
        Assert.Contains("no entry 'max_exp_avg_sq'", e.Message);
        Assert.Contains("cannot be switched on afterwards", e.Message);
    }

    [Fact]
    public void ToStringListsGroupsLikePyTorch()
    {
        var opt = new SGD([Tensor.Zeros([1], DType.Float64).RequireGrad()], lr: 0.1, momentum: 0.9);
        Assert.Equal($"SGD ({Environment.NewLine}Parameter Group 0{Environment.NewLine}    lr: 0.1{Environment.NewLine}    momentum: 0.9{Environment.NewLine}" +
                     $"    dampening: 0{Environment.NewLine}    weight_decay: 0{Environment.NewLine}    nesterov: 0{Environment.NewLine})", opt.ToString());
    }

    [Fact]
    public void TypedOptionsReadAndWriteThePyTorchKeys()
    {
        var w = Tensor.Ones([2]).RequireGrad();
        var adam = new Adam([w], lr: 1e-3, beta1: 0.8, beta2: 0.95, weightDecay: 0.01);
        var group = adam.ParamGroups[0];
        Assert.Equal((0.8, 0.95), group.Betas);
        Assert.Equal(0.01, group.WeightDecay);
        group.Betas = (0.5, 0.9);
        group.Amsgrad = true;
        Assert.Equal(0.5, group["beta1"]);
        Assert.Equal(0.9, group["beta2"]);
        Assert.Equal(1, group["amsgrad"]);
        // A value the optimiser rejects leaves both betas as they were; an option it lacks names the ones it has.
        Assert.Throws<ArgumentException>(() => group.Betas = (0.7, 1.5));
        Assert.Equal((0.5, 0.9), group.Betas);
        var missing = Assert.Throws<KeyNotFoundException>(() => group.Momentum);
        Assert.Contains("beta1", missing.Message);

        var sgd = new SGD([w], lr: 0.1, momentum: 0.9);
        sgd.ParamGroups[0].Nesterov = true;
        Assert.True(sgd.ParamGroups[0].Nesterov);
        Assert.Throws<ArgumentException>(() => sgd.ParamGroups[0].Momentum = 0);   // Nesterov needs momentum > 0
        Assert.Equal(0.9, sgd.ParamGroups[0].Momentum);
    }
}
