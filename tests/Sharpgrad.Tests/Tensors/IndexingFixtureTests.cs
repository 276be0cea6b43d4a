using System.Text.Json;
using Sharpgrad.Tests.Support;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Tensors;

/// <summary>
/// Values and gradients of the indexing, scatter, search and product ops against PyTorch 1.13
/// (Fixtures/indexing.json, made by Fixtures/make_indexing_fixtures.py). Each case runs the op named by its key on the
/// stored inputs and compares the output and the gradients of sum(out·G).
/// </summary>
public class IndexingFixtureTests
{
    private static readonly JsonElement Root = Fixture.Load("indexing.json");

    private static TensorIndex All => ..;

    /// <summary>The ops of the fixture's cases, as functions of (float inputs, int64 index tensors); einsum cases are read from the key.</summary>
    private static readonly Dictionary<string, Func<Tensor[], Tensor[], Tensor>> Ops = new()
    {
        ["scatter_reduce amax dim 0"] = (x, i) => x[0].ScatterReduce(0, i[0], x[1], "amax"),
        ["index_fill negative"] = (x, i) => x[0].IndexFill(1, i[0], -2.5),
        ["index_fill tensor value"] = (x, i) => x[0].IndexFill(0, i[0], x[1]),
        ["index_copy"] = (x, i) => x[0].IndexCopy(1, i[0], x[1]),
        ["masked_fill tensor value"] = (x, i) => x[0].MaskedFill(i[0].Bool(), x[1]),
        ["index_put"] = (x, i) => x[0].IndexPut([i[0], i[1]], x[1]),
        ["index_put accumulate repeats"] = (x, i) => x[0].IndexPut([i[0]], x[1], accumulate: true),
        ["index_put broadcast value"] = (x, i) => x[0].IndexPut([i[0]], x[1]),
        ["where broadcasts all three"] = (x, i) => Tensor.Where(i[0].Bool(), x[0], x[1]),
        ["x[idx2d]"] = (x, i) => x[0][i[0]],
        ["x[:, idx2d]"] = (x, i) => x[0][All, i[0]],
        ["x[i, j] broadcast"] = (x, i) => x[0][i[0], i[1]],
        ["x[i, :, j] separated"] = (x, i) => x[0][i[0], All, i[1]],
        ["x[:, i, j] adjacent"] = (x, i) => x[0][All, i[0], i[1]],
        ["x[0, :, i] int and tensor"] = (x, i) => x[0][0, All, i[0]],
        ["x[mask] leading dims"] = (x, i) => x[0][i[0].Bool()],
        ["x[:, mask1d]"] = (x, i) => x[0][All, i[0].Bool()],
        ["x[idx, None, 1:]"] = (x, i) => x[0][i[0], TensorIndex.NewAxis, 1..],
        ["kron 2-D"] = (x, _) => x[0].Kron(x[1]),
        ["kron ranks differ"] = (x, _) => x[0].Kron(x[1]),
        ["tensordot 2"] = (x, _) => x[0].Tensordot(x[1]),
        ["tensordot pairs"] = (x, _) => x[0].Tensordot(x[1], [0, 2], [2, 1]),
        ["tensordot 0"] = (x, _) => x[0].Tensordot(x[1], 0),
        ["outer"] = (x, _) => x[0].Outer(x[1]),
        ["cross dim -1 broadcast"] = (x, _) => x[0].Cross(x[1]),
        ["cross dim 0"] = (x, _) => x[0].Cross(x[1], dim: 0),
        ["cdist batched"] = (x, _) => Tensor.Cdist(x[0], x[1]),
    };

    private static Func<Tensor[], Tensor[], Tensor> OpOf(string name)
    {
        if (Ops.TryGetValue(name, out var op)) return op;
        if (name.StartsWith("einsum ", StringComparison.Ordinal)) return (x, _) => Tensor.Einsum(name["einsum ".Length..], x);
        if (name.StartsWith("cdist p=", StringComparison.Ordinal))
        {
            var text = name["cdist p=".Length..];
            double p = text == "inf" ? double.PositiveInfinity : double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
            return (x, _) => Tensor.Cdist(x[0], x[1], p);
        }
        var scatter = System.Text.RegularExpressions.Regex.Match(name, @"^scatter_reduce (\w+) include_self=(True|False)$");
        if (scatter.Success)
            return (x, i) => x[0].ScatterReduce(1, i[0], x[1], scatter.Groups[1].Value, includeSelf: scatter.Groups[2].Value == "True");
        throw new InvalidOperationException($"no op for fixture case \"{name}\"");
    }

    public static TheoryData<string> Cases() => [.. Root.GetProperty("cases").EnumerateObject().Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void ValueAndGradientMatchPyTorch(string name)
    {
        var json = Root.GetProperty("cases").GetProperty(name);
        var inputs = json.GetProperty("inputs").EnumerateArray().Select(t => Fixture.Tensor(t).RequireGrad()).ToArray();
        var indices = json.GetProperty("indices").EnumerateArray().Select(t => Fixture.Tensor(t, DType.Int64)).ToArray();
        var output = OpOf(name)(inputs, indices);
        Close(Fixture.Tensor(json.GetProperty("out")), output, 1e-12);
        var loss = (output * Fixture.Tensor(json.GetProperty("G"))).Sum();
        var grads = Autograd.Grad([loss], inputs, allowUnused: true);
        var expected = json.GetProperty("grads").EnumerateArray().Select(t => Fixture.Tensor(t)).ToArray();
        for (int k = 0; k < inputs.Length; k++) Close(expected[k], grads[k], 1e-12);
    }

    private static Tensor Expected(string name) => Fixture.Tensor(Root.GetProperty("values").GetProperty(name), DType.Int64);

    private static void Same(string name, Tensor actual)
    {
        Assert.Equal(DType.Int64, actual.DType);
        Assert.Equal(Expected(name).Shape, actual.Shape);
        Assert.Equal(Expected(name).ToArray<long>(), actual.ToArray<long>());
    }

    [Fact]
    public void CountingAndSearchMatchPyTorch()
    {
        Same("nonzero", Tensor.From(new[,] { { 0.0, 1.5, 0.0 }, { 2.0, 0.0, -1.0 } }).Nonzero());
        Same("bincount", Tensor.From(new long[] { 1, 3, 1, 0, 3, 3 }).Bincount());
        Same("bincount minlength", Tensor.From(new long[] { 1, 3, 1 }).Bincount(minlength: 6));
        var weighted = Tensor.From(new long[] { 1, 3, 1, 0 }).Bincount(Tensor.From(new[] { 0.5, 1.0, 2.0, -1.0 }));
        Close(Fixture.Tensor(Root.GetProperty("values").GetProperty("bincount weights")), weighted);
        var seq = Tensor.From(new[] { 1.0, 3.0, 3.0, 5.0, 7.0 });
        var values = Tensor.From(new[,] { { 0.0, 3.0, 4.0 }, { 7.0, 8.0, 5.0 } });
        Same("searchsorted left", Tensor.SearchSorted(seq, values));
        Same("searchsorted right", Tensor.SearchSorted(seq, values, right: true));
        var batchedSeq = Tensor.From(new[,] { { 1.0, 2.0, 4.0 }, { 0.0, 5.0, 6.0 } });
        var batchedValues = Tensor.From(new[,] { { 2.0, 0.0 }, { 5.0, 7.0 } });
        Same("searchsorted batched", Tensor.SearchSorted(batchedSeq, batchedValues));
        Same("searchsorted batched right", Tensor.SearchSorted(batchedSeq, batchedValues, right: true));
        Same("bucketize", values.Bucketize(seq));
        Same("bucketize right", values.Bucketize(seq, right: true));
    }
}
