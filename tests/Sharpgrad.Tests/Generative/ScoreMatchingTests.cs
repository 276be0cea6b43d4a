using Sharpgrad.Generative;
using Sharpgrad.Optim;

namespace Sharpgrad.Tests.Generative;

/// <summary>Score matching (GBC §18.4) on Gaussians, where its minimiser has a closed form.</summary>
public class ScoreMatchingTests
{
    [Fact]
    public void ObjectiveMatchesTheHandComputedValueForA1DGaussian()
    {
        // log p̃ = −½p(x − μ)²: ∂/∂x = −p(x − μ), ∂²/∂x² = −p, so L(x) = −p + ½p²(x − μ)². With μ = 1, A = 2 (p = 4)
        // and x = 0, 1, 3: L = −4 + 8, −4, −4 + 32, mean 28/3.
        var model = new GaussianEnergyModel(1, DType.Float64);
        using (Autograd.NoGrad())
        {
            model.Mean.CopyFrom(Tensor.From(new[] { 1.0 }));
            model.PrecisionFactor.CopyFrom(Tensor.From(new double[,] { { 2 } }));
        }
        var loss = ScoreMatching.Loss(model.Forward, Tensor.From(new[] { 0.0, 1, 3 }).Reshape(3, 1));
        Assert.Equal(28.0 / 3, loss.Item(), 12);
    }

    [Fact]
    public void RecoversTheSampleMeanAndInverseCovarianceOfA2DGaussian()
    {
        // For a Gaussian model, J(μ, P) = E[−tr P + ½(x − μ)ᵀP²(x − μ)] is minimised at μ = x̄ and P = S⁻¹, S the
        // (biased) sample covariance (Hyvärinen 2005, §3): the same answer as maximum likelihood.
        const int n = 1000;
        var g = new Generator(51);
        var z = Tensor.Randn([n, 2], DType.Float64, g);
        var data = z.MatMul(Tensor.From(new double[,] { { 1.4, 0.4 }, { 0, 0.6 } })) + Tensor.From(new[] { 1.0, -2.0 });
        var x = data.ToArray<double>();
        double m0 = Enumerable.Range(0, n).Average(k => x[2 * k]), m1 = Enumerable.Range(0, n).Average(k => x[2 * k + 1]);
        double s00 = Enumerable.Range(0, n).Average(k => (x[2 * k] - m0) * (x[2 * k] - m0));
        double s11 = Enumerable.Range(0, n).Average(k => (x[2 * k + 1] - m1) * (x[2 * k + 1] - m1));
        double s01 = Enumerable.Range(0, n).Average(k => (x[2 * k] - m0) * (x[2 * k + 1] - m1));
        double det = s00 * s11 - s01 * s01;
        double[] inverse = [s11 / det, -s01 / det, -s01 / det, s00 / det];

        var model = new GaussianEnergyModel(2, DType.Float64);
        // J is a quartic in (μ, A) with its minimum at the closed form; L-BFGS with a strong Wolfe search gets there in a few dozen steps.
        var opt = new LBFGS(model.Parameters(), maxIter: 100, lineSearch: LineSearch.StrongWolfe);
        opt.Step(() =>
        {
            opt.ZeroGrad();
            var loss = ScoreMatching.Loss(model.Forward, data);
            loss.Backward();
            return loss;
        });
        Close.All([m0, m1], model.Mean.ToArray<double>(), 1e-3);
        Close.All(inverse, model.Precision.ToArray<double>(), 2e-3 * inverse.Max(Math.Abs));
    }

    [Fact]
    public void BadInputIsNamed()
    {
        var model = new GaussianEnergyModel(2, DType.Float64);
        var error = Assert.Throws<ArgumentException>(() => ScoreMatching.Loss(model.Forward, Tensor.Zeros([4], DType.Float64)));
        Assert.Contains("ScoreMatching", error.Message);
        Assert.Contains("[4]", error.Message);
    }
}
