using Sharpgrad.NN;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN.Attention;

/// <summary>
/// The packed self-attention node (one node from the packed projection to the heads side by side, backward written out)
/// that MultiheadAttention runs for unmasked self-attention without weights. Its float64 first- and second-order
/// gradient checks and the backend conformance run through the op table ("MultiheadAttention self, packed node"); the
/// PyTorch fixtures of the encoder layers without masks run through it too (those of MultiheadAttention ask for the
/// weights, so they take the composed path). Here: it gives what the composed path gives, checked to have run as the
/// node, and odd shapes or head counts are an error.
/// </summary>
public class PackedSelfAttentionTests
{
    [Theory]
    [InlineData(false, true)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void TheNodeGivesTheComposedPathsOutputAndGradients(bool batchFirst, bool batched)
    {
        var attention = new MultiheadAttention(6, 3, batchFirst: batchFirst, dtype: DType.Float64, generator: new Generator(3));
        // 5 queries, batch 2, E 6 (head dim 2); odd sizes so no SIMD width divides them. Unbatched: [L, E].
        int[] shape = !batched ? [5, 6] : batchFirst ? [2, 5, 6] : [5, 2, 6];
        var x = Randn(4, shape);
        var upstream = Randn(5, shape);
        var (packed, packedGrads) = Run(attention, x, upstream, needWeights: false);
        // Else both runs could take the composed path and the comparison would prove nothing.
        Assert.Contains("PackedSelfAttention", NodeNames(packed));
        Assert.DoesNotContain("PackedSelfAttention", NodeNames(attention.Forward(x, x, x, new AttentionOptions { NeedWeights = true }).Output));
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

    /// <summary>The names of the nodes in the graph that produced <paramref name="output"/>.</summary>
    private static HashSet<string> NodeNames(Tensor output)
    {
        var names = new HashSet<string>();
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<Tensor>([output]);
        while (pending.TryPop(out var t))
        {
            if (!seen.Add(t) || t.GradFn is not { } node) continue;
            names.Add(node.Name);
            foreach (var input in node.Inputs) pending.Push(input);
        }
        return names;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void ANonPositiveHeadCountIsAnErrorNotADivisionByZero(int heads)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => PackedSelfAttention.Attend(Tensor.Zeros([2, 3, 12], DType.Float64), heads, 1.0));
        Assert.Contains("PackedSelfAttention", error.Message);
        Assert.Contains($"got {heads}", error.Message);
    }

    [Fact]
    public void AnInputThatIsNotThreeBlocksOfHeadsIsAnErrorNamingTheShape()
    {
        var error = Assert.Throws<ArgumentException>(() => PackedSelfAttention.Attend(Tensor.Zeros([2, 3, 10], DType.Float64), 2, 1.0));
        Assert.Contains("PackedSelfAttention", error.Message);
        Assert.Contains("[2, 3, 10]", error.Message);
    }
}
