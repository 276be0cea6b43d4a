using Sharpgrad.Generative;

namespace Sharpgrad.Tests.Generative;

/// <summary>
/// The RBMs with a copied layer that pretrain a DBM (Salakhutdinov &amp; Hinton 2009, §3.1), checked against their
/// definition: a plain RBM on the copied layers with the weights and biases repeated, whose copies hold the same state.
/// </summary>
public class DoubledWeightsPretrainingTests
{
    private const int V = 4, H = 3;

    private static BernoulliRbm Random(int visibleCopies, int hiddenCopies)
    {
        var g = new Generator(41);
        var rbm = new BernoulliRbm(V, H, DType.Float64, g, visibleCopies, hiddenCopies);
        using (Autograd.NoGrad())
        {
            rbm.Weight.CopyFrom(Tensor.Randn([H, V], DType.Float64, g));
            rbm.VisibleBias.CopyFrom(Tensor.Randn([V], DType.Float64, g));
            rbm.HiddenBias.CopyFrom(Tensor.Randn([H], DType.Float64, g));
        }
        return rbm;
    }

    private static BernoulliRbm Plain(Tensor weight, Tensor visibleBias, Tensor hiddenBias)
    {
        var rbm = new BernoulliRbm(weight.Size(1), weight.Size(0), DType.Float64);
        using (Autograd.NoGrad())
        {
            rbm.Weight.CopyFrom(weight);
            rbm.VisibleBias.CopyFrom(visibleBias);
            rbm.HiddenBias.CopyFrom(hiddenBias);
        }
        return rbm;
    }

    private static Tensor Twice(Tensor x, int dim) => Tensor.Cat([x, x], dim);

    [Fact]
    public void DoubledVisibleLayerIsAPlainRbmOnTwoTiedCopiesOfV()
    {
        var doubled = Random(visibleCopies: 2, hiddenCopies: 1);
        var plain = Plain(Twice(doubled.Weight, 1), Twice(doubled.VisibleBias, 0), doubled.HiddenBias);
        var v = ExactPartitionFunction.AllBinaryStates(V, DType.Float64);
        Close.All(plain.FreeEnergy(Twice(v, 1)).ToArray<double>(), doubled.FreeEnergy(v).ToArray<double>(), 1e-12);
        Close.All(plain.HiddenProbabilities(Twice(v, 1)).ToArray<double>(), doubled.HiddenProbabilities(v).ToArray<double>(), 1e-14);
        // Down the weights count once: p(v | h) is each copy's own conditional σ(b + Wᵀh).
        var h = ExactPartitionFunction.AllBinaryStates(H, DType.Float64);
        Close.All(plain.VisibleMean(h).Narrow(1, 0, V).ToArray<double>(), doubled.VisibleMean(h).ToArray<double>(), 1e-14);
    }

    [Fact]
    public void DoubledHiddenLayerIsAPlainRbmWithTwoTiedCopiesOfH()
    {
        var doubled = Random(visibleCopies: 1, hiddenCopies: 2);
        var plain = Plain(Twice(doubled.Weight, 0), doubled.VisibleBias, Twice(doubled.HiddenBias, 0));
        var v = ExactPartitionFunction.AllBinaryStates(V, DType.Float64);
        Close.All(plain.FreeEnergy(v).ToArray<double>(), doubled.FreeEnergy(v).ToArray<double>(), 1e-12);
        Close.All(plain.HiddenProbabilities(v).Narrow(1, 0, H).ToArray<double>(), doubled.HiddenProbabilities(v).ToArray<double>(), 1e-14);
        var h = ExactPartitionFunction.AllBinaryStates(H, DType.Float64);
        Close.All(plain.VisibleMean(Twice(h, 1)).ToArray<double>(), doubled.VisibleMean(h).ToArray<double>(), 1e-14);
    }

    [Fact]
    public void CopiedModelsRefuseExactMarginalsAndBadCounts()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Random(2, 1).HiddenLogMarginal(Tensor.Zeros([1, H], DType.Float64)));
        Assert.Contains("2 visible and 1 hidden copies", error.Message);
        Assert.Contains("visibleCopies", Assert.Throws<ArgumentOutOfRangeException>(() => new BernoulliRbm(V, H, visibleCopies: 0)).Message);
    }

    [Fact]
    public void SamplersThatReadThePlainEnergyRefuseACopiedModel()
    {
        var rbm = Random(1, 2);
        Assert.Contains("AnnealedImportanceSampling.LogZ", Assert.Throws<InvalidOperationException>(() =>
            AnnealedImportanceSampling.LogZ(rbm, runs: 4, betas: [0, 0.5, 1], new Generator(1))).Message);
        Assert.Contains("ParallelTempering.Sweep", Assert.Throws<InvalidOperationException>(() =>
            new ParallelTempering([1, 0.5], chainsPerTemperature: 2).Sweep(rbm, 1, new Generator(1))).Message);
    }

    [Fact]
    public void TheRecognitionLayerOfADoubledVisibleLayerComputesItsHiddenProbabilities()
    {
        var rbm = Random(2, 1);
        var v = Tensor.FromArray(new double[] { 1, 0, 1, 1, 0, 0, 1, 0 }, [2, V]);
        // σ(c + W·2v), computed from the parameters by hand.
        var expected = (v * 2).MatMul(rbm.Weight.Detach().Transpose(0, 1)).Add(rbm.HiddenBias.Detach()).Sigmoid();
        Assert.True(rbm.RecognitionLayer().Forward(v).Detach().AllClose(expected, rtol: 1e-12, atol: 1e-12));
    }

    [Fact]
    public void DoubledPretrainingComposesADoubledVisibleAndADoubledHiddenRbm()
    {
        // The same seeds, data and schedule replayed by hand: the bottom RBM with two visible copies on the data, the top
        // one with two hidden copies on the bottom's (doubled-input) hidden probabilities; the DBM holds their weights.
        var patterns = Tensor.From(new double[,] { { 1, 1, 0, 0 }, { 0, 0, 1, 1 } });
        var data = patterns.IndexSelect(0, Tensor.RandInt(0, 2, [100], generator: new Generator(12)));
        var dbm = DeepBoltzmannMachine.Pretrain(data, 3, 2, epochs: 5, generator: new Generator(5), doubledWeights: true);
        var g = new Generator(5);
        var bottom = GreedyLayerwise.TrainRbm(data, 3, epochs: 5, generator: g, visibleCopies: 2);
        Tensor features;
        using (Autograd.NoGrad()) features = bottom.HiddenProbabilities(data);
        var top = GreedyLayerwise.TrainRbm(features, 2, epochs: 5, generator: g, hiddenCopies: 2);
        Close.All(bottom.Weight.ToArray<double>(), dbm.Weight1.ToArray<double>(), 0);
        Close.All(top.Weight.ToArray<double>(), dbm.Weight2.ToArray<double>(), 0);
        Assert.Equal(2, bottom.VisibleCopies);
        Assert.Equal(2, top.HiddenCopies);
        var plain = DeepBoltzmannMachine.Pretrain(data, 3, 2, epochs: 5, generator: new Generator(5));
        Assert.NotEqual(plain.Weight1.ToArray<double>(), dbm.Weight1.ToArray<double>());
    }
}
