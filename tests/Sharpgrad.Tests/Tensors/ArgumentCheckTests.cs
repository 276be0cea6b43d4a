using Sharpgrad.Kernels;
using Sharpgrad.Optim;

namespace Sharpgrad.Tests.Tensors;

/// <summary>Issue #11's library edge cases: each bad argument is an ArgumentException that names the op and the argument.</summary>
public class ArgumentCheckTests
{
    private static string Error(Action action) => Assert.Throws<ArgumentException>(action).Message;

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e19)]
    public void FullRejectsAnInt64ValueItCannotHold(double value)
        => Assert.StartsWith($"Full: the value {value} cannot be converted to int64", Error(() => Tensor.Full([2], value, DType.Int64)));

    [Fact]
    public void FullTruncatesFractionsTowardZeroAsPyTorch()
        => Assert.Equal([-2L, -2L], Tensor.Full([2], -2.7, DType.Int64).ToArray<long>());

    [Theory]
    [InlineData(0, double.NaN, 1)]
    [InlineData(0, double.PositiveInfinity, 1)]
    [InlineData(double.NegativeInfinity, 0, 1)]
    [InlineData(0, 1, double.NaN)]
    public void ArangeRejectsNonFiniteBounds(double start, double end, double step)
        => Assert.StartsWith("Arange: start, end and step must be finite numbers", Error(() => Tensor.Arange(start, end, step)));

    [Fact]
    public void ArangeRejectsMoreValuesThanATensorHolds()
        => Assert.Contains("gives 1000000000000 values, more than one tensor can hold", Error(() => Tensor.Arange(0, 1e12)));

    [Fact]
    public void RandPermRejectsANegativeCount()
        => Assert.Equal("RandPerm: n must be non-negative, got -1.", Error(() => Tensor.RandPerm(-1)));

    [Fact]
    public void EyeNamesItself()
    {
        Assert.Equal("Eye: n and m must be non-negative, got n = -1, m = -1.", Error(() => Tensor.Eye(-1)));
        Assert.Equal("Eye: n and m must be non-negative, got n = 2, m = -3.", Error(() => Tensor.Eye(2, -3)));
        Assert.Equal([0, 3], Tensor.Eye(0, 3).Shape);
    }

    public static TheoryData<string> Optimizers => new("SGD", "Adam", "AdamW", "Adagrad", "RMSprop", "Adadelta", "NAdam", "Adamax");

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void EveryOptimizerRejectsAnInfiniteLearningRate(string name)
    {
        Tensor[] parameters = [Tensor.Zeros([2], DType.Float64).RequireGrad()];
        var message = Error(() => Sharpgrad.Tests.Optim.TorchOptimizers.Create(name, """{"lr": 0.1}""", parameters).Lr = double.PositiveInfinity);
        Assert.StartsWith($"{name}: invalid lr = Infinity; expected lr to be a finite number", message);
    }

    [Fact]
    public void SgdRejectsInfiniteHyperParametersAtConstruction()
    {
        Tensor[] p = [Tensor.Zeros([2]).RequireGrad()];
        Assert.Contains("SGD: invalid lr = Infinity", Error(() => new SGD(p, lr: double.PositiveInfinity)));
        Assert.Contains("SGD: invalid momentum = -Infinity", Error(() => new SGD(p, lr: 0.1, momentum: double.NegativeInfinity)));
        Assert.Contains("SGD: invalid dampening = NaN", Error(() => new SGD(p, lr: 0.1, dampening: double.NaN)));
        Assert.Contains("SGD: invalid weight_decay = Infinity", Error(() => new SGD(p, lr: 0.1, weightDecay: double.PositiveInfinity)));
        Assert.Contains("Adam: invalid eps = NaN", Error(() => new Adam(p, eps: double.NaN)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("2.5")]
    public void BadThreadCountsAreRejectedNamingTheVariable(string text)
        => Assert.StartsWith($"SHARPGRAD_NUM_THREADS={text}: expected a positive whole number of threads", Error(() => Sharpgrad.Kernels.ThreadCount.Parse(text)));

    [Fact]
    public void AnUnsetThreadCountMeansEveryCore()
    {
        Assert.Equal(Environment.ProcessorCount, Sharpgrad.Kernels.ThreadCount.Parse(null));
        Assert.Equal(3, Sharpgrad.Kernels.ThreadCount.Parse(" 3 "));
    }

    [Fact]
    public void AnUnknownSimdPathIsRejectedNamingTheVariable()
        => Assert.StartsWith("SHARPGRAD_SIMD=avx9: unknown SIMD path", Error(() => SimdPaths.Parse("avx9")));

    [Fact]
    public void MeanSquaredErrorOfNaNIsNaNAsInPyTorch()
    {
        // Deliberately no per-step NaN scan (docs/design.md): the trainer's DivergenceDetector reports it instead.
        var input = Tensor.FromArray(new[] { float.NaN, 1f });
        var target = Tensor.FromArray(new[] { 0f, 1f });
        Assert.True(float.IsNaN(Sharpgrad.NN.Losses.MSE(input, target).Item<float>()));
        Assert.True(double.IsNaN(Sharpgrad.Classic.RegressionMetrics.MeanSquaredError(target, input)));
    }
}
