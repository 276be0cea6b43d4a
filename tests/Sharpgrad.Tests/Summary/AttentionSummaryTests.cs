using Sharpgrad.NN;

namespace Sharpgrad.Tests.Summary;

/// <summary>
/// Summary's parameter and FLOP counts for multihead attention and the transformer layers, against sums worked out by
/// hand from ModelSummary's conventions (a multiply-add 2, a bias element 1, scale and softmax 1 per logit, an
/// activation or a residual sum 1 per element).
/// </summary>
public sealed class AttentionSummaryTests
{
    /// <summary>
    /// Self-attention, E = 4, 2 heads, L = S = 3, N = 2. Projections: 3 · 2·N·L·E² = 3·192 = 576, biases N·L·E + 2·N·S·E
    /// = 24 + 48; scores QKᵀ 2·N·L·S·E = 144, scale and softmax 2·N·H·L·S = 72, weighted values 144; output projection
    /// 192 + bias 24. Total 648 + 360 + 216 = 1224. Parameters: in_proj 48 + 12, out_proj 16 + 4 = 80.
    /// </summary>
    [Fact]
    public void SelfAttentionCountsItsProjectionsAndAttentionProducts()
    {
        var mha = new MultiheadAttention(4, 2);
        var x = Tensor.Zeros(3, 2, 4);
        var summary = mha.Summary(() => mha.Forward(x, x, x));
        Assert.Equal(80, summary.TotalParameters);
        Assert.Equal(1224, summary.TotalFlops);
        Assert.Equal(1224, summary.Layers[0].Flops);
        Assert.False(summary.HasUncountedLayers);
    }

    /// <summary>
    /// Cross-attention, batch first, E = 4, 2 heads, kdim 3, vdim 5, L = 3, S = 4, N = 2, with a zero-attention column
    /// (S' = 5). Projections: Q 2·2·3·4·4 = 192, K 2·2·4·3·4 = 192, V 2·2·4·5·4 = 320, biases 24 + 2·32 = 88 (792);
    /// scores 2·N·L·S'·E = 240, scale and softmax 2·N·H·L·S' = 120, weighted values 240 (600); output 192 + 24 = 216.
    /// Total 1608. Parameters: q 16, k 12, v 20, in_proj_bias 12, out_proj 20 = 80.
    /// </summary>
    [Fact]
    public void CrossAttentionCountsTheKeyAndValueWidthsAndTheExtraColumn()
    {
        var mha = new MultiheadAttention(4, 2, addZeroAttn: true, kdim: 3, vdim: 5, batchFirst: true);
        var summary = mha.Summary(() => mha.Forward(Tensor.Zeros(2, 3, 4), Tensor.Zeros(2, 4, 3), Tensor.Zeros(2, 4, 5)));
        Assert.Equal(80, summary.TotalParameters);
        Assert.Equal(1608, summary.TotalFlops);
    }

    /// <summary>
    /// Encoder layer d = 4, 2 heads, feed-forward 6, input [3, 2, 4] (6 rows): self-attention 1224 (as above); linear1
    /// 2·6·4·6 + 36 = 324; linear2 2·6·6·4 + 24 = 312; two layer norms 4·24 each = 192; the ReLU 6·6 = 36 and two
    /// residual sums 2·24 = 48. Total 2136. Parameters 80 + 30 + 28 + 16 = 154.
    /// </summary>
    [Fact]
    public void EncoderLayerAddsItsActivationAndResidualSums()
    {
        var layer = new TransformerEncoderLayer(4, 2, 6, dropout: 0);
        var summary = layer.Summary(() => layer.Forward(Tensor.Zeros(3, 2, 4)));
        Assert.Equal(154, summary.TotalParameters);
        Assert.Equal(2136, summary.TotalFlops);
        Assert.Equal(1224, summary.Layers.Single(l => l.Name == "self_attn").Flops);
        Assert.False(summary.HasUncountedLayers);
    }

    /// <summary>
    /// Decoder layer d = 4, 2 heads, feed-forward 6, target [3, 2, 4], memory [4, 2, 4]: self-attention 1224; cross-
    /// attention with S = 4: projections 192 + 256 + 256 + 24 + 64 = 792, scores 192, scale and softmax 96, values 192,
    /// output 216 (1488); linear1 324, linear2 312, three layer norms 288, the ReLU 36 and three residual sums 72.
    /// Total 3744. Parameters 80 + 80 + 30 + 28 + 24 = 242.
    /// </summary>
    [Fact]
    public void DecoderLayerCountsBothAttentions()
    {
        var layer = new TransformerDecoderLayer(4, 2, 6, dropout: 0);
        var summary = layer.Summary(() => layer.Forward(Tensor.Zeros(3, 2, 4), Tensor.Zeros(4, 2, 4)));
        Assert.Equal(242, summary.TotalParameters);
        Assert.Equal(1488, summary.Layers.Single(l => l.Name == "multihead_attn").Flops);
        Assert.Equal(3744, summary.TotalFlops);
    }
}
