using Sharpgrad.NN;
using Sharpgrad.Tests.Convolution;
using Sharpgrad.Tests.Support;

namespace Sharpgrad.Tests.Normalization;

/// <summary>
/// The batch-norm kernels against a plain per-channel reference written here (double precision, the textbook
/// formulas): training and evaluation, outputs, running statistics and the gradients of input, γ and β, on [N, C]
/// (vectorised across channels) and [N, C, spatial...] (vectorised along each run), odd sizes, float32 and float64,
/// strided inputs, and the same bits on one or two threads.
/// </summary>
public class BatchNormKernelTests
{
    public static TheoryData<int[]> Shapes() =>
    [
        [7, 3],
        [65, 129],
        [17, 5, 33],
        [1, 3, 65],
        [3, 7, 17, 9],
        [2, 3, 5, 7, 1],
        [2, 1, 1, 17],
    ];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TrainingMatchesTheReference(int[] shape)
    {
        foreach (var dtype in new[] { DType.Float64, DType.Float32 })
        {
            double tolerance = dtype == DType.Float64 ? 1e-10 : 2e-4;
            int channels = shape[1];
            var x = (Rand.Normal(1, shape) * 3 + 2).To(dtype).RequireGrad();
            var weight = Rand.Normal(2, channels).To(dtype).RequireGrad();
            var bias = Rand.Normal(3, channels).To(dtype).RequireGrad();
            var runningMean = Rand.Normal(4, channels).To(dtype);
            var runningVar = (Rand.Normal(5, channels).Abs() + 0.5).To(dtype);
            var g = Rand.Normal(6, shape).To(dtype);
            var expected = Reference(Values(x), shape, Values(weight), Values(bias), Values(runningMean), Values(runningVar), Values(g), training: true);

            var y = Functional.BatchNorm(x, runningMean, runningVar, weight, bias, training: true, momentum: 0.3, eps: 1e-3);
            y.Backward(g);
            Close(expected.Output, Values(y), tolerance);
            Close(expected.RunningMean, Values(runningMean), tolerance);
            Close(expected.RunningVar, Values(runningVar), tolerance);
            Close(expected.InputGrad, Values(x.Grad!), tolerance);
            Close(expected.WeightGrad, Values(weight.Grad!), tolerance * Math.Sqrt(shape.Aggregate(1, (a, b) => a * b)));
            Close(expected.BiasGrad, Values(bias.Grad!), tolerance * Math.Sqrt(shape.Aggregate(1, (a, b) => a * b)));
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EvaluationMatchesTheReference(int[] shape)
    {
        foreach (var dtype in new[] { DType.Float64, DType.Float32 })
        {
            double tolerance = dtype == DType.Float64 ? 1e-12 : 1e-5;
            int channels = shape[1];
            var x = Rand.Normal(7, shape).To(dtype).RequireGrad();
            var weight = Rand.Normal(8, channels).To(dtype).RequireGrad();
            var runningMean = Rand.Normal(9, channels).To(dtype);
            var runningVar = (Rand.Normal(10, channels).Abs() + 0.5).To(dtype);
            var g = Rand.Normal(11, shape).To(dtype);
            var expected = Reference(Values(x), shape, Values(weight), new double[channels], Values(runningMean), Values(runningVar), Values(g), training: false);

            var y = Functional.BatchNorm(x, runningMean, runningVar, weight, bias: null, training: false, eps: 1e-3);
            y.Backward(g);
            Close(expected.Output, Values(y), tolerance);
            Close(expected.RunningMean, Values(runningMean), 0);
            Close(expected.InputGrad, Values(x.Grad!), tolerance);
            Close(expected.WeightGrad, Values(weight.Grad!), tolerance * Math.Sqrt(shape.Aggregate(1, (a, b) => a * b)));
        }
    }

    [Fact]
    public void WithoutRunningStatisticsEvaluationUsesTheBatch()
    {
        var x = Rand.Leaf(12, 5, 3, 4);
        var g = Rand.Normal(13, 5, 3, 4);
        Functional.BatchNorm(x, null, null, training: false, eps: 1e-3).Backward(g);
        var ones = Enumerable.Repeat(1.0, 3).ToArray();
        var expected = Reference(Values(x), [5, 3, 4], ones, new double[3], new double[3], ones, Values(g), training: true);
        Close(expected.InputGrad, Values(x.Grad!), 1e-12);
    }

    [Fact]
    public void StridedInputsNormaliseAsTheirValues()
    {
        var x = Rand.Normal(14, 9, 6, 5).Transpose(0, 2);   // [5, 6, 9], not contiguous
        var y = Functional.BatchNorm(x, null, null, training: true);
        Assert.Equal(Values(Functional.BatchNorm(x.Contiguous(copy: true), null, null, training: true)), Values(y));
    }

    [Fact]
    public void OneAndTwoThreadsGiveTheSameBits()
    {
        // [520, 129] splits into two blocks of channels; [8, 7, 33, 65] into three.
        var (one, two) = ThreadCounts.OneAndTwo(() =>
        {
            var results = new List<double[]>();
            foreach (var (shape, seed) in new[] { (new[] { 520, 129 }, 15), (new[] { 8, 7, 33, 65 }, 16) })
            {
                var x = Rand.Leaf(seed, shape);
                var weight = Rand.Leaf(seed + 1, shape[1]);
                var runningMean = Tensor.Zeros([shape[1]], DType.Float64);
                var runningVar = Tensor.Ones([shape[1]], DType.Float64);
                var y = Functional.BatchNorm(x, runningMean, runningVar, weight, training: true);
                (y * Rand.Normal(seed + 2, shape)).Sum().Backward();
                results.AddRange([Values(y), Values(runningMean), Values(runningVar), Values(x.Grad!), Values(weight.Grad!)]);
            }
            return results;
        });
        for (int i = 0; i < one.Count; i++)
            Assert.Equal(one[i].Select(BitConverter.DoubleToInt64Bits), two[i].Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void TheRecordedBackwardMatchesTheKernels()
    {
        // createGraph switches the backward to tensor ops; both must give the same gradients.
        foreach (bool training in new[] { true, false })
        {
            var x = Rand.Leaf(17, 6, 3, 5);
            var weight = Rand.Leaf(18, 3);
            var bias = Rand.Leaf(19, 3);
            var runningMean = Rand.Normal(20, 3);
            var runningVar = Rand.Normal(21, 3).Abs() + 0.5;
            Tensor Objective() => (Functional.BatchNorm(x, runningMean.Clone(), runningVar.Clone(), weight, bias, training) * Rand.Normal(22, 6, 3, 5)).Sum();
            var plain = Autograd.Grad([Objective()], [x, weight, bias]);
            var recorded = Autograd.Grad([Objective()], [x, weight, bias], createGraph: true);
            for (int i = 0; i < 3; i++) Close(Values(plain[i]), Values(recorded[i]), 1e-12);
        }
    }

    // ------------------------------------------------------------------ the reference

    private sealed record Expected(double[] Output, double[] RunningMean, double[] RunningVar, double[] InputGrad, double[] WeightGrad, double[] BiasGrad);

    /// <summary>
    /// Batch norm of [N, C, S] channel by channel, momentum 0.3 and ε = 10⁻³: in training the batch mean and biased
    /// variance, the running variance updated with the unbiased one, and ∂L/∂x = γ/σ·(g − mean(g) − x̂·mean(g·x̂));
    /// in evaluation the running statistics and ∂L/∂x = γ/σ·g.
    /// </summary>
    private static Expected Reference(double[] x, int[] shape, double[] weight, double[] bias, double[] runningMean, double[] runningVar, double[] g, bool training)
    {
        const double momentum = 0.3, eps = 1e-3;
        int n = shape[0], channels = shape[1], spatial = shape[2..].Aggregate(1, (a, b) => a * b), m = n * spatial;
        var y = new double[x.Length];
        var dx = new double[x.Length];
        double[] dWeight = new double[channels], dBias = new double[channels];
        double[] newMean = (double[])runningMean.Clone(), newVar = (double[])runningVar.Clone();
        for (int c = 0; c < channels; c++)
        {
            var at = Enumerable.Range(0, n).SelectMany(i => Enumerable.Range((i * channels + c) * spatial, spatial)).ToArray();
            double mean = runningMean[c], variance = runningVar[c];
            if (training)
            {
                mean = at.Sum(i => x[i]) / m;
                variance = at.Sum(i => (x[i] - mean) * (x[i] - mean)) / m;
                newMean[c] = (1 - momentum) * runningMean[c] + momentum * mean;
                newVar[c] = (1 - momentum) * runningVar[c] + momentum * variance * m / (m - 1);
            }
            double sigma = Math.Sqrt(variance + eps);
            foreach (int i in at) y[i] = (x[i] - mean) / sigma * weight[c] + bias[c];
            dBias[c] = at.Sum(i => g[i]);
            dWeight[c] = at.Sum(i => g[i] * (x[i] - mean) / sigma);
            double meanG = dBias[c] / m, meanGXhat = dWeight[c] / m;
            foreach (int i in at)
                dx[i] = training
                    ? weight[c] / sigma * (g[i] - meanG - (x[i] - mean) / sigma * meanGXhat)
                    : weight[c] / sigma * g[i];
        }
        return new Expected(y, newMean, newVar, dx, dWeight, dBias);
    }

    private static void Close(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]:R}, got {actual[i]:R}");
    }

    private static double[] Values(Tensor t) => t.Detach().Double().ToArray<double>();
}
