using Sharpgrad.Data;
using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Regularization;
using Sharpgrad.Training;

namespace Sharpgrad.Tests.Regularization;

/// <summary>Penalties on activations: L1 sparsity (GBC §7.10) and the sparse autoencoder's KL to ρ (GBC §14.2.1).</summary>
public class ActivationPenaltyTests
{
    [Fact]
    public void L1ActivationPenaltyIsAlphaTimesThePerExampleL1NormAveraged()
    {
        var h = Tensor.From(new double[,] { { 1, -2, 0 }, { 0.5, 0, 3 } });
        // (|1| + |−2| + 0 + 0.5 + 0 + |3|) / 2 examples = 3.25
        Assert.Equal(0.1 * 3.25, new L1ActivationPenalty(0.1).Compute(h).Item(), 12);
    }

    [Fact]
    public void KLPenaltyMatchesTheBernoulliDivergenceAndVanishesAtRho()
    {
        var h = Tensor.From(new double[,] { { 0.1, 0.5 }, { 0.3, 0.7 } }); // unit means ρ̂ = (0.2, 0.6)
        const double rho = 0.2;
        static double Kl(double p, double q) => p * Math.Log(p / q) + (1 - p) * Math.Log((1 - p) / (1 - q));
        Assert.Equal(2 * (Kl(rho, 0.2) + Kl(rho, 0.6)), new KLSparsityPenalty(rho, beta: 2).Compute(h).Item(), 12);
        Assert.Equal(0, new KLSparsityPenalty(0.4).Compute(Tensor.Full([5, 3], 0.4, DType.Float64)).Item(), 12);

        var error = Assert.Throws<ArgumentException>(() => new KLSparsityPenalty(0.1).Compute(Tensor.From(new double[,] { { -1, 2 } })));
        Assert.Contains("Sigmoid", error.Message);
    }

    [Fact]
    public void ActivationPenaltiesPassGradCheck()
    {
        var h = Tensor.From(new double[,] { { 0.1, 0.5, 0.8 }, { 0.3, 0.7, 0.35 } }).RequireGrad();
        GradCheck.Assert(x => new KLSparsityPenalty(0.25, beta: 1.5).Compute(x[0]), h);
        GradCheck.Assert(x => new L1ActivationPenalty(0.7).Compute(x[0]), h);
    }

    [Fact]
    public void TheLayerIsAnIdentityThatReportsItsPenaltyOnlyWhileTraining()
    {
        var layer = new ActivityRegularization(new L1ActivationPenalty(1));
        var x = Tensor.From(new double[,] { { 1, -1 } });
        Assert.Same(x, layer.Forward(x));
        Assert.Equal(2, layer.AuxiliaryLoss!.Item());
        layer.Eval();
        layer.Forward(x);
        Assert.Null(layer.AuxiliaryLoss);
    }

    /// <summary>
    /// A sparse autoencoder (GBC §14.2.1): with the KL penalty towards ρ = 0.05 the hidden sigmoid units end up active
    /// about ρ of the time on average; without it they sit near the middle of their range.
    /// </summary>
    [Fact]
    public void TheTrainerAddsTheLayersPenaltyAndItMakesTheCodeSparse()
    {
        var g = new Generator(1);
        var x = Tensor.Rand([64, 6], DType.Float32, g);
        var data = new TensorDataset(x, x);

        double MeanActivation(bool sparse)
        {
            var gen = new Generator(2);
            var encoder = new Sequential(new Linear(6, 8, generator: gen), new Sigmoid());
            var model = new Sequential(encoder, new ActivityRegularization(new KLSparsityPenalty(0.05, beta: sparse ? 3 : 0)), new Linear(8, 6, generator: gen));
            new Trainer().Fit(model, (o, t) => Losses.MSE(o, t), new Adam(model.Parameters(), lr: 0.05), data, epochs: 20, batchSize: 16);
            using var _ = Autograd.NoGrad();
            return encoder.Forward(x).Mean().Item();
        }

        double sparse = MeanActivation(sparse: true), dense = MeanActivation(sparse: false);
        Assert.InRange(sparse, 0.0, 0.1);
        Assert.True(dense > 0.25, $"mean activation without the penalty {dense}");
    }
}
