using Sharpgrad.Data;
using Sharpgrad.Generative;
using Sharpgrad.NN;

namespace Sharpgrad.Tests.Generative;

/// <summary>GBC Alg. 15.1: each learner sees the previous layers' output, and the result is their composition.</summary>
public class GreedyLayerwiseTests
{
    [Fact]
    public void EachLearnerFitsTheRepresentationOfTheLayersBelow()
    {
        var x = Tensor.Rand([10, 4], DType.Float64, new Generator(1));
        var seen = new List<Tensor>();
        Func<Tensor, Module<Tensor, Tensor>> Recording(int outputs, int seed) => data =>
        {
            seen.Add(data);
            return new Sequential(new Linear(data.Size(1), outputs, dtype: DType.Float64, generator: new Generator(seed)), new Tanh());
        };
        var stack = GreedyLayerwise.Pretrain(x, [Recording(3, 2), Recording(2, 3)]);
        Assert.Equal(2, stack.Count);
        Assert.Equal(x.ToArray<double>(), seen[0].ToArray<double>());
        Assert.Equal(stack[0].Forward(x).ToArray<double>(), seen[1].ToArray<double>());
        Assert.Equal([10, 2], stack.Forward(x).Shape.ToArray());
    }

    [Fact]
    public void StackedAutoencoderAndRbmLayersTrainOnTheDigits()
    {
        var x = Datasets.Digits().Inputs.Double().Narrow(0, 0, 300);
        var g = new Generator(4);
        var untrained = new Sequential(new Linear(64, 4, dtype: DType.Float64, generator: new Generator(4)), new Sigmoid());
        var stack = GreedyLayerwise.Pretrain(x, [GreedyLayerwise.Autoencoder(4, epochs: 30, lr: 1e-2, generator: g), GreedyLayerwise.Rbm(8, epochs: 5, generator: g)]);
        Assert.Equal([300, 8], stack.Forward(x).Shape.ToArray());
        // The learner starts from the same weights as `untrained` (same generator seed, drawn first) and trains them.
        var initial = ((Linear)untrained[0]).Weight;
        var trained = ((Linear)((Sequential)stack[0])[0]).Weight;
        Assert.True((trained - initial).Norm().Item() > 0.1 * initial.Norm().Item(), "the autoencoder layer did not train");
        // The RBM layer is its upward pass σ(c + Wv): probabilities (its training is tested in RbmTests and the rbm experiment).
        var features = stack.Forward(x);
        Assert.True(features.Min().Item() > 0 && features.Max().Item() < 1);
    }
}
