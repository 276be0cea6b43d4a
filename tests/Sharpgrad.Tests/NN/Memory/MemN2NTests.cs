using Sharpgrad.NN.Memory;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN.Memory;

/// <summary>The end-to-end memory network: the paper's position encoding, one hop worked by hand, weight tying and errors.</summary>
public class MemN2NTests
{
    [Fact]
    public void PositionEncodingFollowsThePapersFormula()
    {
        // l_kj = (1 − j/J) − (k/d)(1 − 2j/J), J = 3, d = 2 (rows j, columns k):
        // j = 1: 2/3 − (k/2)(1/3) → 1/2, 1/3;  j = 2: 1/3 + (k/2)(1/3) → 1/2, 2/3;  j = 3: 0 + k/2 → 1/2, 1.
        Close([0.5, 1.0 / 3, 0.5, 2.0 / 3, 0.5, 1], MemN2N.PositionEncoding(3, 2, DType.Float64).Flatten(), tol: 1e-15);
        // J = 1, d = 4: (1 − 1) − (k/4)(1 − 2) = k/4.
        Close([0.25, 0.5, 0.75, 1], MemN2N.PositionEncoding(1, 4, DType.Float64).Flatten(), tol: 1e-15);
    }

    [Fact]
    public void OneHopWorkedByHand()
    {
        // Vocabulary {pad, 1, 2}, d = 2, J = 1 (so l = [1/2, 1]), no temporal encoding. Tables: A¹ = B rows [1, 0], [0, 1];
        // C¹ = W rows [2, 0], [0, 3]. Story: slot 0 says word 1, slot 1 word 2; the question is word 1.
        var model = new MemN2N(3, 2, memorySize: 2, sentenceLength: 1, hops: 1, temporalEncoding: false, dtype: DType.Float64);
        var tables = model.Parameters().ToArray();
        Assert.Equal(2, tables.Length);
        using (Autograd.NoGrad())
        {
            tables[0].CopyFrom(Tensor.From(new double[,] { { 0, 0 }, { 1, 0 }, { 0, 1 } }));
            tables[1].CopyFrom(Tensor.From(new double[,] { { 0, 0 }, { 2, 0 }, { 0, 3 } }));
        }
        var logits = model.Forward(Tensor.From(new long[] { 1, 2 }).View(1, 2, 1), Tensor.From(new long[] { 1 }).View(1, 1));
        // u = [1/2, 0]; m = [1/2, 0], [0, 1]; scores 1/4, 0; c = [1, 0], [0, 3]; u' = u + p₀c₀ + p₁c₁; logits = C¹ u'.
        double p0 = Math.Exp(0.25) / (Math.Exp(0.25) + 1), p1 = 1 - p0;
        double[] u = [0.5 + p0, 3 * p1];
        Close([0, 2 * u[0], 3 * u[1]], logits.Flatten(), tol: 1e-14);
    }

    [Fact]
    public void LinearStartRemovesTheMemorySoftmaxUntilItIsSwitchedBackOn()
    {
        // The hand-worked hop above with p = uᵀm = [1/4, 0] unnormalised (§4.2): u' = [1/2 + 1/4·1, 0], logits = C¹ u'.
        var model = new MemN2N(3, 2, memorySize: 2, sentenceLength: 1, hops: 1, temporalEncoding: false, dtype: DType.Float64) { LinearStart = true };
        var tables = model.Parameters().ToArray();
        using (Autograd.NoGrad())
        {
            tables[0].CopyFrom(Tensor.From(new double[,] { { 0, 0 }, { 1, 0 }, { 0, 1 } }));
            tables[1].CopyFrom(Tensor.From(new double[,] { { 0, 0 }, { 2, 0 }, { 0, 3 } }));
        }
        var story = Tensor.From(new long[] { 1, 2 }).View(1, 2, 1);
        var question = Tensor.From(new long[] { 1 }).View(1, 1);
        Close([0, 1.5, 0], model.Forward(story, question).Flatten(), tol: 1e-14);
        model.LinearStart = false;
        double p0 = Math.Exp(0.25) / (Math.Exp(0.25) + 1);
        Close([0, 2 * (0.5 + p0), 3 * 3 * (1 - p0)], model.Forward(story, question).Flatten(), tol: 1e-14);
    }

    [Fact]
    public void AdjacentTyingHoldsKPlusOneTablesAndEmptySlotsGetNoAttention()
    {
        var model = new MemN2N(5, 3, memorySize: 4, sentenceLength: 2, hops: 3, dtype: DType.Float64, generator: new Generator(3));
        Assert.Equal(
            ["embeddings.0.weight", "embeddings.1.weight", "embeddings.2.weight", "embeddings.3.weight",
             "temporal_encoding.0", "temporal_encoding.1", "temporal_encoding.2", "temporal_encoding.3"],
            model.NamedParameters().Select(p => p.Name).ToArray());
        var question = Tensor.From(new long[] { 1, 2 }).View(1, 2);
        var story = Tensor.From(new long[] { 3, 4, 2, 0, 0, 0, 0, 0 }).View(1, 4, 2);
        // Changing what an empty slot's temporal row holds cannot change the answer, since empty slots are masked.
        var before = model.Forward(story, question);
        using (Autograd.NoGrad()) model.Parameters().Skip(4).First().Narrow(0, 3, 1).Fill(100);
        Close(before, model.Forward(story, question));
    }

    [Fact]
    public void BadInputIsAnErrorNamingTheShapes()
    {
        var model = new MemN2N(5, 3, memorySize: 4, sentenceLength: 2);
        var question = Tensor.From(new long[] { 1, 2 }).View(1, 2);
        var error = Assert.Throws<ArgumentException>(() => model.Forward(Tensor.Zeros([1, 5, 2], DType.Int64), question));
        Assert.Contains("MemN2N: the story must be [batch, sentences ≤ 4, sentenceLength = 2], got shape [1, 5, 2]", error.Message);
        error = Assert.Throws<ArgumentException>(() => model.Forward(Tensor.Zeros([1, 3, 2], DType.Int64), question));
        Assert.Contains("all padding", error.Message);
        error = Assert.Throws<ArgumentException>(() => model.Forward(Tensor.Ones([1, 3, 2], DType.Int64), Tensor.Ones([2, 2], DType.Int64)));
        Assert.Contains("question must be [batch = 1", error.Message);
    }
}
