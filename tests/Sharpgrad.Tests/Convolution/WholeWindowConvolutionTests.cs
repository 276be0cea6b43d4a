using Sharpgrad.NN;
using Sharpgrad.Tests.NN;

namespace Sharpgrad.Tests.Convolution;

/// <summary>
/// The convolutions computed as one matrix product (a kernel covering the whole input; a transposed convolution of a
/// single position), against their definitions written out as broadcast sums, and their float64 gradients.
/// </summary>
public class WholeWindowConvolutionTests
{
    [Fact]
    public void AKernelAsLargeAsTheInputIsTheDefinitionsSum()
    {
        // y[n, o] = b[o] + Σ_{c,i,j} w[o, c, i, j]·x[n, c, i, j] (GBC eq. 9.6 with a single output position).
        var conv = new Conv2d(3, 4, (5, 2), dtype: DType.Float64, generator: new Generator(1));
        var x = Rand.Normal(2, 2, 3, 5, 2);
        var expected = (x.Unsqueeze(1) * conv.Weight.Unsqueeze(0)).Sum([2, 3, 4]) + conv.Bias!;
        var y = conv.Forward(x);
        Assert.Equal([2, 4, 1, 1], y.Shape.ToArray());
        Assert.True(y.Reshape(2, 4).AllClose(expected, 1e-12, 1e-12), $"{y} vs {expected}");
    }

    [Fact]
    public void ATransposedConvolutionOfOnePositionStampsTheKernel()
    {
        // y[n, o, i, j] = b[o] + Σ_c x[n, c]·w[c, o, i, j]: each channel of the latent scales its kernel (GBC §9.5).
        var convT = new ConvTranspose2d(3, 2, (4, 3), stride: 2, dtype: DType.Float64, generator: new Generator(2));
        var x = Rand.Normal(3, 2, 3, 1, 1);
        var expected = (x.Reshape(2, 3, 1, 1, 1) * convT.Weight.Unsqueeze(0)).Sum(1) + convT.Bias!.Reshape(2, 1, 1);
        var y = convT.Forward(x);
        Assert.Equal([2, 2, 4, 3], y.Shape.ToArray());
        Assert.True(y.AllClose(expected, 1e-12, 1e-12), $"{y} vs {expected}");
    }

    [Fact]
    public void BothPathsHaveFloat64Gradients()
    {
        ModuleGradCheck.Assert(new Conv2d(2, 3, 3, dtype: DType.Float64, generator: new Generator(3)), Rand.Normal(4, 2, 2, 3, 3));
        ModuleGradCheck.Assert(new ConvTranspose2d(2, 3, 3, dtype: DType.Float64, generator: new Generator(5)), Rand.Normal(6, 2, 2, 1, 1));
        ModuleGradCheck.Assert(new Conv1d(2, 3, 4, bias: false, dtype: DType.Float64, generator: new Generator(7)), Rand.Normal(8, 2, 2, 4));
    }

    [Fact]
    public void AnUnbatchedInputKeepsItsRank()
    {
        var conv = new Conv2d(2, 3, 3, dtype: DType.Float64, generator: new Generator(9));
        var x = Rand.Normal(10, 2, 3, 3);
        var y = conv.Forward(x);
        Assert.Equal([3, 1, 1], y.Shape.ToArray());
        Assert.True(y.AllClose(conv.Forward(x.Unsqueeze(0)).Squeeze(0), 0, 0));
    }
}
