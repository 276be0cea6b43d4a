using System.Text.Json;
using Sharpgrad.Tests.Support;
using Sharpgrad.Text.Embeddings;

namespace Sharpgrad.Tests.Text.Embeddings;

public class KeyedVectorsTests
{
    /// <summary>
    /// a, b, c on the axes of 3-d space and three candidates with hand-picked cosines to them (y stored at twice unit
    /// length, which must not matter): x = (0.48, 0.6, 0.64), y = 2·(−0.8, 0.6, 0), z = (0, 1/√2, 1/√2).
    /// </summary>
    private static KeyedVectors Axes()
    {
        float h = (float)(1 / Math.Sqrt(2));
        return new(["a", "b", "c", "x", "y", "z"], [1, 0, 0, 0, 1, 0, 0, 0, 1, 0.48f, 0.6f, 0.64f, -1.6f, 1.2f, 0, 0, h, h], 3);
    }

    /// <summary>
    /// "a : b :: c : ?". 3CosAdd = cos(·,b) − cos(·,a) + cos(·,c): x 0.6 − 0.48 + 0.64 = 0.76, y 0.6 + 0.8 + 0 = 1.4,
    /// z 0.7071 + 0 + 0.7071 = √2, so z wins. 3CosMul with cos′ = (1 + cos)/2 and ε = 0.001: x 0.8·0.82/(0.74 + ε) =
    /// 0.885290, y 0.8·0.5/(0.1 + ε) = 3.960396, z 0.853553²/(0.5 + ε) = 1.454198, so y wins: being far from a
    /// (cos −0.8) is rewarded multiplicatively, Levy &amp; Goldberg's point about the two objectives.
    /// </summary>
    [Fact]
    public void AnalogiesByHand()
    {
        var kv = Axes();
        var add = kv.Analogy("a", "b", "c", AnalogyMethod.CosAdd, topN: 3);
        Assert.Equal(["z", "y", "x"], add.Select(p => p.Word));
        Assert.Equal(Math.Sqrt(2), add[0].Score, 1e-6);
        Assert.Equal(1.4, add[1].Score, 1e-6);
        Assert.Equal(0.76, add[2].Score, 1e-6);
        var mul = kv.Analogy("a", "b", "c", AnalogyMethod.CosMul, topN: 3);
        Assert.Equal(["y", "z", "x"], mul.Select(p => p.Word));
        Assert.Equal(3.960396, mul[0].Score, 1e-5);
        Assert.Equal(1.454198, mul[1].Score, 1e-5);
        Assert.Equal(0.885290, mul[2].Score, 1e-5);
    }

    [Fact]
    public void SimilarityAndNeighboursByHand()
    {
        var kv = Axes();
        Assert.Equal(-0.384 + 0.36, kv.Similarity("x", "y"), 1e-6);
        var near = kv.MostSimilar("c", 2);
        Assert.Equal(["z", "x"], near.Select(p => p.Word));
        Assert.Equal(1 / Math.Sqrt(2), near[0].Similarity, 1e-6);
        Assert.Equal(0.64, near[1].Similarity, 1e-6);
        Assert.Equal([6, 3], kv.ToTensor().Shape.ToArray());
        Assert.Equal([-1.6f, 1.2f, 0f], kv["y"].ToArray());
    }

    [Fact]
    public void AnUnknownWordIsNamed()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => Axes().MostSimilar("zebra"));
        Assert.Equal("KeyedVectors: the word 'zebra' is not in the vocabulary of 6 words.", ex.Message);
        Assert.Contains("the word 'a' appears twice (indices 0 and 1)",
            Assert.Throws<ArgumentException>(() => new KeyedVectors(["a", "a"], [1, 2], 1)).Message);
    }

    /// <summary>gensim's answers on twelve random 5-d vectors (Fixtures/make_word2vec_fixtures.py).</summary>
    [Fact]
    public void QueriesAgreeWithGensim()
    {
        var json = Fixture.Load("word2vec.json");
        var kv = FromFixture(json);
        var near = kv.MostSimilar("king", 4);
        var expected = json.GetProperty("most_similar_king").EnumerateArray().ToList();
        Assert.Equal(expected.Select(e => e[0].GetString()), near.Select(p => p.Word));
        for (int i = 0; i < near.Count; i++) Assert.Equal(expected[i][1].GetDouble(), near[i].Similarity, 1e-6);
        Assert.Equal(json.GetProperty("similarity_cat_dog").GetDouble(), kv.Similarity("cat", "dog"), 1e-6);
        foreach (var query in json.GetProperty("analogies").EnumerateArray())
        {
            string a = query.GetProperty("a").GetString()!, b = query.GetProperty("b").GetString()!, c = query.GetProperty("c").GetString()!;
            Assert.Equal(query.GetProperty("cosadd").EnumerateArray().Select(e => e.GetString()), kv.Analogy(a, b, c, AnalogyMethod.CosAdd, 3).Select(p => p.Word));
            var mul = kv.Analogy(a, b, c, AnalogyMethod.CosMul, 3);
            Assert.Equal(query.GetProperty("cosmul").EnumerateArray().Select(e => e.GetString()), mul.Select(p => p.Word));
            Assert.Equal(Fixture.Doubles(query.GetProperty("cosmul_scores_eps_1e-3")), mul.Select(p => p.Score), new ToleranceComparer(1e-5));
        }
    }

    internal static KeyedVectors FromFixture(JsonElement json) => new(
        [.. json.GetProperty("words").EnumerateArray().Select(e => e.GetString()!)],
        [.. Fixture.Doubles(json.GetProperty("vectors").GetProperty("data")).Select(x => (float)x)], 5);

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
