using Sharpgrad.Generative;
using Sharpgrad.Optim;

namespace Sharpgrad.Tests.Generative;

/// <summary>PSD (GBC §14.8): inference against the closed form in one dimension, and the encoder learning to predict sparse codes.</summary>
public class PredictiveSparseDecompositionTests
{
    [Fact]
    public void InferenceMatchesTheClosedFormInOneDimension()
    {
        // With D = [1] the energy (x − h)² + λ|h| + γ(h − f)² is minimised by soft thresholding the weighted mean:
        // h* = shrink((x + γf)/(1 + γ), λ/(2(1 + γ))), f = tanh(0.5x + 0.1).
        const double lambda = 0.3, gamma = 0.5;
        var psd = new PredictiveSparseDecomposition(1, 1, lambda, gamma, DType.Float64);
        using (Autograd.NoGrad())
        {
            psd.Dictionary.CopyFrom(Tensor.Ones([1, 1], DType.Float64));
            psd.Encoder.Weight.CopyFrom(Tensor.Full([1, 1], 0.5, DType.Float64));
            psd.Encoder.Bias!.CopyFrom(Tensor.Full([1], 0.1, DType.Float64));
        }
        double[] xs = [-2, -0.4, -0.05, 0.1, 0.3, 1.7];
        var codes = psd.InferCodes(Tensor.From(xs).Reshape(xs.Length, 1), steps: 5).ToArray<double>();
        for (int k = 0; k < xs.Length; k++)
        {
            double f = Math.Tanh(0.5 * xs[k] + 0.1), mean = (xs[k] + gamma * f) / (1 + gamma), t = lambda / (2 * (1 + gamma));
            double expected = Math.Sign(mean) * Math.Max(Math.Abs(mean) - t, 0);
            Assert.Equal(expected, codes[k], 12);
        }
        Assert.Contains(0.0, codes); // the threshold bites somewhere, or the L1 term was not exercised
    }

    [Fact]
    public void TheEncoderLearnsToPredictTheOptimalSparseCode()
    {
        // Data from 8 random unit atoms in 6-D, two active per example with weights in ±[0.5, 1.5]. A tanh encoder cannot
        // reproduce soft thresholding exactly: the relative error falls from 1.06 to 0.41 (0.38 after 400 steps).
        var g = new Generator(31);
        var atoms = Tensor.Randn([6, 8], DType.Float64, g);
        atoms /= atoms.Square().Sum(0, keepdim: true).Sqrt();
        Tensor Data(int n)
        {
            var active = Tensor.Rand([n, 8], DType.Float64, g).ArgSort(1).Narrow(1, 0, 2);
            var weights = (Tensor.Rand([n, 2], DType.Float64, g) + 0.5) * (Tensor.Rand([n, 2], DType.Float64, g).Lt(0.5).Double() * 2 - 1);
            return Tensor.Zeros([n, 8], DType.Float64).Scatter(1, active, weights).MatMul(atoms.T);
        }
        var (train, test) = (Data(256), Data(128));
        var psd = new PredictiveSparseDecomposition(6, 8, sparsity: 0.1, predictionWeight: 1, DType.Float64, new Generator(32));
        double PredictionError()
        {
            var optimal = psd.SparseCodes(test, steps: 300);
            return (psd.Encode(test) - optimal).Norm().Item() / optimal.Norm().Item();
        }
        double before = PredictionError();
        var opt = new Adam(psd.Parameters(), lr: 0.02);
        for (int step = 0; step < 250; step++)
        {
            var loss = psd.Loss(train, inferenceSteps: 10);
            opt.ZeroGrad();
            loss.Backward();
            opt.Step();
            psd.NormaliseDictionary();
        }
        double after = PredictionError();
        Assert.True(after < 0.45 && after < 0.5 * before, $"relative prediction error {before:F3} before training, {after:F3} after");
    }

    [Fact]
    public void BadShapesAreNamed()
    {
        var psd = new PredictiveSparseDecomposition(6, 8, sparsity: 0.1);
        var error = Assert.Throws<ArgumentException>(() => psd.Energy(Tensor.Zeros([3, 6]), Tensor.Zeros([3, 7])));
        Assert.Contains("PredictiveSparseDecomposition", error.Message);
        Assert.Contains("[3, 7]", error.Message);
        Assert.Throws<ArgumentException>(() => psd.Encode(Tensor.Zeros([3, 5])));
    }
}
