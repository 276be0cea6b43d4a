using Sharpgrad.Data;
using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Regularization;
using Sharpgrad.Tests.Training;

namespace Sharpgrad.Tests.Regularization;

/// <summary>Bagging and model averaging (GBC §7.11) and Monte Carlo dropout (GBC §7.12).</summary>
public class EnsembleTests
{
    /// <summary>
    /// An example is missing from a bootstrap sample with probability a = (1 − 1/n)ⁿ → 1/e, so the distinct fraction
    /// is 1 − a ≈ 63.2%. The missing count M has variance n·a(1 − a) + n(n − 1)(b − a²) with b = (1 − 2/n)ⁿ, the
    /// probability that two given examples are both missing; the observed fraction must lie within 4 standard errors.
    /// </summary>
    [Fact]
    public void ABootstrapSampleHoldsAboutOneMinusOneOverEOfTheExamples()
    {
        const int n = 2000;
        var data = new TensorDataset(Tensor.Arange(n).Unsqueeze(1), Tensor.Zeros(n));
        var sample = Bagging.BootstrapSample(data, new Generator(7));

        Assert.Equal(n, sample.Count);
        double distinct = sample.Indices.Distinct().Count() / (double)n;
        double a = Math.Pow(1 - 1.0 / n, n), b = Math.Pow(1 - 2.0 / n, n);
        double standardError = Math.Sqrt(n * a * (1 - a) + (double)n * (n - 1) * (b - a * a)) / n;
        Assert.InRange(distinct, 1 - a - 4 * standardError, 1 - a + 4 * standardError);
        Assert.Equal(1 - 1 / Math.E, 1 - a, 3);
    }

    [Fact]
    public void TheEnsembleAveragesItsMembersTransformedOutputs()
    {
        var members = new Module<Tensor, Tensor>[] { new Linear(3, 4, generator: new Generator(1)), new Linear(3, 4, generator: new Generator(2)) };
        var ensemble = new Ensemble(members, z => z.Softmax(-1));
        var x = Tensor.Randn([5, 3], DType.Float32, new Generator(3));

        var expected = (members[0].Forward(x).Softmax(-1) + members[1].Forward(x).Softmax(-1)) / 2;
        Assert.True(ensemble.Forward(x).AllClose(expected, 1e-6, 1e-7));
        Assert.Equal(["0.bias", "0.weight", "1.bias", "1.weight"], ensemble.StateDict().Keys.Order());
    }

    /// <summary>
    /// For squared error, averaging can only help (GBC §7.11): by convexity (Jensen), the ensemble's error is at most the
    /// members' mean error, with equality only if all members predict the same.
    /// </summary>
    [Fact]
    public void BaggedRegressorsAverageToNoMoreThanTheirMeanSquaredError()
    {
        var g = new Generator(1);
        var x = Tensor.Rand([60, 1], DType.Float32, g) * 4 - 2;
        var y = (x * 1.5).Sin() + Tensor.Randn([60, 1], DType.Float32, g) * 0.1;
        var data = new TensorDataset(x, y);
        static Tensor Mse(Tensor o, Tensor t) => Losses.MSE(o, t);

        var ensemble = Bagging.Train(4, i => new Sequential(new Linear(1, 8, generator: new Generator(10 + i)), new Tanh(), new Linear(8, 1, generator: new Generator(20 + i))),
            m => new Adam(m.Parameters(), lr: 0.05), Mse, data, epochs: 10, batchSize: 15, seed: 3);

        using var _ = Autograd.NoGrad();
        var memberErrors = ensemble.Members.Select(m => Mse(m.Forward(x), y).Item()).ToArray();
        double ensembleError = Mse(ensemble.Forward(x), y).Item();
        Assert.True(ensembleError <= memberErrors.Average(), $"ensemble {ensembleError} vs members {string.Join(", ", memberErrors)}");
        Assert.Equal(4, memberErrors.Distinct().Count()); // different bootstrap samples give different members
    }

    [Fact]
    public void McDropoutIsUncertainWithDropoutAndCertainWithout()
    {
        var x = Tensor.Randn([4, 5], DType.Float32, new Generator(1));
        Sequential Net(double p) => new(new Linear(5, 16, generator: new Generator(2)), new ReLU(), new Dropout(p, new Generator(3)), new Linear(16, 3, generator: new Generator(4)));

        var withDropout = Net(0.5);
        withDropout.Eval();
        var (_, spread) = McDropout.Predict(withDropout, x, samples: 20);
        Assert.True(spread.Min().Item() > 0, "every output should vary across dropout masks");
        Assert.False(withDropout.IsTraining); // modes restored
        Assert.False(withDropout[2].IsTraining);

        var (mean, none) = McDropout.Predict(Net(0), x, samples: 5);
        // Identical passes: the spread is zero up to the rounding of their float32 mean (a few ulps of the outputs).
        Assert.True(none.Max().Item() < 1e-6, $"spread without dropout {none.Max().Item()}");
        Assert.True(mean.AllClose(Net(0).Forward(x), 1e-6, 1e-7));
    }

    /// <summary>
    /// With a linear layer after the dropout layer, the network is linear in the dropped units, so the MC mean converges
    /// to the eval-mode output (GBC §7.12: the weight-scaling rule is exact for such models). Each output must be within
    /// 4 standard errors (the MC standard deviation / √T) of the eval-mode value.
    /// </summary>
    [Fact]
    public void McDropoutMeanMatchesTheWeightScalingRuleForAModelLinearAfterDropout()
    {
        var x = Tensor.Randn([3, 5], DType.Float64, new Generator(1));
        var model = new Sequential(new Dropout(0.3, new Generator(2)), new Linear(5, 2, dtype: DType.Float64, generator: new Generator(3)));
        const int samples = 1000;

        var (mean, spread) = McDropout.Predict(model, x, samples);
        model.Eval();
        var exact = model.Forward(x);
        var z = ((mean - exact).Abs() / (spread / Math.Sqrt(samples))).Max().Item();
        Assert.True(z < 4, $"the largest deviation is {z} standard errors");
    }
}
