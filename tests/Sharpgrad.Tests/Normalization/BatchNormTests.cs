using Sharpgrad.NN;
using Sharpgrad.Tests.Convolution;
using Sharpgrad.Tests.NN;

namespace Sharpgrad.Tests.Normalization;

/// <summary>Batch normalisation (GBC §8.7.1): training statistics, running estimates, modes, buffers and gradients.</summary>
public class BatchNormTests
{
    [Fact]
    public void TrainingModeGivesEachChannelMeanZeroAndVarianceOne()
    {
        var bn = new BatchNorm2d(3, dtype: DType.Float64);
        var x = Rand.Normal(1, 8, 3, 5, 5) * 4 + 7;
        var y = bn.Forward(x);
        int[] dims = [0, 2, 3];
        var mean = y.Mean(dims).ToArray<double>();
        var variance = y.Var(dims, unbiased: false).ToArray<double>();
        Approx.Equal([0, 0, 0], mean, 1e-12);
        // Var(x̂) = σ²/(σ² + ε), a hair under 1.
        var sigma2 = x.Var(dims, unbiased: false).ToArray<double>();
        Approx.Equal(sigma2.Select(s => s / (s + 1e-5)).ToArray(), variance, 1e-12);
        Approx.Equal([1, 1, 1], variance, 1e-5);
    }

    /// <summary>
    /// An input without gradient changed in place between forward and backward must not change the weight gradient.
    /// One channel holding 1, 2, 3, 6: μ = 3, σ = √(3.5 + ε), x̂ = (−2, −1, 0, 3)/σ; with g = (1, 2, 3, 4),
    /// ∂L/∂γ = Σ g·x̂ = (−2 − 2 + 0 + 12)/σ = 8/σ.
    /// </summary>
    [Fact]
    public void AnInputChangedInPlaceAfterForwardDoesNotChangeTheWeightGradient()
    {
        var bn = new BatchNorm1d(1, dtype: DType.Float64);
        var x = Tensor.From(new double[] { 1, 2, 3, 6 }).Reshape(4, 1);
        var y = bn.Forward(x);
        x.CopyFrom(x * 3 + 1);
        (y * Tensor.From(new double[] { 1, 2, 3, 4 }).Reshape(4, 1)).Sum().Backward();
        Approx.Equal([8 / Math.Sqrt(3.5 + 1e-5)], bn.Weight!.Grad!.ToArray<double>(), 1e-12);
    }

    [Fact]
    public void RunningVarianceUsesTheUnbiasedEstimateAndEvalUsesTheRunningStatistics()
    {
        // One channel holding 1, 2, 3, 6: μ = 3, biased σ² = (4 + 1 + 0 + 9)/4 = 3.5, unbiased 14/3.
        var bn = new BatchNorm1d(1, dtype: DType.Float64);
        var x = Tensor.From(new double[] { 1, 2, 3, 6 }).Reshape(4, 1);
        var train = bn.Forward(x).ToArray<double>();
        Approx.Equal(new[] { 1, 2, 3, 6 }.Select(v => (v - 3) / Math.Sqrt(3.5 + 1e-5)).ToArray(), train);
        // From (0, 1) with momentum 0.1: mean 0.9·0 + 0.1·3, variance 0.9·1 + 0.1·14/3.
        Approx.Equal([0.3], bn.RunningMean!.ToArray<double>());
        Approx.Equal([0.9 + 0.1 * 14 / 3.0], bn.RunningVar!.ToArray<double>());

        bn.Eval();
        var eval = bn.Forward(x).ToArray<double>();
        double sd = Math.Sqrt(0.9 + 0.1 * 14 / 3.0 + 1e-5);
        Approx.Equal(new[] { 1, 2, 3, 6 }.Select(v => (v - 0.3) / sd).ToArray(), eval);
        // Evaluation neither updates the statistics nor counts the batch, and one example alone is fine.
        Approx.Equal([0.3], bn.RunningMean.ToArray<double>());
        Assert.Equal(1L, bn.NumBatchesTracked!.Item<long>());
        Assert.Equal([1, 1], bn.Forward(Tensor.Ones([1, 1], DType.Float64)).Shape);
    }

    [Fact]
    public void NullMomentumAveragesAllBatchesSoFar()
    {
        var bn = new BatchNorm1d(1, momentum: null, dtype: DType.Float64);
        bn.Forward(Tensor.From(new double[] { 1, 3 }).Reshape(2, 1));     // mean 2, unbiased variance 2
        bn.Forward(Tensor.From(new double[] { 5, 9 }).Reshape(2, 1));     // mean 7, unbiased variance 8
        bn.Forward(Tensor.From(new double[] { 0, 0 }).Reshape(2, 1));     // mean 0, unbiased variance 0
        Assert.Equal(3L, bn.NumBatchesTracked!.Item<long>());
        Approx.Equal([3], bn.RunningMean!.ToArray<double>());
        Approx.Equal([10 / 3.0], bn.RunningVar!.ToArray<double>());
    }

    [Fact]
    public void ParametersAndBuffersHavePyTorchNames()
    {
        var bn = new BatchNorm2d(4);
        Assert.Equal(["weight", "bias", "running_mean", "running_var", "num_batches_tracked"], bn.StateDict().Keys);
        Assert.Equal(2, bn.Parameters().Count());
        Assert.Equal(DType.Int64, bn.NumBatchesTracked!.DType);
        Assert.Equal(0, bn.NumBatchesTracked.Rank);
        Assert.Equal(new float[] { 1, 1, 1, 1 }, bn.Weight!.ToArray<float>());
        Assert.Equal(new float[] { 1, 1, 1, 1 }, bn.RunningVar!.ToArray<float>());
        Assert.Empty(new BatchNorm2d(4, affine: false, trackRunningStats: false).StateDict());
        Assert.Equal("BatchNorm2d(4, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)", bn.ToString());
    }

    [Fact]
    public void WithoutRunningStatisticsEvaluationUsesTheBatch()
    {
        var bn = new BatchNorm1d(2, trackRunningStats: false, dtype: DType.Float64);
        bn.Eval();
        var y = bn.Forward(Rand.Normal(2, 6, 2) * 3 + 1);
        Approx.Equal([0, 0], y.Mean(0).ToArray<double>(), 1e-12);
    }

    [Fact]
    public void GradientsInTrainingAndEvaluation()
    {
        var bn = new BatchNorm2d(2, dtype: DType.Float64);
        using (Autograd.NoGrad())
        {
            bn.Weight!.CopyFrom(Tensor.From(new double[] { 1.5, -0.5 }));
            bn.Bias!.CopyFrom(Tensor.From(new double[] { 0.2, 0.1 }));
        }
        var x = Rand.Normal(3, 3, 2, 2, 3);
        ModuleGradCheck.Assert(bn, x);
        ModuleGradCheck.Assert(new BatchNorm1d(3, affine: false, dtype: DType.Float64), Rand.Normal(4, 4, 3));
        ModuleGradCheck.Assert(new BatchNorm1d(2, dtype: DType.Float64), Rand.Normal(5, 3, 2, 4));
        ModuleGradCheck.Assert(new BatchNorm3d(2, momentum: null, dtype: DType.Float64), Rand.Normal(6, 2, 2, 2, 1, 2));
        bn.Eval();
        ModuleGradCheck.Assert(bn, x);
    }

    [Fact]
    public void BatchNormIsTwiceDifferentiable()
    {
        GradCheck.RunSecondOrder(t => Functional.BatchNorm(t[0], null, null, t[1], null, training: true),
            [Rand.Leaf(6, 3, 2, 2), Rand.Leaf(7, 2)]).ThrowIfFailed();
    }

    [Fact]
    public void BadInputsAreRejected()
    {
        Assert.Equal("BatchNorm: expected more than 1 value per channel when training, got input of shape [1, 3].",
            Assert.Throws<ArgumentException>(() => new BatchNorm1d(3).Forward(Tensor.Zeros(1, 3))).Message);
        Assert.Equal("BatchNorm2d: expected 3 channels (dim 1), got input of shape [2, 4, 5, 5].",
            Assert.Throws<ArgumentException>(() => new BatchNorm2d(3).Forward(Tensor.Zeros(2, 4, 5, 5))).Message);
        Assert.Equal("BatchNorm2d: expected a 4-D [N, C, H, W] input, got shape [2, 3].",
            Assert.Throws<ArgumentException>(() => new BatchNorm2d(3).Forward(Tensor.Zeros(2, 3))).Message);
        Assert.Equal("BatchNorm: input dtype float32 does not match parameter dtype float64; convert one with To().",
            Assert.Throws<ArgumentException>(() => new BatchNorm1d(2, dtype: DType.Float64).Forward(Tensor.Zeros(3, 2))).Message);
    }
}
