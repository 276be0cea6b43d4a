using Sharpgrad.Optim;

namespace Sharpgrad.Tests.Optim;

/// <summary>Bad hyper-parameters and parameter lists fail early, with messages naming the optimiser and the option.</summary>
public class OptimizerValidationTests
{
    private static Tensor[] Params() => [Tensor.Zeros([2], DType.Float64).RequireGrad()];

    public static TheoryData<string> Names => new("SGD", "Adam", "AdamW", "Adagrad", "RMSprop", "Adadelta", "NAdam", "Adamax");

    [Theory]
    [MemberData(nameof(Names))]
    public void NegativeLearningRateIsRejected(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => TorchOptimizers.Create(name, """{"lr": -0.1}""", Params()));
        Assert.Equal($"{name}: invalid lr = -0.1; expected lr ≥ 0.", e.Message);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void NaNLearningRateIsRejected(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => TorchOptimizers.Create(name, """{"lr": 0.1}""", Params()).Lr = double.NaN);
        Assert.Contains($"{name}: invalid lr = NaN", e.Message);
    }

    [Fact]
    public void NesterovNeedsMomentum()
    {
        var e = Assert.Throws<ArgumentException>(() => new SGD(Params(), lr: 0.1, nesterov: true));
        Assert.Equal("SGD: nesterov = true requires momentum > 0 and dampening = 0, got momentum = 0 and dampening = 0.", e.Message);
    }

    [Fact]
    public void NesterovNeedsZeroDampening()
    {
        var e = Assert.Throws<ArgumentException>(() => new SGD(Params(), lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true));
        Assert.Contains("SGD: nesterov = true requires momentum > 0 and dampening = 0", e.Message);
    }

    [Fact]
    public void NegativeMomentumAndWeightDecayAreRejected()
    {
        Assert.Contains("SGD: invalid momentum = -0.5",
            Assert.Throws<ArgumentException>(() => new SGD(Params(), lr: 0.1, momentum: -0.5)).Message);
        Assert.Contains("RMSprop: invalid weight_decay = -1",
            Assert.Throws<ArgumentException>(() => new RMSprop(Params(), weightDecay: -1)).Message);
    }

    [Theory]
    [InlineData(1.0, 0.999, "beta1 = 1")]
    [InlineData(0.9, -0.1, "beta2 = -0.1")]
    public void AdamBetasMustBeInUnitInterval(double beta1, double beta2, string named)
    {
        var e = Assert.Throws<ArgumentException>(() => new Adam(Params(), beta1: beta1, beta2: beta2));
        Assert.Contains($"Adam: invalid {named}; expected", e.Message);
        Assert.Contains("in [0, 1)", e.Message);
    }

    [Fact]
    public void AdadeltaRhoMayBeOneButNotMore()
    {
        _ = new Adadelta(Params(), rho: 1);
        Assert.Contains("Adadelta: invalid rho = 1.5; expected rho to be in [0, 1]",
            Assert.Throws<ArgumentException>(() => new Adadelta(Params(), rho: 1.5)).Message);
    }

    [Fact]
    public void EmptyParameterListIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new Adam([]));
        Assert.Equal("Adam: got an empty parameter list.", e.Message);
    }

    [Fact]
    public void NonLeafParameterIsRejected()
    {
        var x = Tensor.Zeros([2], DType.Float64).RequireGrad();
        var e = Assert.Throws<ArgumentException>(() => new SGD([x * 2], lr: 0.1));
        Assert.Contains("SGD: can't optimise a non-leaf tensor (shape [2])", e.Message);
    }

    [Fact]
    public void IntegerParameterIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new SGD([Tensor.Zeros([3], DType.Int64)], lr: 0.1));
        Assert.Contains("SGD: can only optimise floating-point tensors, got a int64 tensor of shape [3]", e.Message);
    }

    [Fact]
    public void ParameterInTwoGroupsIsRejected()
    {
        var p = Params();
        var opt = new SGD(p, lr: 0.1);
        var e = Assert.Throws<ArgumentException>(() => opt.AddParamGroup(p));
        Assert.Contains("SGD: a parameter of shape [2] appears more than once", e.Message);
    }

    [Fact]
    public void UnknownGroupOptionIsRejected()
    {
        var opt = new Adam(Params());
        var e = Assert.Throws<ArgumentException>(() => opt.AddParamGroup(Params(), new Dictionary<string, double> { ["momentum"] = 0.9 }));
        Assert.Contains("Adam: unknown option 'momentum' in a parameter group; its options are lr, beta1, beta2, eps, weight_decay, amsgrad", e.Message);
        Assert.Throws<KeyNotFoundException>(() => opt.ParamGroups[0]["betas"]);
    }

    [Fact]
    public void InvalidGroupOptionIsRejectedAndNothingChanges()
    {
        var opt = new SGD(Params(), lr: 0.1, momentum: 0.9, nesterov: true);
        Assert.Throws<ArgumentException>(() => opt.ParamGroups[0]["dampening"] = 0.5);
        Assert.Equal(0, opt.ParamGroups[0]["dampening"]);
        Assert.Throws<ArgumentException>(() => opt.Lr = -1);
        Assert.Equal(0.1, opt.Lr);
        Assert.Throws<ArgumentException>(() => opt.AddParamGroup(Params(), new Dictionary<string, double> { ["momentum"] = 0 }));
        Assert.Single(opt.ParamGroups);
    }
}
