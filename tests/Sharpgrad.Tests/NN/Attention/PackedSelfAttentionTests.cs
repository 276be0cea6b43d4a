using Sharpgrad.NN;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN.Attention;

/// <summary>
/// The packed self-attention node (one node from the packed projection to the heads side by side, backward written out)
/// that MultiheadAttention runs for unmasked self-attention without weights. Its float64 first- and second-order
/// gradient checks and the backend conformance run through the op table ("MultiheadAttention self, packed node"); the
/// PyTorch fixtures of MultiheadAttention and the encoder layers without masks run through it too. Here: it gives what
/// the composed path gives (the path still taken when weights are asked for), and odd shapes are an error.
/// </summary>
public class PackedSelfAttentionTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheNodeGivesTheComposedPathsOutputAndGradients(bool batchFirst)
    {
        var attention = new MultiheadAttention(6, 3, batchFirst: batchFirst, dtype: DType.Float64, generator: new Generator(3));
        // 5 queries, batch 2, E 6 (head dim 2); odd sizes so no SIMD width divides them.
        var x = Randn(4, batchFirst ? new[] { 2, 5, 6 } : new[] { 5, 2, 6 });
        var upstream = Randn(5, batchFirst ? new[] { 2, 5, 6 } : new[] { 5, 2, 6 });
        var (packed, packedGrads) = Run(attention, x, upstream, needWeights: false);
        var (composed, composedGrads) = Run(attention, x, upstream, needWeights: true);
        // The forward runs the same ops in the same order: the same bits.
        BitwiseEqual(composed, packed);
        for (int i = 0; i < packedGrads.Length; i++) Close(composedGrads[i], packedGrads[i], 1e-12);
    }

    private static (Tensor Output, Tensor[] Grads) Run(MultiheadAttention attention, Tensor x, Tensor upstream, bool needWeights)
    {
        var input = x.Detach().RequireGrad();
        var output = attention.Forward(input, input, input, new AttentionOptions { NeedWeights = needWeights }).Output;
        Tensor[] wrt = [input, attention.InProjWeight!, attention.InProjBias!, attention.OutProj.Weight];
        return (output, Autograd.Grad([output], wrt, [upstream]));
    }

    [Fact]
    public void AnInputThatIsNotThreeBlocksOfHeadsIsAnErrorNamingTheShape()
    {
        var error = Assert.Throws<ArgumentException>(() => PackedSelfAttention.Attend(Tensor.Zeros([2, 3, 10], DType.Float64), 2, 1.0));
        Assert.Contains("PackedSelfAttention", error.Message);
        Assert.Contains("[2, 3, 10]", error.Message);
    }
}
