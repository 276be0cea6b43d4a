using Sharpgrad.Generative;
using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.Tests.Generative;

/// <summary>The energy-based losses of LeCun et al. (2006) / NYU ch19, by hand on two rows and on a toy problem.</summary>
public class EnergyLossTests
{
    // Row 0: correct answer 0 with energy 1, most offending wrong answer 0.5. Row 1: correct 1 with energy 0, Ē = 2.
    private static readonly Tensor Energies = Tensor.From(new double[,] { { 1, 3, 0.5 }, { 2, 0, 4 } });
    private static readonly Tensor Labels = Tensor.From(new long[] { 0, 1 });

    [Fact]
    public void LossesByHand()
    {
        Assert.Equal((1 + 0) / 2.0, EnergyLosses.Energy(Energies, Labels).Item(), 14);
        Assert.Equal((0.5 + 0) / 2.0, EnergyLosses.Perceptron(Energies, Labels).Item(), 14);
        Assert.Equal((1.5 + 0) / 2.0, EnergyLosses.Hinge(Energies, Labels, margin: 1).Item(), 14);
        Assert.Equal((Math.Log(1 + Math.Exp(0.5)) + Math.Log(1 + Math.Exp(-2))) / 2, EnergyLosses.Log(Energies, Labels).Item(), 14);
        double nll0 = 1 + Math.Log(Math.Exp(-1) + Math.Exp(-3) + Math.Exp(-0.5));
        double nll1 = 0 + Math.Log(Math.Exp(-2) + Math.Exp(0) + Math.Exp(-4));
        Assert.Equal((nll0 + nll1) / 2, EnergyLosses.NegativeLogLikelihood(Energies, Labels).Item(), 14);
    }

    [Fact]
    public void MarginAndLikelihoodLossesTrainAToyClassifier()
    {
        // Three Gaussian blobs in the plane; the energy of answer k is −(xW + b)ₖ.
        var g = new Generator(5);
        var centres = Tensor.From(new double[,] { { 3, 0 }, { -3, 0 }, { 0, 3 } });
        var labels = Tensor.From(Enumerable.Range(0, 60).Select(i => (long)(i % 3)).ToArray());
        var x = centres.IndexSelect(0, labels) + Tensor.Randn([60, 2], DType.Float64, g) * 0.5;
        foreach (var loss in new Func<Tensor, Tensor, Tensor>[] { (e, y) => EnergyLosses.Hinge(e, y), EnergyLosses.Log, (e, y) => EnergyLosses.NegativeLogLikelihood(e, y) })
        {
            var model = new Linear(2, 3, dtype: DType.Float64, generator: new Generator(6));
            var opt = new SGD(model.Parameters(), lr: 0.1);
            for (int step = 0; step < 100; step++)
            {
                var l = loss(-model.Forward(x), labels);
                opt.ZeroGrad();
                l.Backward();
                opt.Step();
            }
            var predicted = (-model.Forward(x)).ArgMin(1);
            Assert.Equal(labels.ToArray<long>(), predicted.ToArray<long>());
        }
    }

    [Fact]
    public void BadLabelsAreNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => EnergyLosses.Hinge(Energies, Tensor.From(new[] { 0.0, 1.0 })));
        Assert.Contains("Hinge", error.Message);
        Assert.Contains("float64", error.Message);
    }
}
