using Sharpgrad.Generative;
using Sharpgrad.NN;
using Sharpgrad.Regularization;

namespace Sharpgrad.Tests.Generative;

/// <summary>The autoencoders of GBC ch14: tied weights, k-sparse codes, corruption, the contractive penalty, the objective.</summary>
public class AutoencoderTests
{
    private static Linear SigmoidEncoderLayer(int seed, int inputs = 4, int code = 3)
        => new(inputs, code, dtype: DType.Float64, generator: new Generator(seed));

    [Fact]
    public void ContractivePenaltyByAutogradEqualsTheSigmoidClosedForm()
    {
        var layer = SigmoidEncoderLayer(1);
        var x = Tensor.Randn([5, 4], DType.Float64, new Generator(2)).RequireGrad();
        var h = layer.Forward(x).Sigmoid();
        var byAutograd = ContractivePenalty.JacobianNorm(h, x);
        var closedForm = ContractivePenalty.SigmoidLayer(h, layer.Weight);
        Assert.Equal(closedForm.Item(), byAutograd.Item(), 12);

        // and their gradients w.r.t. the weights agree too (the penalty is trained through)
        var gAutograd = Autograd.Grad([byAutograd], [layer.Weight], retainGraph: true)[0].ToArray<double>();
        var gClosed = Autograd.Grad([closedForm], [layer.Weight])[0].ToArray<double>();
        for (int i = 0; i < gClosed.Length; i++) Assert.Equal(gClosed[i], gAutograd[i], 10);
    }

    [Fact]
    public void ContractivePenaltyOfOneUnitByHand()
    {
        // h = σ(2x) at x = 0: h = ½, ∂h/∂x = h(1 − h)·2 = ½, so ‖J‖² = ¼.
        var x = Tensor.Zeros([1, 1], DType.Float64).RequireGrad();
        var h = (x * 2).Sigmoid();
        Assert.Equal(0.25, ContractivePenalty.JacobianNorm(h, x).Item(), 14);
        Assert.Equal(0.25, ContractivePenalty.SigmoidLayer(h.Detach(), Tensor.From(new double[,] { { 2 } })).Item(), 14);
    }

    [Fact]
    public void TiedDecoderUsesTheTransposedEncoderWeightAndOwnsOnlyItsBias()
    {
        var encoder = new Linear(3, 2, dtype: DType.Float64);
        using (Autograd.NoGrad())
            encoder.Weight.CopyFrom(Tensor.From(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }));
        var decoder = new TiedLinearDecoder(encoder);
        using (Autograd.NoGrad()) decoder.Bias!.CopyFrom(Tensor.From(new double[] { 0.5, 0, -1 }));
        var model = new Autoencoder(encoder, decoder);
        // r = h·W + b′ for h = (1, −1): (1 − 4, 2 − 5, 3 − 6) + (0.5, 0, −1)
        Assert.Equal([-2.5, -3, -4], decoder.Forward(Tensor.From(new double[,] { { 1, -1 } })).ToArray<double>());
        Assert.Equal(["encoder.weight", "encoder.bias", "decoder.bias"], model.NamedParameters().Select(p => p.Name));
        Assert.Equal(6 + 2 + 3, model.ParameterCount());
        var error = Assert.Throws<ArgumentException>(() => decoder.Forward(Tensor.Zeros([1, 3], DType.Float64)));
        Assert.Contains("[1, 3]", error.Message);
    }

    [Fact]
    public void KSparseKeepsTheKLargestActivationsAndTheirGradients()
    {
        var h = Tensor.From(new double[,] { { 1, 3, 2, -1 }, { 0.5, -2, 4, 0.1 } }).RequireGrad();
        var y = new KSparse(2).Forward(h);
        Assert.Equal([0, 3, 2, 0, 0.5, 0, 4, 0], y.ToArray<double>());
        y.Sum().Backward();
        Assert.Equal([0, 1, 1, 0, 1, 0, 1, 0], h.Grad!.ToArray<double>());
        Assert.Throws<ArgumentException>(() => new KSparse(5).Forward(h));
    }

    [Fact]
    public void MaskingNoiseZeroesAFractionPAndRescalesNothing()
    {
        var x = Tensor.Full([100, 100], 0.7, DType.Float64);
        var noisy = new MaskingNoise(0.3).Corrupt(x, new Generator(3)).ToArray<double>();
        Assert.All(noisy, v => Assert.True(v == 0 || v == 0.7));
        double zeroed = noisy.Count(v => v == 0) / 10000.0;
        Assert.InRange(zeroed, 0.3 - 0.02, 0.3 + 0.02); // sd √(0.21/10⁴) ≈ 0.0046
    }

    [Fact]
    public void GaussianCorruptionAddsNoiseOfTheGivenStandardDeviation()
    {
        var x = Tensor.Full([200, 100], 1.0, DType.Float64);
        var noise = new GaussianCorruption(0.5).Corrupt(x, new Generator(4)) - x;
        Assert.InRange(noise.Mean().Item(), -0.02, 0.02);
        Assert.InRange(noise.Std().Item(), 0.49, 0.51);
    }

    [Fact]
    public void ADecoderOfTheWrongShapeIsNamed()
    {
        var model = new Autoencoder(new Linear(6, 2), new Linear(2, 5));
        var error = Assert.Throws<ArgumentException>(() => model.Forward(Tensor.Zeros(3, 6)));
        Assert.Contains("Autoencoder", error.Message);
        Assert.Contains("[3, 5]", error.Message);
        Assert.Contains("[3, 6]", error.Message);
    }

    [Fact]
    public void ObjectiveAddsTheCodePenaltyAndTheContractiveTermToTheReconstructionLoss()
    {
        var layer = SigmoidEncoderLayer(5);
        var model = new Autoencoder(new Sequential(layer, new Sigmoid()), new TiedLinearDecoder(layer));
        var x = Tensor.Rand([4, 4], DType.Float64, new Generator(6));
        var objective = new AutoencoderObjective((r, t) => Losses.MSE(r, t))
        {
            CodePenalty = new L1ActivationPenalty(0.1),
            ContractiveWeight = 0.5,
        };
        var (loss, output) = objective.Compute(model, x, x);

        var h = layer.Forward(x).Sigmoid();
        var r = h.MatMul(layer.Weight) + ((TiedLinearDecoder)model.Decoder).Bias!;
        double expected = (r - x).Square().Mean().Item() + 0.1 * h.Abs().Sum().Item() / 4
                          + 0.5 * ContractivePenalty.SigmoidLayer(h, layer.Weight).Item();
        Assert.Equal(expected, loss.Item(), 12);
        Assert.Equal(r.ToArray<double>(), output.ToArray<double>());
    }

    [Fact]
    public void DenoisingObjectiveReconstructsTheCleanTargetFromTheCorruptedInput()
    {
        var model = new Autoencoder(new Identity(), new Identity());
        var x = Tensor.Ones([2, 50], DType.Float64);
        var objective = new AutoencoderObjective((r, t) => Losses.MSE(r, t)) { Corruption = new MaskingNoise(0.5), Generator = new Generator(7) };
        var (loss, output) = objective.Compute(model, x, x);
        // The identity reconstructs the corrupted input: the loss is the fraction of masked pixels.
        double masked = output.ToArray<double>().Count(v => v == 0) / 100.0;
        Assert.InRange(masked, 0.3, 0.7);
        Assert.Equal(masked, loss.Item(), 12);
    }
}
